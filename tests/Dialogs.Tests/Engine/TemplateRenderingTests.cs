using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>What users read: dates and times per language and zone, labels, optional text, flow names, buttons.</summary>
public sealed class TemplateRenderingTests
{
    private const string Bot = """
        bot:
          id: pizza
          name: Pizza
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          size:
            kind: enum
            values:
              small:
                label: { en: Small (24 cm), de: Klein (24 cm) }
                synonyms: { en: [small, little], de: [klein] }
              large:
                label: { en: Large (32 cm), de: Groß (32 cm) }
                synonyms: { en: [large, big], de: [groß] }
          topping:
            kind: enum
            values:
              ham: { en: [ham], de: [Schinken] }
              olives: { en: [olives], de: [Oliven] }
          pickup_time:
            kind: datetime
            min: now
            max: now + 2d
            values:
              asap:
                label: { en: as soon as possible, de: so bald wie möglich }
                synonyms: { en: [asap, as soon as possible], de: [sofort, so bald wie möglich] }
        patterns:
          cancel: { confirm: stop_what, response: stopped }
          start_over: { confirm: start_over_really }
          resume: { response: back_to }
        flows:
          order:
            label: { en: your pizza order, de: Ihre Pizzabestellung }
            description: Order a pizza
            examples: { en: [order a pizza], de: [Pizza bestellen] }
            slots: { size: size, topping: topping, pickup: pickup_time, weight: number }
            steps:
              - ask: size
                response: ask_size
              - ask: topping
                response: ask_topping
              - ask: pickup
                response: ask_pickup
              - ask: weight
                response: ask_weight
              - confirm: summary
              - end: done
          hours:
            label: { en: the opening hours, de: die Öffnungszeiten }
            description: Opening hours
            examples: { en: [opening hours], de: [Öffnungszeiten] }
            steps:
              - end: hours_text
        responses:
          ask_size:
            text: { en: Which size?, de: Welche Größe? }
            buttons: { from_slot: size }
          ask_topping:
            text: { en: "{{ size | label }}. Topping?", de: "{{ size | label }}. Belag?" }
            buttons:
              - title: { en: Ham please, de: Schinken bitte }
                sends: { en: "Ham, please", de: "Schinken, bitte" }
                value: ham
              - title: { en: Olives, de: Oliven }
                value: olives
          ask_pickup: { text: { en: When?, de: Wann? } }
          ask_weight: { text: { en: How heavy?, de: Wie schwer? } }
          summary:
            text:
              en: "{{ size | upper }} with {{ topping }}, pickup {{#if pickup}}{{ pickup }}{{/if}} ({{ pickup | date }}, {{ pickup | time }}, {{ pickup | hhmm }}), {{ weight }} kg. OK?"
              de: "{{ size | upper }} mit {{ topping }}, Abholung {{#if pickup}}{{ pickup }}{{/if}} ({{ pickup | date }}, {{ pickup | time }}, {{ pickup | hhmm }}), {{ weight }} kg. OK?"
          done: { text: { en: Done., de: Fertig. } }
          hours_text: { text: { en: "We open at 11.{{#if interrupted.label}} Now back to {{ interrupted.label }}.{{/if}}", de: "Wir öffnen um 11.{{#if interrupted.label}} Jetzt zurück zu: {{ interrupted.label }}.{{/if}}" } }
          stop_what: { text: { en: "Stop {{ flow.label }}?", de: "{{ flow.label }} abbrechen?" } }
          stopped: { text: { en: "Stopped {{ flow.label }}.{{#if resumed.label}} Back to {{ resumed.label }}.{{/if}}", de: "{{ flow.label }} abgebrochen.{{#if resumed.label}} Zurück zu {{ resumed.label }}.{{/if}}" } }
          back_to: { text: { en: "That was {{ flow.label }}. Back to {{ resumed.label }}.", de: "Das waren {{ flow.label }}. Zurück zu {{ resumed.label }}." } }
          start_over_really: { text: { en: "Drop {{ flow.label }} and start over?", de: "{{ flow.label }} verwerfen und neu anfangen?" } }
        """;

    private static CompiledBot Compile() => TestBots.CompileFile(Bot);

    [Fact]
    public async Task Dates_labels_and_numbers_read_naturally_in_English()
    {
        var c = new Conversation(Compile());
        await c.Say("order a pizza");
        Assert.Equal(["Small (24 cm)", "Large (32 cm)"], c.Last.Replies[0].Buttons.Select(b => b.Title));
        Assert.Equal(["small", "large"], c.Last.Replies[0].Buttons.Select(b => b.Value));
        await c.Click("large");
        Assert.Equal("Large (32 cm). Topping?", c.Text);
        await c.Say("olives");
        await c.Say("today 7.30pm");
        await c.Say("1.5");
        Assert.Equal("LARGE (32 CM) with olives, pickup Friday, November 27, 2026 at 7:30 PM (Friday, November 27, 2026, 7:30 PM, 19:30), 1.5 kg. OK?", c.Text);
    }

