using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Issue 14 item 1: a response's <c>form:</c> is read, validated where it is used, rendered as fields in the user's language, and its submit fills the slots.</summary>
public sealed class FormTests
{
    internal const string Bot = """
        bot:
          id: shop
          name: Shop
          languages: [en, de]
        slot_types:
          product:
            kind: enum
            values:
              laptop: { label: { en: Laptop, de: Notebook }, synonyms: { en: [laptop], de: [notebook] } }
              phone: { label: { en: Phone, de: Handy }, synonyms: { en: [phone], de: [handy] } }
          count: { kind: integer, min: 1, max: 10 }
          delivery_day: { kind: date, min: today + 1d, max: today + 60d }
        flows:
          order:
            description: Order something
            examples: { en: [order something], de: [etwas bestellen] }
            slots:
              product: product
              quantity: count
              delivery_date: delivery_day
              gift: boolean
              note:
                type: text
                description: Note for the courier
            steps:
              - ask: product
                response: order_form
              - ask: quantity
                response: ask_quantity
              - ask: delivery_date
                response: ask_date
              - end: ordered
        responses:
          order_form:
            text: { en: Tell me about your order, de: Erzählen Sie mir von Ihrer Bestellung }
            form:
              fields:
                - product
                - slot: quantity
                  label: { en: How many?, de: Wie viele? }
                - slot: delivery_date
                  label: { en: Delivery date, de: Lieferdatum }
                - gift
                - note
              submit: { en: Order, de: Bestellen }
          ask_quantity: { text: { en: How many?, de: Wie viele? } }
          ask_date: { text: { en: When?, de: Wann? } }
          ordered: { text: { en: "{{ quantity }} x {{ product }} on {{ delivery_date }}", de: "{{ quantity }} x {{ product }} am {{ delivery_date }}" } }

        """;

    private static LoadResult Load(string yaml) => DialogLoader.LoadTexts([new("bot.yaml", yaml)]);

    private static (int Line, int Column) Position(string yaml, string find)
    {
        var index = yaml.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0 && yaml.IndexOf(find, index + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur once");
        return (yaml[..index].Count(c => c == '\n') + 1, index - (yaml.LastIndexOf('\n', index - 1) + 1) + 1);
    }

    private static Task<TurnOutcome> Submit(Conversation c, string json) =>
        c.Run(new TurnInput { Kind = TurnKind.Message, Value = JsonDocument.Parse(json).RootElement, Locale = "en", State = c.State, Now = Conversation.Now });

    [Fact]
    public async Task The_form_renders_one_field_per_slot_with_kind_label_choices_and_bounds_in_the_users_language()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "de");
        await c.Say("etwas bestellen");

