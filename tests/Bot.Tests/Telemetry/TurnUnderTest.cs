using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using BotActivity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>
/// A minimal turn pipeline built from the tracing wrappers around fakes: root span, read state, run the dialog,
/// save state, send replies, answer 200 (or 500 when something throws). Stands in for the real pipeline.
/// </summary>
internal sealed class TurnUnderTest
{
    public static readonly byte[] StateBytes = """{"version":1}"""u8.ToArray();

    private readonly TelemetryHarness _harness;
    private readonly IConversationStore _store;
    private readonly IDialogEngine _engine;
    private readonly IConnectorClient _connector;

    public TurnUnderTest(TelemetryHarness harness, Exception? engineFailure = null)
    {
        _harness = harness;
        var telemetry = harness.Telemetry;
        _store = new TracingConversationStore(new InMemoryConversationStore(), telemetry);
        var understanding = new TracingUnderstanding(new FakeUnderstanding(), telemetry);
        _engine = new TracingDialogEngine(new FakeDialogEngine(understanding, Trace) { Throw = engineFailure }, telemetry);
        _connector = new TracingConnectorClient(Connector, telemetry);
    }

    public FakeConnector Connector { get; } = new();

    /// <summary>How long each turn takes on the fake clock.</summary>
    public static TimeSpan TurnDuration { get; } = TimeSpan.FromMilliseconds(1500);

    public async Task<int> RunAsync(BotActivity activity)
    {
        using var turn = _harness.Telemetry.StartTurn(activity);
        try
        {
            var key = DocumentIds.ForConversation(activity.ChannelId!, activity.Conversation!.Id!);
            var document = await _store.ReadAsync(key, CancellationToken.None);
            var outcome = await _engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = activity.Text }, CancellationToken.None);
            await _store.WriteAsync(key, StateBytes, document?.ETag, CancellationToken.None);
            foreach (var reply in outcome.Replies)
            {
                await _connector.SendAsync(new BotActivity { Type = "message", Text = reply.Text, ReplyToId = activity.Id }, CancellationToken.None);
            }

            _harness.Clock.Advance(TurnDuration);
            turn.Complete(200);
            return 200;
        }
        catch (Exception ex)
        {
            _harness.Clock.Advance(TurnDuration);
            turn.Fail(ex);
            return 500;
        }
    }

    private static TurnTrace Trace()
    {
        var trace = new TurnTrace
        {
            Path = "llm",
            FlowId = "order",
            StepId = "ask_size",
            LlmCalls = 1,
            TokensIn = 120,
            TokensOut = 15,
            UnderstandingLatency = TimeSpan.FromMilliseconds(420),
        };
        trace.CommandsAccepted.Add("set_slot:size");
        trace.CommandsRejected.Add("start_flow:refund");
        trace.Events.Add("slot size filled");
        return trace;
    }
}
