using Chatbot.Testing;
using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Tests.Understanding;
using Chatbot.Dialogs.Understanding;
using Chatbot.Dialogs.Testing.Recording;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chatbot.Bot.Tests.Understanding.Recording;

public sealed class CassetteChatClientTests : IAsyncLifetime, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "chatbot-cassette-" + Guid.NewGuid().ToString("N") + ".json");
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => File.Delete(_path);

    private static IUnderstanding Understanding(IChatClient client) =>
        new LlmUnderstanding(client, timeProvider: new FakeTimeProvider()).AsBuilder().UseFallback(LexicalUnderstanding.Create()).Build();

    [Fact]
    public async Task Recorded_answers_replay_without_calling_the_model()
    {
        _server.EnqueueCommands(new { kind = "start_flow", flow = "book_table", slot = (string?)null, value = (string?)null, flows = Array.Empty<string>() });
        var recording = Cassette.Load(_path);
        var recorder = new CassetteChatClient(ChatClientFactory.CreateAzure(_server.BaseUri, "gpt-4o", "k"), recording, CassetteMode.Record, "gpt-4o");
        var recorded = await Understanding(recorder).UnderstandAsync(SampleRequests.TopLevel("got room for six on friday"), CancellationToken.None);
        await recording.SaveAsync(CancellationToken.None);

        var offline = new Mock<IChatClient>(MockBehavior.Strict);
        var replayer = new CassetteChatClient(offline.Object, Cassette.Load(_path), CassetteMode.Replay, "gpt-4o");
        var replayed = await Understanding(replayer).UnderstandAsync(SampleRequests.TopLevel("got room for six on friday"), CancellationToken.None);

        Assert.Equal([new StartFlowCommand("book_table")], recorded.Commands);
        Assert.Equal(recorded.Commands, replayed.Commands);
        Assert.Equal("llm", replayed.Path);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_changed_prompt_reports_re_record_needed_instead_of_falling_back()
    {
        var cassette = Cassette.Load(_path);
        var replayer = new CassetteChatClient(new Mock<IChatClient>(MockBehavior.Strict).Object, cassette, CassetteMode.Replay, "gpt-4o");

        var error = await Assert.ThrowsAsync<CassetteMissException>(() => Understanding(replayer).UnderstandAsync(SampleRequests.TopLevel("anything new"), CancellationToken.None).AsTask());

        Assert.StartsWith("re-record needed: no recorded answer for prompt ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("run the tests with --record.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_changes_with_model_prompt_and_schema()
    {
        List<ChatMessage> prompt = [new(ChatRole.System, "rules"), new(ChatRole.User, "hello")];
        var key = Cassette.KeyOf("gpt-4o", prompt, null);

        Assert.Equal(key, Cassette.KeyOf("gpt-4o", [new(ChatRole.System, "rules"), new(ChatRole.User, "hello")], null));
        Assert.NotEqual(key, Cassette.KeyOf("gpt-4o-mini", prompt, null));
        Assert.NotEqual(key, Cassette.KeyOf("gpt-4o", [new(ChatRole.System, "rules!"), new(ChatRole.User, "hello")], null));
        Assert.NotEqual(key, Cassette.KeyOf("gpt-4o", prompt, new ChatOptions { Temperature = 0 }));
    }
}
