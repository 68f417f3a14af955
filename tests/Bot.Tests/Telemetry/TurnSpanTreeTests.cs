using Moq;
using System.Diagnostics;
using Chatbot.Bot.Telemetry;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using BotActivity = Chatbot.Channels.Activities.Activity;
using ChannelAccount = Chatbot.Channels.Activities.ChannelAccount;
using ConversationAccount = Chatbot.Channels.Activities.ConversationAccount;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>
/// One turn through the real pipeline (<c>AddChatbot(...).UseTelemetry(...)</c>, fakes at the edges): the span tree an
/// operator sees, its attributes, and what it must never contain.
/// </summary>
public sealed class TurnSpanTreeTests
{
    private const string UserText = "I want a large pizza for Alice";
    private const string ConversationId = "19:meeting_abc@thread.v2;messageid=42";

    [Fact]
    public async Task A_turn_is_one_tree_with_storage_dialog_understanding_and_connector_spans()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);

        await turn.RunAsync(Message(UserText));

        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Equal(
            [TelemetryNames.Spans.StorageRead, TelemetryNames.Spans.DialogTurn, TelemetryNames.Spans.StorageWrite, TelemetryNames.Spans.ConnectorSend, TelemetryNames.Spans.StorageWrite],
            harness.ChildrenOf(root).Select(s => s.OperationName));
        var dialog = harness.Span(TelemetryNames.Spans.DialogTurn);
        Assert.Equal([TelemetryNames.Spans.Understanding, TelemetryNames.Spans.Phrasing], harness.ChildrenOf(dialog).Select(s => s.OperationName));
        Assert.All(harness.Spans, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));
    }

    [Fact]
    public async Task The_root_span_names_channel_activity_type_status_and_a_hashed_conversation()
    {
        using var harness = new TelemetryHarness();

        using var turn = new TurnUnderTest(harness);
        await turn.RunAsync(Message(UserText));

        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal("msteams", root.GetTagItem(TelemetryTags.Channel));
        Assert.Equal("message", root.GetTagItem(TelemetryTags.ActivityType));
        Assert.Equal("activity-1", root.GetTagItem(TelemetryTags.ActivityId));
        Assert.Equal(200, root.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.Equal("ok", root.GetTagItem(TelemetryTags.Outcome));
        var hash = Assert.IsType<string>(root.GetTagItem(TelemetryTags.ConversationHash));
        Assert.Matches("^[0-9a-f]{16}$", hash);

        // Same conversation, same hash: an operator can follow one conversation across stateless invocations.
        await turn.RunAsync(Message("again", id: "activity-2"));
        Assert.All(harness.Spans.Where(s => s.OperationName == TelemetryNames.Spans.Turn), s => Assert.Equal(hash, s.GetTagItem(TelemetryTags.ConversationHash)));
    }

    [Fact]
    public async Task The_dialog_span_carries_flow_step_path_commands_and_llm_usage()
    {
        using var harness = new TelemetryHarness();

        using var turn = new TurnUnderTest(harness);
        await turn.RunAsync(Message(UserText));

        var dialog = harness.Span(TelemetryNames.Spans.DialogTurn);
        Assert.Equal("message", dialog.GetTagItem(TelemetryTags.TurnKind));
        Assert.Equal("order", dialog.GetTagItem(TelemetryTags.Flow));
        Assert.Equal("ask_size", dialog.GetTagItem(TelemetryTags.Step));
        Assert.Equal("llm", dialog.GetTagItem(TelemetryTags.UnderstandingPath));
        Assert.Equal(["set_slot:size"], Assert.IsType<string[]>(dialog.GetTagItem(TelemetryTags.CommandsAccepted)));
        Assert.Equal(["start_flow:refund"], Assert.IsType<string[]>(dialog.GetTagItem(TelemetryTags.CommandsRejected)));
        Assert.Equal(1, dialog.GetTagItem(TelemetryTags.LlmCalls));
        Assert.Equal(120, dialog.GetTagItem(TelemetryTags.InputTokens));
        Assert.Equal(15, dialog.GetTagItem(TelemetryTags.OutputTokens));
        Assert.Equal(1, dialog.GetTagItem(TelemetryTags.ReplyCount));
        Assert.Equal(true, dialog.GetTagItem(TelemetryTags.StateChanged));
        Assert.Equal(["slot size filled"], dialog.Events.Select(e => e.Name));

        var understanding = harness.Span(TelemetryNames.Spans.Understanding);
        Assert.Equal("llm", understanding.GetTagItem(TelemetryTags.UnderstandingPath));
        Assert.Equal(["set_slot:size", "start_flow:refund"], Assert.IsType<string[]>(understanding.GetTagItem(TelemetryTags.Commands)));
        Assert.Equal(120, understanding.GetTagItem(TelemetryTags.InputTokens));
    }

    [Fact]
    public async Task Storage_and_connector_spans_carry_bytes_conditions_and_retries()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);
        turn.Connector.RetriesOnNextSend = 1;

        await turn.RunAsync(Message(UserText));

        var read = harness.Span(TelemetryNames.Spans.StorageRead);
        Assert.Equal(ActivityKind.Client, read.Kind);
        Assert.Equal(false, read.GetTagItem(TelemetryTags.StorageFound));
        var writes = harness.Spans.Where(s => s.OperationName == TelemetryNames.Spans.StorageWrite).ToList();
        Assert.Equal(2, writes.Count);
        var (commit, record) = (writes[0], writes[1]);
        var stored = await turn.StoredBytesAsync(Message(UserText));
        Assert.Equal(false, commit.GetTagItem(TelemetryTags.StorageConditional));
        Assert.Equal(false, commit.GetTagItem(TelemetryTags.StorageConflict));
        Assert.Equal(stored, commit.GetTagItem(TelemetryTags.StorageBytes));
        // The delivery record is a conditional note on the commit: the delivered entry only, far smaller than the document.
        Assert.Equal(true, record.GetTagItem(TelemetryTags.StorageConditional));
        Assert.Equal(await turn.StoredRecordBytesAsync(Message(UserText)), record.GetTagItem(TelemetryTags.StorageBytes));
        Assert.True((int)record.GetTagItem(TelemetryTags.StorageBytes)! * 3 < stored);
        var send = harness.Span(TelemetryNames.Spans.ConnectorSend);
        Assert.Equal("send", send.GetTagItem(TelemetryTags.ConnectorOperation));
        Assert.Equal("message", send.GetTagItem(TelemetryTags.ConnectorActivityType));
        Assert.Equal(1, send.GetTagItem(TelemetryTags.ConnectorRetries));

        // The second turn of the conversation finds the state and writes conditionally.
        await turn.RunAsync(Message("small", id: "activity-2"));
        var reads = harness.Spans.Where(s => s.OperationName == TelemetryNames.Spans.StorageRead).ToList();
        Assert.Equal(true, reads[1].GetTagItem(TelemetryTags.StorageFound));
        Assert.Equal(stored, reads[1].GetTagItem(TelemetryTags.StorageBytes));
        Assert.Equal(true, harness.Spans.Where(s => s.OperationName == TelemetryNames.Spans.StorageWrite).Last().GetTagItem(TelemetryTags.StorageConditional));
    }

    [Fact]
    public async Task No_message_text_or_raw_conversation_id_is_recorded_by_default()
    {
        using var harness = new TelemetryHarness();

        using var turn = new TurnUnderTest(harness);
        await turn.RunAsync(Message(UserText));

        var recorded = AllRecordedValues(harness.Spans);
        Assert.NotEmpty(recorded);
        Assert.DoesNotContain(recorded, v => v.Contains("pizza", StringComparison.Ordinal) || v.Contains("Alice", StringComparison.Ordinal));
        Assert.DoesNotContain(recorded, v => v.Contains("meeting_abc", StringComparison.Ordinal));
        Assert.DoesNotContain(recorded, v => v.Contains("large", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_capture_records_user_and_bot_text_when_switched_on()
    {
        using var harness = new TelemetryHarness(new TelemetryOptions { CaptureContent = true });

        using var turn = new TurnUnderTest(harness);
        await turn.RunAsync(Message(UserText));

        Assert.Equal(UserText, harness.Span(TelemetryNames.Spans.Turn).GetTagItem(TelemetryTags.MessageText));
        var dialog = harness.Span(TelemetryNames.Spans.DialogTurn);
        Assert.Equal(UserText, dialog.GetTagItem(TelemetryTags.MessageText));
        var reply = Assert.Single(dialog.Events, e => e.Name == "reply");
        Assert.Contains(reply.Tags, t => t.Key == TelemetryTags.MessageText && (string?)t.Value == "Which size would you like, Alice?");
    }

    [Fact]
    public async Task A_failing_engine_marks_the_dialog_and_turn_spans_failed_without_the_exception_message()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness, new InvalidOperationException($"boom while handling '{UserText}'"));

        await turn.RunAsync(Message(UserText));

        var dialog = harness.Span(TelemetryNames.Spans.DialogTurn);
        Assert.Equal(ActivityStatusCode.Error, dialog.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, dialog.GetTagItem(TelemetryTags.ErrorType));
        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Equal("error", root.GetTagItem(TelemetryTags.Outcome));
        Assert.Equal(500, root.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.DoesNotContain(AllRecordedValues(harness.Spans), v => v.Contains("pizza", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_write_race_is_visible_as_a_conflict_but_not_an_error()
    {
        using var harness = new TelemetryHarness();
        var store = new TracingConversationStore(new InMemoryConversationStore(), harness.Telemetry);
        await store.WriteAsync("c1", StateBytes, null, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("c1", StateBytes, "\"stale\"", CancellationToken.None));

        var conflicted = harness.Spans.Last(s => s.OperationName == TelemetryNames.Spans.StorageWrite);
        Assert.Equal(true, conflicted.GetTagItem(TelemetryTags.StorageConflict));
        Assert.Equal(true, conflicted.GetTagItem(TelemetryTags.StorageConditional));
        Assert.NotEqual(ActivityStatusCode.Error, conflicted.Status);
        Assert.Empty(harness.Measurements(TelemetryNames.Metrics.Errors));
        Assert.Contains(harness.Measurements(TelemetryNames.Metrics.StorageOperations), m => (string?)m.Tags[TelemetryTags.Outcome] == "conflict");
    }

    [Fact]
    public async Task An_unavailable_store_fails_its_span_and_counts_an_error()
    {
        using var harness = new TelemetryHarness();
        var inner = new Mock<IConversationStore>();
        inner.Setup(s => s.ReadAsync("c1", It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException("Cosmos DB answered 503."));
        var store = new TracingConversationStore(inner.Object, harness.Telemetry);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("c1", CancellationToken.None));

        var read = harness.Span(TelemetryNames.Spans.StorageRead);
        Assert.Equal(ActivityStatusCode.Error, read.Status);
        Assert.Equal(typeof(StoreUnavailableException).FullName, read.GetTagItem(TelemetryTags.ErrorType));
        var error = Assert.Single(harness.Measurements(TelemetryNames.Metrics.Errors));
        Assert.Equal("storage", error.Tags[TelemetryTags.Component]);
        Assert.Equal("unavailable", Assert.Single(harness.Measurements(TelemetryNames.Metrics.StorageOperations)).Tags[TelemetryTags.Outcome]);
    }

    [Theory]
    [InlineData("connector")]
    [InlineData("http")]
    public async Task A_failed_send_records_the_http_status(string failure)
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);
        turn.Connector.Throw = failure == "connector"
            ? new Chatbot.Channels.Connector.ConnectorException(System.Net.HttpStatusCode.Forbidden, "The channel refused the reply.")
            : new HttpRequestException("Forbidden", null, System.Net.HttpStatusCode.Forbidden);

        await turn.RunAsync(Message(UserText));

        var send = harness.Span(TelemetryNames.Spans.ConnectorSend);
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal(403, send.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.Contains(harness.Measurements(TelemetryNames.Metrics.ConnectorOperations), m => (string?)m.Tags[TelemetryTags.Outcome] == "error");
    }

    private static readonly byte[] StateBytes = """{"version":1}"""u8.ToArray();

    internal static BotActivity Message(string text, string id = "activity-1") => new()
    {
        Type = "message",
        Id = id,
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        From = new ChannelAccount { Id = "29:user", Name = "Alice" },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Conversation = new ConversationAccount { Id = ConversationId },
        Text = text,
    };

    private static List<string> AllRecordedValues(IEnumerable<System.Diagnostics.Activity> spans) =>
        spans.SelectMany(s => s.TagObjects.Select(t => Render(t.Value))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => Render(t.Value))))
                .Append(s.DisplayName)
                .Append(s.StatusDescription ?? ""))
            .ToList();

    private static string Render(object? value) => value switch
    {
        string[] array => string.Join(',', array),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
