using Microsoft.Extensions.AI;

namespace Chatbot.Cli.Tests;

/// <summary>
/// Every bot under samples/ is held to the main sample's bar: it validates without warnings, its files match the
/// published schemas, and its author tests pass with every local recognizer (CI runs this through ./test.sh).
/// </summary>
public sealed class SampleBotsTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "samples");

    private static IEnumerable<string> Names() => Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal);

    public static TheoryData<string> Bots() => [.. Names()];

    public static TheoryData<string, string> BotsAndRecognizers()
    {
        var data = new TheoryData<string, string>();
        foreach (var bot in Names())
        {
            foreach (var recognizer in new[] { "scripted", "lexical", "embedded" }) data.Add(bot, recognizer);
        }
        return data;
    }

    [Fact]
    public void The_clinic_is_one_of_the_samples() => Assert.Contains("clinic", Names());

    [Theory]
    [MemberData(nameof(Bots))]
    public async Task It_is_valid_without_warnings(string bot)
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "validate", Path.Combine(Root, bot));

        Assert.True(exit == 0, output);
        Assert.Matches(@"valid \(\d+ flows, 0 warning\(s\)\)", output);
    }

    [Theory]
    [MemberData(nameof(BotsAndRecognizers))]
    public async Task Its_author_tests_pass(string bot, string recognizer)
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "test", Path.Combine(Root, bot), "--recognizer", recognizer);

        Assert.True(exit == 0, output);
        Assert.Matches(@"Tests: [1-9]\d* passed, 0 failed", output);
    }

    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Its_files_match_the_published_schemas(string file)
    {
        var json = file.EndsWith(".test.yaml", StringComparison.Ordinal) ? TestSchemaTests.Schema : FlowersBotTests.DialogsSchema; // one instance per $id: JsonSchema.Net registers schemas globally

        Assert.Equal("", TestSchemaTests.Violations(json, Path.Combine(Root, file)));
    }

    [Fact]
    public async Task A_knowledge_file_that_goes_missing_fails_validation_at_its_name()
    {
        var folder = CopyOfClinic();
        try
        {
            File.Delete(Path.Combine(folder, "knowledge", "practice.md"));

            var (exit, output, _) = await CliHarness.RunAsync("", "validate", folder);

            Assert.Equal(1, exit);
            Assert.Matches(@"bot\.yaml:12:11: error DLG1080: knowledge file 'knowledge/practice\.md' does not exist", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_generated_knowledge_answer_is_recorded_and_replayed_without_a_model()
    {
        var folder = CopyOfClinic();
        try
        {
            File.WriteAllText(Path.Combine(folder, "tests", "parking.test.yaml"), """
                name: parking
                now: 2026-03-02T09:00:00Z
                cases:
                  - name: answered by the model from the passage
                    turns:
                      - user: is there parking?
                        flow_started: practice_question
                        says: looking_up            # async: true, so the written answer comes from the queue
                      - wait: 5s
                        says: answer
                        says_text: "Yes: free parking for patients behind the building, entrance from Garden Street."
                """);
            var model = new KnowledgeModel();

            var recorded = await CliHarness.RunAsync(new CliAppSettings(model), "", "test", folder, "--recognizer", "recorded", "--record");
            Assert.True(recorded.Exit == 0, recorded.Out);
            Assert.Equal(2, model.Calls); // understanding, then the answer

            var replayed = await CliHarness.RunAsync("", "test", folder, "--recognizer", "recorded", "--model", "test-model");
            Assert.True(replayed.Exit == 0, replayed.Out);
            Assert.Equal(2, model.Calls);

            // The passages are part of the prompt: an edited text needs a new recording.
            var markdown = Path.Combine(folder, "knowledge", "practice.md");
            File.WriteAllText(markdown, File.ReadAllText(markdown).Replace("enter from Garden Street", "enter from Mill Lane", StringComparison.Ordinal));
            var changed = await CliHarness.RunAsync("", "test", folder, "--recognizer", "recorded", "--model", "test-model");
            Assert.Equal(1, changed.Exit);
            Assert.Contains("parking.test.yaml:9:9: re-record needed", changed.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_graph_names_the_knowledge_answer()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "graph", Path.Combine(Root, "clinic"));

        Assert.Equal(0, exit);
        Assert.Contains("[\"answer from knowledge\"]", output);
    }

    private static string CopyOfClinic()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-clinic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "tests"));
        Directory.CreateDirectory(Path.Combine(folder, "knowledge"));
        File.Copy(Path.Combine(Root, "clinic", "bot.yaml"), Path.Combine(folder, "bot.yaml"));
        File.Copy(Path.Combine(Root, "clinic", "knowledge", "practice.md"), Path.Combine(folder, "knowledge", "practice.md"));
        return folder;
    }

    /// <summary>Plays the LLM: starts the question flow, and answers a grounded request from its passages.</summary>
    private sealed class KnowledgeModel : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var system = messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
            var text = system.Contains("using only the passages", StringComparison.Ordinal)
                ? "Yes: free parking for patients behind the building, entrance from Garden Street."
                : """{"commands":[{"kind":"start_flow","flow":"practice_question"}]}""";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