    [Fact]
    public async Task Dates_labels_and_numbers_read_naturally_in_German_in_the_users_zone()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Pizza bestellen");
        Assert.Equal(["Klein (24 cm)", "Groß (32 cm)"], c.Last.Replies[0].Buttons.Select(b => b.Title));
        await c.Say("groß");
        await c.Say("Oliven");
        c.TimeZone = "Europe/London";
        await c.Say("heute 19:30 Uhr");
        // This turn's activity carries no zone: the user's zone from earlier turns still applies (19:30 London, not 20:30 Berlin).
        c.TimeZone = null;
        await c.Say("1,5");
        Assert.Equal("GROß (32 CM) mit Oliven, Abholung Freitag, 27. November 2026 um 19:30 (Freitag, 27. November 2026, 19:30, 19:30), 1,5 kg. OK?", c.Text);
        Assert.Equal("2026-11-27T19:30:00+00:00", c.Slot("pickup"));
    }

    [Fact]
    public async Task An_author_declared_value_reads_as_its_label_without_stray_punctuation()
    {
        var c = new Conversation(Compile());
        await c.Say("order a pizza");
        await c.Say("small");
        await c.Say("ham");
        await c.Say("as soon as possible");
        await c.Say("2");
        Assert.StartsWith("SMALL (24 CM) with ham, pickup as soon as possible (as soon as possible, as soon as possible, as soon as possible), 2 kg.", c.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_that_sends_its_own_text_still_means_its_value()
    {
        var c = new Conversation(Compile());
        await c.Say("order a pizza");
        await c.Say("small");
        var ham = c.Last.Replies[0].Buttons[0];
        Assert.Equal(("Ham please", "Ham, please"), (ham.Title, ham.Value));
        // The channel posts the sent text as the user's message (imBack): it means the button's value.
        await c.Say("Ham, please");
        Assert.Equal("ham", c.Slot("topping"));
        Assert.Equal("fast", c.Last.Trace.Path);
    }

    [Fact]
    public async Task A_button_that_sends_its_own_text_works_in_German_too()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Pizza bestellen");
        await c.Say("klein");
        Assert.Equal(("Schinken bitte", "Schinken, bitte"), (c.Last.Replies[0].Buttons[0].Title, c.Last.Replies[0].Buttons[0].Value));
        await c.Click("Schinken, bitte");
        Assert.Equal("ham", c.Slot("topping"));
    }

    [Fact]
    public async Task An_answer_out_of_range_names_the_range_in_the_users_language()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Pizza bestellen");
        await c.Say("klein");
        await c.Say("Oliven");
        await c.Say("gestern 19 Uhr");
        Assert.Equal("Das geht leider nicht. Bitte wählen Sie von Freitag, 27. November 2026 um 11:00 bis Sonntag, 29. November 2026 um 11:00.", c.Text);
    }

    [Fact]
    public async Task Cancel_names_the_flow_and_the_one_that_resumes()
    {
        var c = new Conversation(Compile());
        await c.Say("order a pizza");
        await c.Say("opening hours");
        Assert.Equal("We open at 11. Now back to your pizza order. | That was the opening hours. Back to your pizza order. | Which size?", c.Text);
        await c.Say("cancel");
        Assert.Equal("Stop your pizza order?", c.Text);
        await c.Say("yes");
        Assert.Equal("Stopped your pizza order.", c.Text);
    }

    [Fact]
    public async Task Interrupted_label_is_empty_when_nothing_was_interrupted()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Öffnungszeiten");
        Assert.Equal("Wir öffnen um 11.", c.Text);
    }

    [Fact]
    public async Task Start_over_asks_first_while_a_flow_is_active()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Pizza bestellen");
        await c.Say("von vorne");
        Assert.Equal("Ihre Pizzabestellung verwerfen und neu anfangen?", c.Text);
        Assert.Equal(["Ja", "Nein"], c.Last.Replies[0].Buttons.Select(b => b.Title));
        await c.Say("nein");
        Assert.Equal("Welche Größe?", c.Text);
        Assert.Equal(["order"], c.Flows);
        await c.Say("von vorne");
        await c.Say("ja");
        Assert.Contains("flow_cancelled:order", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Start_over_without_a_flow_needs_no_confirmation()
    {
        var c = new Conversation(Compile());
        await c.Say("start over");
        Assert.Equal("builtin.start_over", c.Ids);
    }
}
