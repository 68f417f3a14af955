using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Whole conversations with the sample bot through the engine and the keyword recognizer.</summary>
public sealed class SampleConversationTests
{
    [Fact]
    public async Task Order_is_placed_end_to_end_with_sub_flow_and_confirmation()
    {
        var c = new Conversation(Sample.Bot());
        await c.Start();
        Assert.Equal("welcome", c.Ids);
        // The welcome buttons send natural sentences (sends:), which still stand for their flows.
        Assert.Equal(["Where is my order?", "I would like to place an order.", "I have a problem with a device."], c.Last.Replies[0].Buttons.Select(b => b.Value));

        await c.Say("I want to buy a laptop");
        Assert.Equal("ask_quantity", c.Ids);
        Assert.Equal("laptop", c.Slot("product"));

        await c.Say("two please");
        Assert.Equal("ask_size", c.Ids);
        await c.Click("medium");
        Assert.Equal("ask_address", c.Ids);
        await c.Say("12 Baker Street, London");
        Assert.Equal("ask_email", c.Ids);
        Assert.Equal(["place_order", "collect_contact"], c.Flows);

        await c.Say("anna@example.com");
        Assert.Equal("email_thanks,confirm_order", c.Ids);
        Assert.Equal("So that is 2 x Laptop (medium) to 12 Baker Street, London, confirmation to anna@example.com. Shall I place the order?", c.Last.Replies[1].Text);
        Assert.Equal("fast", c.Last.Trace.Path);

        await c.Say("yes");
        Assert.Equal("order_placed", c.Ids);
        Assert.Empty(c.Flows);
        Assert.Contains("flow_completed:place_order", c.Last.Trace.Events);
    }

    [Fact]
    public async Task Order_status_is_looked_up_over_http_and_branches_on_the_answer()
    {
        var services = new FakeServices();
        services.Answers["/orders/AB12345"] = """{"status":"shipped","delivery":{"eta":"2026-12-01"}}""";
        var c = new Conversation(Sample.Bot(), services: services);

        await c.Say("where is my order?");
        Assert.Equal("ask_order_id", c.Ids);
        await c.Say("it is ab-12345");
        Assert.Equal("order_shipped", c.Ids);
        Assert.Equal("Order AB12345 has shipped and should arrive on Tuesday, December 1, 2026.", c.Text);
        Assert.Single(services.Calls);
        Assert.Equal("orders", services.Calls[0].Service.Id);
    }

    [Fact]
    public async Task German_conversation_uses_german_texts_and_synonyms()
    {
        var c = new Conversation(Sample.Bot(), locale: "de-DE");
        await c.Say("ich möchte ein Handy bestellen");
        Assert.Equal("ask_quantity", c.Ids);
        Assert.Equal("phone", c.Slot("product"));
        Assert.Equal("Wie viele möchten Sie?", c.Text);
    }
}

public sealed class SampleConversationMoreTests
{
    [Fact]
    public async Task German_order_with_confirmation_and_cancel()
    {
        var c = new Conversation(Sample.Bot(), locale: "de");
        await c.Start();
        Assert.StartsWith("Hallo!", c.Text, StringComparison.Ordinal);
        Assert.Equal(["Bestellung prüfen", "Bestellung aufgeben", "Problem melden"], c.Last.Replies[0].Buttons.Select(b => b.Title));

        await c.Click("place_order");
        Assert.Equal("Welches Produkt möchten Sie?", c.Text);
        await c.Say("Rechner");
        await c.Say("zwei");
        await c.Say("mittel");
        await c.Say("Hauptstraße 5, 10115 Berlin");
        await c.Say("max@example.de");
        Assert.Equal("Danke! | Also 2 x Laptop (mittel) an Hauptstraße 5, 10115 Berlin, Bestätigung an max@example.de. Soll ich bestellen?", c.Text);
        Assert.Equal(["Ja", "Nein"], c.Last.Replies[1].Buttons.Select(b => b.Title));
        await c.Say("abbrechen");
        Assert.Equal("Möchten Sie Ihre Bestellung wirklich abbrechen?", c.Text);
        await c.Say("ja");
        Assert.Equal("cancelled", c.Ids);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Ambiguous_request_offers_the_flows_as_buttons_and_a_click_starts_one()
    {
        var c = new Conversation(Sample.Bot());
        await c.Say("order");
        Assert.Equal("builtin.clarify", c.Ids);
        var buttons = c.Last.Replies[0].Buttons.Select(b => b.Value).Order().ToList();
        Assert.Contains("order_status", buttons);
        Assert.Contains("place_order", buttons);
        await c.Click("order_status");
        Assert.Equal("ask_order_id", c.Ids);
        Assert.Equal("fast", c.Last.Trace.Path);
    }

    [Fact]
    public async Task Unknown_input_at_idle_gets_cannot_handle_and_the_bot_stays_idle()
    {
        var c = new Conversation(Sample.Bot());
        await c.Say("purple elephants dance");
        Assert.Equal("builtin.cannot_handle", c.Ids);
        Assert.Empty(c.Flows);
    }
}

public sealed class ClarifyLanguageTests
{
    [Fact]
    public async Task Clarify_buttons_name_the_flows_by_their_labels_in_the_users_language()
    {
        var c = new Conversation(Sample.Bot(), locale: "de");
        await c.Say("Bestellung");
        Assert.Equal("builtin.clarify", c.Ids);
        Assert.Contains(c.Last.Replies[0].Buttons, b => b.Value == "order_status" && b.Title == "die Bestellabfrage");
    }

    [Fact]
    public async Task Clarify_buttons_of_flows_without_a_label_use_an_example_in_the_users_language()
    {
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("bot.yaml", """
            bot: { id: t, name: T, languages: [en, de] }
            flows:
              a: { description: First, examples: { en: [first thing], de: [erste Sache] }, steps: [ { end: ok } ] }
              b: { description: Second, examples: { en: [second thing], de: [zweite Sache] }, steps: [ { end: ok } ] }
            responses:
              ok: { text: { en: ok, de: ok } }
            """)]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!, new Chatbot.Dialogs.Testing.ScriptedUnderstanding(new KeywordRecognizer()) { Next = [new ClarifyCommand(["a", "b"])] }, locale: "de");
        await c.Say("Sache");
        Assert.Equal(["erste Sache", "zweite Sache"], c.Last.Replies[0].Buttons.Select(b => b.Title));
    }
}
