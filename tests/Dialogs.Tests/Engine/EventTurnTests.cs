using System.Text.Json;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Issue 16 item 2: an event starts its flow (or says its response) with inputs from the payload, or is refused whole.</summary>
public sealed class EventTurnTests
{
    private static Task<TurnOutcome> Event(Conversation c, string name, string payload) =>
        c.Run(new TurnInput { Kind = TurnKind.Event, EventName = name, EventPayload = JsonDocument.Parse(payload).RootElement, Locale = "en", State = c.State, Now = Conversation.Now });

    [Fact]
    public async Task An_event_tells_the_user_with_the_payload_values_read_like_answers()
    {
        var c = new Conversation(Sample.Bot());

        // The regex type's normalisation applies (lower case, dash) as to a typed answer.
        await Event(c, "order_shipped", """{"orderNumber":"ab-12345","estimatedDelivery":"2026-12-01"}""");

        Assert.Null(c.Last.Rejection);
        Assert.Equal("order_shipped", c.Ids);
        Assert.Equal("Order AB12345 has shipped and should arrive on Tuesday, December 1, 2026.", c.Text);
        Assert.Empty(c.Flows);
        Assert.Contains("event:order_shipped", c.Last.Trace.Events);
    }

    [Fact]
    public async Task An_optional_input_may_be_missing()
    {
        var c = new Conversation(Sample.Bot());

        await Event(c, "order_shipped", """{"orderNumber":"AB12345"}""");

        Assert.Equal("Order AB12345 has shipped.", c.Text);
    }

    [Fact]
    public async Task An_event_during_a_question_says_its_news_and_asks_the_question_again()
    {
        var c = new Conversation(Sample.Bot());
        await c.Say("where is my order");
        Assert.Equal("ask_order_id", c.Ids);

        await Event(c, "order_shipped", """{"orderNumber":"CD67890"}""");

        Assert.StartsWith("order_shipped,", c.Ids, StringComparison.Ordinal);
        Assert.EndsWith("ask_order_id", c.Ids, StringComparison.Ordinal);
        Assert.Equal(["order_status"], c.Flows);
    }

    [Theory]
    [InlineData("""{"estimatedDelivery":"2026-12-01"}""", "payload field 'orderNumber' is required")]
    [InlineData("""{"orderNumber":"nope","estimatedDelivery":"2026-12-01"}""", "payload field 'orderNumber' is not a valid order_number")]
    [InlineData("""{"orderNumber":"AB12345","estimatedDelivery":"someday"}""", "payload field 'estimatedDelivery' is not a valid date")]
    [InlineData("""{"orderNumber":{"id":"AB12345"}}""", "payload field 'orderNumber' must be a string, number or boolean")]
    [InlineData("""[]""", "payload field 'orderNumber' is required")]
    public async Task A_bad_payload_is_refused_with_the_reason_and_changes_nothing(string payload, string reason)
    {
        var c = new Conversation(Sample.Bot());
        await c.Say("where is my order");
        var before = c.StateJson;

        await Event(c, "order_shipped", payload);

        Assert.Equal(EventRejectionKind.BadEvent, c.Last.Rejection?.Kind);
        Assert.StartsWith(reason, c.Last.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Empty(c.Last.Replies);
        Assert.False(c.Last.StateChanged);
        Assert.Equal(before, c.StateJson);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once()
    {
        var c = new Conversation(Sample.Bot());

        await Event(c, "order_shipped", """{"orderNumber":"x","estimatedDelivery":"someday"}""");

        Assert.Contains("'orderNumber'", c.Last.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("; payload field 'estimatedDelivery'", c.Last.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_event_is_refused_naming_the_known_ones()
    {
        var c = new Conversation(Sample.Bot());

        await Event(c, "order_lost", "{}");

        Assert.Equal("unknown event 'order_lost' (known events: order_shipped)", c.Last.Rejection!.Reason);
        Assert.Null(c.State?.Stack.Count is > 0 ? c.State : null);
    }

    [Fact]
    public async Task A_say_event_fills_bot_wide_slots_and_says_its_response()
    {
        var bot = TestBots.Compile("""
            slots:
              customer: text
            events:
              greeting_card:
                say: card_sent
                inputs:
                  customer: name
            responses:
              card_sent: { text: { en: "A card for {{ customer }} is on its way." } }
            """);
        var c = new Conversation(bot);

        await Event(c, "greeting_card", """{"name":"Ada"}""");

        Assert.Equal("A card for Ada is on its way.", c.Text);
        Assert.Equal("Ada", c.Slot("customer"));
    }

    [Fact]
    public async Task An_event_whose_flow_is_already_running_is_a_conflict()
    {
        var bot = TestBots.Compile("""
            events:
              nudge: { start: chat }
            flows:
              chat:
                description: Chat
                examples: { en: [chat] }
                slots: { topic: text }
                steps:
                  - ask: topic
                    response: ask_topic
                  - end: bye
            responses:
              ask_topic: { text: { en: "What about?" } }
              bye: { text: { en: "Bye." } }
            """);
        var c = new Conversation(bot);
        await Event(c, "nudge", "{}");
        Assert.Equal("ask_topic", c.Ids);

        await Event(c, "nudge", "{}");

        Assert.Equal(EventRejectionKind.Conflict, c.Last.Rejection?.Kind);
        Assert.Equal("flow 'chat' is already in progress in this conversation", c.Last.Rejection!.Reason);
    }
}