        var form = Assert.Single(c.Last.Replies, r => r.Form is not null).Form!;
        Assert.Equal("Bestellen", form.SubmitTitle);
        Assert.Equal(
            ["product:enum:Product", "quantity:integer:Wie viele?", "delivery_date:date:Lieferdatum", "gift:boolean:Gift", "note:text:Note for the courier"],
            form.Fields.Select(f => $"{f.Slot}:{f.Kind}:{f.Label}"));
        Assert.Equal(["Notebook=laptop", "Handy=phone"], form.Fields[0].Choices.Select(b => $"{b.Title}={b.Value}"));
        Assert.Equal((1d, 10d), (form.Fields[1].Min, form.Fields[1].Max));
    }

    [Fact]
    public async Task A_date_field_carries_the_types_bounds_as_they_hold_when_shown_and_the_parser_still_checks_the_submitted_day()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("order something");

        var date = Assert.Single(c.Last.Replies, r => r.Form is not null).Form!.Fields.Single(f => f.Slot == "delivery_date");
        // Now is 2026-11-27: min today + 1d, max today + 60d.
        Assert.Equal(("2026-11-28", "2027-01-26"), (date.Earliest, date.Latest));
        Assert.All(c.Last.Replies.Single(r => r.Form is not null).Form!.Fields.Where(f => f.Slot != "delivery_date"), f => Assert.Null(f.Earliest ?? f.Latest));

        // A client that ignores the picker's bounds: the day is refused and asked for when its turn comes.
        await Submit(c, """{"product":"phone","quantity":"3","delivery_date":"2026-11-27"}""");

        Assert.Null(c.Slot("delivery_date"));
        Assert.Contains("slot_invalid:delivery_date", c.Last.Trace.Events);
        Assert.Equal("ask_date", c.Ids);
    }

    [Fact]
    public async Task A_submitted_form_fills_every_slot_it_names_and_the_flow_continues_past_the_answered_asks()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("order something");
        Assert.Equal("order_form", c.Ids);

        await Submit(c, """{"product":"phone","quantity":"3","delivery_date":"2026-12-24","gift":"true","note":"","chatbot.form":"order_form"}""");

        // The flow ends in this turn, so its slots are seen through the closing response.
        Assert.Equal("ordered", c.Ids);
        Assert.Equal("3 x Phone on Thursday, December 24, 2026", c.Text);
    }

    [Fact]
    public async Task A_partly_filled_form_asks_for_what_is_missing_and_a_form_shown_again_carries_the_known_values()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("order something");

        await Submit(c, """{"product":"laptop","quantity":"12"}""");

        // 12 is over the type's max: the asked-next slot reprompts instead of taking it.
        Assert.Null(c.Slot("quantity"));
        Assert.Equal("laptop", c.Slot("product"));
        Assert.DoesNotContain("order_form", c.Ids);
        var turn = new Dialogs.Engine.TurnContext(TestBots.CompileFile(Bot), c.State!, "en", Conversation.Now, new TurnTrace());
        var rendered = ReplyRenderer.Render(turn, "order_form", expectsInput: true).Form!;
        Assert.Equal("laptop", rendered.Fields[0].Value);
        Assert.Null(rendered.Fields[1].Value);
    }

    [Fact]
    public void An_unknown_slot_in_a_form_is_an_error_at_the_field_with_a_suggestion()
    {
        var yaml = TestBots.Edit(Bot, "- gift\n", "- gitf\n");
        var d = TestBots.Single(Load(yaml), "DLG2090");
        Assert.Equal("the form of response 'order_form' asks for slot 'gitf', which is not a slot in scope where the response is used (slots of flow 'order' and bot-wide slots)", d.Message);
        Assert.Equal("did you mean 'gift'?", d.Help);
        Assert.Equal(Position(yaml, "gitf"), (d.Line, d.Column));
    }

    [Fact]
    public void A_slot_of_a_kind_without_a_card_input_is_an_error()
    {
        var yaml = TestBots.Edit(Bot, "gift: boolean", "gift: datetime");
        var d = TestBots.Single(Load(yaml), "DLG2091");
        Assert.StartsWith("the form of response 'order_form' asks for slot 'gift', whose type 'datetime' is datetime: a card has no input for it", d.Message);
        Assert.Equal(Position(yaml, "- gift") with { Column = Position(yaml, "- gift").Column + 2 }, (d.Line, d.Column));
    }

    [Fact]
    public void A_form_label_missing_a_language_and_a_form_without_fields_are_errors()
    {
        var missingLanguage = Load(TestBots.Edit(Bot, "label: { en: Delivery date, de: Lieferdatum }", "label: { en: Delivery date }"));
        Assert.Contains(missingLanguage.Diagnostics, d => d.Message.Contains("the label of form field 'delivery_date' of response 'order_form'", StringComparison.Ordinal));

        var noFields = Load(TestBots.Edit(Bot, "submit: { en: Order, de: Bestellen }", "submit: { en: Order, de: Bestellen }\n      unknown: 1"));
        Assert.Contains(noFields.Diagnostics, d => d.Id == "DLG1003" && d.Message.Contains("unknown key 'unknown'", StringComparison.Ordinal));

        var fieldsStart = Bot.IndexOf("fields:", StringComparison.Ordinal) + "fields:".Length;
        var empty = Load(Bot[..fieldsStart] + " []\n" + Bot[Bot.IndexOf("      submit:", StringComparison.Ordinal)..]);
        Assert.Equal("the form of response 'order_form' has no fields; list the slots it asks for under fields:", TestBots.Single(empty, "DLG1090").Message);
    }

    [Fact]
    public void A_slot_listed_twice_is_reported_at_the_second()
    {
        var yaml = TestBots.Edit(Bot, "- note\n", "- note\n        - product\n");
        var d = TestBots.Single(Load(yaml), "DLG1006");
        Assert.Contains("form field 'product' is defined twice", d.Message, StringComparison.Ordinal);
    }
}
