using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A cancel phrase with nothing running has nothing to cancel. "cancel my order" was read as the built-in cancel and
/// refused ("not understood") even in a shop bot whose order cancellation lists it as an example; found in the lead's
/// trial (session 11) with a bot built like the held-out intent sets.
/// </summary>
public sealed class CancelWithNothingRunningTests
{
    private const string Shop = """
        flows:
          cancel_order:
            description: Cancel an order
            examples: [cancel, cancel my order, please cancel the order I placed, stop my order]
            steps:
              - say: cancelling
          order_status:
            description: Where an order is
            examples: [where is my order, track my order]
            slots: { id: text }
            steps:
              - ask: id
                response: ask_id
        responses:
          cancelling: I will cancel it.
          ask_id: Your order number?
        """;

    private const string NoCancelFlow = """
        flows:
          order_status:
            description: Where an order is
            examples: [where is my order, track my order]
            slots: { id: text }
            steps:
              - ask: id
                response: ask_id
          place_order:
            description: Order something
            examples: [I want to order something, place an order]
            steps:
              - say: ordered
        responses:
          ask_id: Your order number?
          ordered: Ordered.
        """;

    [Theory]
    [InlineData("cancel my order")]
    [InlineData("I'd like to cancel my order please")]
    [InlineData("cancel the order")]
    [InlineData("could you please cancel the pizza I ordered yesterday")]
    public async Task A_cancel_phrase_starts_the_bots_own_cancellation(string text)
    {
        var c = new Conversation(TestBots.Compile(Shop), LexicalUnderstanding.Create());

        await c.Say(text);

        Assert.Equal("cancelling", c.Ids);
    }

    private const string Reservations = """
        slot_types:
          reservation_number: { kind: regex, pattern: 'TL\d{5}', normalize: [trim, upper] }
        flows:
          cancel_reservation:
            description: Cancel a table reservation
            examples: [cancel my reservation, cancel my table]
            slots: { number: reservation_number }
            steps:
              - ask: number
                response: ask_number
              - say: cancelling
        responses:
          ask_number: Your reservation number?
          cancelling: "I will cancel {{ number }}."
        """;

    // The restaurant trial (samples/restaurant): "cancel my reservation TL40211" asked "Your reservation number?" — the
    // cancellation started, but without the number the message gave, as any other request that starts a flow keeps it.
    [Fact]
    public async Task The_cancel_phrase_keeps_the_number_it_names()
    {
        var c = new Conversation(TestBots.Compile(Reservations), LexicalUnderstanding.Create());

        await c.Say("cancel my reservation TL40211");

        Assert.Equal("cancelling", c.Ids);
        Assert.Equal("I will cancel TL40211.", c.Text);
    }

    [Theory]
    [InlineData("cancel my order")]
    [InlineData("I want to cancel my order")]
    public async Task Without_a_flow_about_cancelling_it_is_not_understood_rather_than_the_nearest_order_flow(string text)
    {
        var c = new Conversation(TestBots.Compile(NoCancelFlow), LexicalUnderstanding.Create());

        await c.Say(text);

        Assert.Equal("builtin.cannot_handle", c.Ids);
    }

    [Fact]
    public async Task While_a_flow_runs_the_phrase_cancels_it()
    {
        var c = new Conversation(TestBots.Compile(Shop), LexicalUnderstanding.Create());
        await c.Say("where is my order");
        Assert.Equal("ask_id", c.Ids);

        await c.Say("cancel");

        Assert.Contains("cancel", c.Ids, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelling", c.Ids, StringComparison.Ordinal);
    }

    [Fact]
    public async Task German_stornieren_is_a_cancel_phrase_too()
    {
        const string yaml = """
            bot: { id: test, name: Test, languages: [de] }
            flows:
              order_status:
                description: Bestellstatus
                examples: { de: [wo ist meine Bestellung, Bestellstatus] }
                slots: { id: text }
                steps:
                  - ask: id
                    response: ask_id
            responses:
              ask_id: { text: { de: Ihre Bestellnummer? } }
            """;
        var c = new Conversation(TestBots.CompileFile(yaml), LexicalUnderstanding.Create(), locale: "de");

        await c.Say("Bestellung stornieren");
        Assert.Equal("builtin.cannot_handle", c.Ids);

        await c.Say("wo ist meine Bestellung");
        await c.Say("ich möchte meine Bestellung stornieren");
        Assert.Contains("pattern:cancel", c.Last.Trace.Events);
    }

    // The author18 cinema trial: "wie storniere ich meine Karten?" scored the booking cancellation 0.65 and was still not
    // understood: its examples say "stornieren", and the cancel word was compared with them letter for letter.
    [Theory]
    [InlineData("wie storniere ich meine Karten?")]
    [InlineData("ich kann leider nicht kommen, wie storniere ich?")]
    public async Task Another_form_of_the_cancel_verb_starts_the_bots_own_cancellation(string text)
    {
        const string yaml = """
            bot: { id: test, name: Test, languages: [de] }
            flows:
              cancel_booking:
                description: Buchung stornieren
                examples: { de: [Buchung stornieren, meine Karten stornieren, ich kann nicht kommen, bitte Reservierung stornieren] }
                steps:
                  - say: cancelling
              buy_tickets:
                description: Karten kaufen
                examples: { de: [Karten kaufen, Tickets buchen] }
                steps:
                  - say: buying
            responses:
              cancelling: { text: { de: Ich storniere. } }
              buying: { text: { de: Ich buche. } }
            """;
        var c = new Conversation(TestBots.CompileFile(yaml), LexicalUnderstanding.Create(), locale: "de");

        await c.Say(text);

        Assert.Equal("cancelling", c.Ids);
    }
}
