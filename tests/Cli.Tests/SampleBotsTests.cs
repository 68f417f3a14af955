using System.Text.Json;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Cli.Tests;

/// <summary>
/// Every bot under samples/ is held to the main sample's bar: it validates without warnings, its files match the
/// published schemas, and its author tests pass with every local recognizer (CI runs this through ./test.sh).
/// </summary>
public sealed class SampleBotsTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "samples");

    private static readonly JsonSchema DialogsSchema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "dialogs.schema.json")));

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
        var json = file.EndsWith(".test.yaml", StringComparison.Ordinal) ? TestSchemaTests.Schema : DialogsSchema;
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root, file))));
        using var document = JsonDocument.Parse(TestSchemaTests.ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");

        var result = json.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public async Task A_knowledge_file_that_goes_missing_fails_validation_at_its_name()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-clinic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(Root, "clinic", "bot.yaml"), Path.Combine(folder, "bot.yaml"));

            var (exit, output, _) = await CliHarness.RunAsync("", "validate", folder);

            Assert.Equal(1, exit);
            Assert.Matches(@"bot\.yaml:12:11: error DLG1080: knowledge file 'knowledge/practice\.md' does not exist", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
