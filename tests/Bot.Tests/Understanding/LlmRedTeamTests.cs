using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Tests.Understanding;
using Chatbot.Dialogs.Understanding;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Understanding;

/// <summary>
/// Issue 12, the model as untrusted input: a local OpenAI-compatible server answers what a misbehaving model or endpoint
/// would, through the real Azure OpenAI client. The recognizer never throws, keeps only valid commands, and tells the
/// operator one line without the user's text.
/// </summary>
public sealed class LlmRedTeamTests : IAsyncLifetime
{
    private const string Secret = "my secret words";
    private FakeOpenAIServer _server = null!;
    private readonly FakeLogger<LlmUnderstanding> _log = new();

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LlmUnderstanding Llm(TimeProvider? time = null, UnderstandingOptions? options = null) =>
        new(ChatClientFactory.CreateAzure(_server.BaseUri, "gpt-4o", "k"), options, time ?? new FakeTimeProvider(SampleRequests.Now), _log);

    private const string OrderStatus = """{"commands":[{"kind":"start_flow","flow":"order_status","slot":null,"value":null,"flows":[]}]}""";

    private async Task<UnderstandingResult> AskAsync(string text = "where is my parcel " + Secret) =>
        await Llm().UnderstandAsync(SampleRequests.TopLevel(text), CancellationToken.None);

    [Theory]
    [InlineData("```json\n" + OrderStatus + "\n```")]
    [InlineData("```\n" + OrderStatus + "\n```")]
    [InlineData(OrderStatus + "\n\nI chose order_status because the user asks about a parcel.")]
    [InlineData("Here you go:\n" + OrderStatus)]
    public async Task One_command_object_wrapped_in_a_code_fence_or_prose_is_read(string content)
    {
        _server.EnqueueContent(content);

        var result = await AskAsync();

        Assert.Null(result.Error);
        Assert.Equal([new StartFlowCommand("order_status")], result.Commands);
    }

    [Theory]
    [InlineData(OrderStatus + OrderStatus, "malformed_output")]
    [InlineData(OrderStatus + "\n" + """{"commands":[{"kind":"handoff","flow":null,"slot":null,"value":null,"flows":[]}]}""", "malformed_output")]
    [InlineData("""{"commands":[{"kind":"start_flow","flow":"order_st""", "malformed_output")]
    [InlineData("I'm sorry, but I can't help with that request.", "malformed_output")]
    [InlineData("   ", "empty_output")]
    public async Task Output_that_is_not_one_command_object_is_an_error_logged_once_without_user_text(string content, string error)
    {
        _server.EnqueueContent(content);

        var result = await AskAsync();

        Assert.Equal(error, result.Error);
        Assert.Empty(result.Commands);
        var line = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Contains(error, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}""")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"stop"}]}""")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"{\"commands\":[]}"},"finish_reason":"content_filter"}]}""")]
    [InlineData("""not json at all""")]
    public async Task Odd_completions_are_errors_not_exceptions(string body)
    {
        _server.EnqueueBody(body);

        var result = await AskAsync();

        Assert.NotNull(result.Error);
        Assert.Empty(result.Commands);
        var line = Assert.Single(_log.Collector.GetSnapshot());
        Assert.DoesNotContain(Secret, line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "http_400")]
    [InlineData(401, "http_401")]
    [InlineData(404, "http_404")]
    [InlineData(500, "server_error")]
    public async Task Endpoint_errors_are_one_log_line_without_user_text(int status, string error)
    {
        _server.EnqueueStatus(status);

        var result = await AskAsync();

        Assert.Equal(error, result.Error);
        var line = Assert.Single(_log.Collector.GetSnapshot());
        Assert.DoesNotContain(Secret, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_stalls_past_the_budget_is_a_timeout()
    {
        var time = new FakeTimeProvider(SampleRequests.Now);
        var release = new TaskCompletionSource();
        _server.EnqueueStalledBody(release.Task, OrderStatus);

        var pending = Llm(time).UnderstandAsync(SampleRequests.TopLevel("where is my parcel"), CancellationToken.None).AsTask();
        await _server.RequestArrived.Task;
        time.Advance(TimeSpan.FromSeconds(4));
        var result = await pending;
        release.SetResult();

        Assert.Equal("timeout", result.Error);
    }

    [Theory]
    [InlineData("party_size", "tomorrow", "not an integer")]
    [InlineData("party_size", "1,5", "not an integer")]
    [InlineData("date", "the day after the day after", "not a date")]
    public async Task Slot_values_of_the_wrong_kind_are_dropped_without_echoing_them(string slot, string value, string reason)
    {
        _server.EnqueueCommands(new { kind = "set_slot", flow = (string?)null, slot, value, flows = Array.Empty<string>() });

        var result = await Llm().UnderstandAsync(SampleRequests.AskingSize("some answer"), CancellationToken.None);

        Assert.Empty(result.Commands);
        var dropped = Assert.Single(result.Dropped);
        Assert.Contains(reason, dropped, StringComparison.Ordinal);
        Assert.DoesNotContain(value, dropped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_slot_value_is_dropped()
    {
        var request = SampleRequests.AskingSize("my name is Bob");
        request = new UnderstandingRequest
        {
            Text = request.Text, Language = "en", Flows = request.Flows, ExpectedSlot = new SlotInfo { Name = "name", Kind = "text" },
            Slots = [new SlotInfo { Name = "name", Kind = "text" }], AllowedCommands = request.AllowedCommands, Now = request.Now, TimeZone = request.TimeZone,
        };
        _server.EnqueueCommands(new { kind = "set_slot", flow = (string?)null, slot = "name", value = new string('B', 2_000_000), flows = Array.Empty<string>() });

        var result = await Llm().UnderstandAsync(request, CancellationToken.None);

        Assert.Empty(result.Commands);
    }
}
