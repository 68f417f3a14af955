using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Template, filter, label and button mistakes: one diagnostic each, naming its language, at file:line:col.</summary>
public sealed class TemplateValidationTests
{
    private const string Header = """
        bot:
          id: test
          name: Test
          languages: [en, de]
        slot_types:
          size:
            kind: enum
            values:
              small: { label: { en: Small, de: Klein }, synonyms: { en: [small] } }
              large: { en: [large], de: [groß] }
          colour:
            kind: enum
            values: { red: { en: [red], de: [rot] } }
        flows:
          order:
            label: { en: your order, de: Ihre Bestellung }
            description: Order
            examples: { en: [order], de: [bestellen] }
            slots: { size: size, colour: colour, when: datetime, count: integer }
            steps:
              - ask: size
                response: r
        """;

    private static IReadOnlyList<Diagnostic> Load(string responses, string extra = "") =>
        DialogLoader.LoadTexts([new("bot.yaml", Header + "\n" + extra + (extra.EndsWith('\n') || extra.Length == 0 ? "" : "\n") + "responses:\n" + responses)]).Diagnostics;

    private static Diagnostic One(IReadOnlyList<Diagnostic> diagnostics, string id)
    {
        var matches = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got:\n{string.Join("\n", diagnostics)}");
        return matches[0];
    }

    [Fact]
    public void A_pattern_placeholder_out_of_scope_is_reported_once_naming_its_languages()
    {
        var diagnostics = Load("""
              r: { text: { en: Size?, de: Größe? } }
              stop: { text: { en: "Stop {{ size }}?", de: "{{ size }} abbrechen?" } }
            """, "patterns:\n  cancel: { confirm: stop }\n");
        var d = One(diagnostics, "DLG2009");
        Assert.Equal("placeholder '{{ size }}' in response 'stop' (en, de) is not a slot in scope where it is used (bot-wide slots)", d.Message);
        Assert.Equal((27, 19), (d.Line, d.Column)); // at the text to edit ('en:' of 'stop'), not at 'confirm: stop'
    }

    // The author2 trial: "Your ticket {ticket_id} is open" validated and was sent with the braces.
    [Theory]
    [InlineData("{count}")]
    [InlineData("${count}")]
    [InlineData("{ count }")]
    public void A_placeholder_with_one_brace_naming_a_slot_is_warned_about(string written)
    {
        var warnings = Load($$"""
              r: { text: { en: "You ordered {{written}}.", de: "Sie haben {{written}} bestellt." } }
            """).Where(d => d.Id == "DLG2041").ToList();

        // One per language, each at its text.
        Assert.Equal(["en", "de"], warnings.Select(d => d.Message.Contains("(en)", StringComparison.Ordinal) ? "en" : "de"));
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal($"'{written}' in response 'r' (en) is sent as written: a placeholder has two braces, {{{{ count }}}}", warnings[0].Message);
        Assert.Equal((24, 16), (warnings[0].Line, warnings[0].Column));
    }

    // author14: "{referense}" and "{slot_nme}" validated without a word and reached users with their braces.
    [Theory]
    [InlineData("{cont}", "count")]
    [InlineData("{slot_nme}", "slot_nme")]
    public void A_placeholder_with_one_brace_and_a_misspelt_name_is_warned_about_with_the_slot_meant(string written, string meant)
    {
        var warnings = Load($$"""
              r: { text: { en: "You ordered {{written}}.", de: "Sie haben {{written}} bestellt." } }
            """).Where(d => d.Id == "DLG2041").ToList();

        Assert.Equal(2, warnings.Count);
        Assert.Equal($"'{written}' in response 'r' (en) is sent as written: a placeholder has two braces, {{{{ {meant} }}}}", warnings[0].Message);
    }

    [Fact]
    public void Braces_around_words_that_name_no_slot_are_text()
    {
        var diagnostics = Load("""
              r: { text: { en: "Size {{ size }}? {curly} {{#if colour}}{{ colour }}{{/if}}", de: "Größe {{ size }}? {curly} {{#if colour}}{{ colour }}{{/if}}" } }
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id == "DLG2041");
    }

    [Fact]
    public void An_unknown_filter_names_the_language_and_suggests_one()
    {
        var d = One(Load("""
              r: { text: { en: "{{ when | dat }}", de: "{{ when | date }}" } }
            """), "DLG2031");
        Assert.Equal("unknown filter 'dat' in response 'r' (en); known filters: date, short_date, time, hhmm, datetime, label, money, upper, lower", d.Message);
        Assert.Equal("did you mean 'date'?", d.Help);
        Assert.Equal((24, 16), (d.Line, d.Column));
    }

    [Fact]
    public void A_filter_that_does_not_fit_the_slot_kind_is_an_error()
    {
        var d = One(Load("""
              r: { text: { en: "{{ count | date }}", de: "{{ count | date }}" } }
            """), "DLG2032");
        Assert.Equal("filter 'date' in response 'r' (en, de) needs a date or datetime slot, but 'count' is a slot of type 'integer' (integer)", d.Message);
        Assert.Equal((22, 19), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("{{ count | short_date }}", "filter 'short_date' in response 'r' (en, de) needs a date or datetime slot, but 'count' is a slot of type 'integer' (integer)")]
    [InlineData("{{ when | money }}", "filter 'money' in response 'r' (en, de) needs an integer or number slot, but 'when' is a slot of type 'datetime' (datetime)")]
    [InlineData("{{ count | hhmm }}", "filter 'hhmm' in response 'r' (en, de) needs a time or datetime slot, but 'count' is a slot of type 'integer' (integer)")]
    public void The_short_date_and_money_filters_need_a_slot_of_their_kind(string placeholder, string message)
    {
        var d = One(Load($$"""
              r: { text: { en: "{{placeholder}}", de: "{{placeholder}}" } }
            """), "DLG2032");
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void The_short_date_and_money_filters_fit_dates_and_numbers()
    {
        var diagnostics = Load("""
              r: { text: { en: "{{ when | short_date }} {{ when | hhmm }}, {{ count | money }}", de: "{{ when | short_date }}, {{ count | money | upper }}" } }
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id is "DLG2031" or "DLG2032" or "DLG2035");
    }

    [Fact]
    public void The_label_filter_needs_a_label_on_every_value()
    {
        var diagnostics = Load("""
              r: { text: { en: "{{ size | label }}", de: "{{ size | label }}" } }
            """);
        var d = One(diagnostics, "DLG2033");
        Assert.Equal("'{{ size | label }}' in response 'r' (en, de): value 'large' of type 'size' has no label; add label: { en: …, de: … } to the value", d.Message);
        Assert.Equal((10, 7), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("\"{{#if when}}at {{ when }}\"", "response 'r' (en): '{{#if …}}' is not closed with '{{/if}}'")]
    [InlineData("\"{{ when | upper | date }}\"", "response 'r' (en): '{{ when | upper | date }}': a value takes one of date, short_date, time, hhmm, datetime, label, money, as its first filter (upper and lower may follow)")]
    [InlineData("\"Hi {{ first name }}\"", "response 'r' (en): '{{ first name }}' is not a placeholder; write {{ slot }} or {{ slot | filter }}")]
    public void Template_syntax_errors_name_the_language(string en, string message)
    {
        var d = One(Load("  r: { text: { en: " + en + ", de: Hallo } }\n"), "DLG2035");
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void Resumed_label_outside_the_resume_and_cancel_patterns_never_has_a_value()
    {
        var d = One(Load("""
              r: { text: { en: "Back to {{ resumed.label }}", de: "Zurück zu {{ resumed.label }}" } }
            """), "DLG2038");
        Assert.StartsWith("'{{ resumed.label }}' in response 'r' (en, de) never has a value where the response is used", d.Message, StringComparison.Ordinal);
        Assert.Equal("it has one in the resume and cancel patterns", d.Help);
        Assert.DoesNotContain(Load("""
              r: { text: { en: Size?, de: Größe? } }
              back: { text: { en: "Back to {{ resumed.label }}", de: "Zurück zu {{ resumed.label }}" } }
            """, "patterns:\n  resume: { response: back }\n"), x => x.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_flow_label_used_by_a_pattern_warns_about_flows_without_a_label()
    {
        var diagnostics = Load("""
              r: { text: { en: Size?, de: Größe? } }
              stop: { text: { en: "Stop {{ flow.label }}?", de: "{{ flow.label }} abbrechen?" } }
              h: { text: { en: Hours, de: Zeiten } }
            """, """
            patterns:
              cancel: { confirm: stop }
            ---
            flows:
              hours:
                description: Opening hours
                examples: { en: [hours], de: [Zeiten] }
                steps: [ { end: h } ]
            ---

            """);
        var d = One(diagnostics, "DLG2034");
        Assert.Equal((DiagnosticSeverity.Warning, "flow 'hours' has no label, so '{{ flow.label }}' in response 'stop' shows its description instead; add label: { en: …, de: … } to the flow"), (d.Severity, d.Message));
    }

    [Fact]
    public void Buttons_from_a_slot_need_an_enum_slot_in_scope()
    {
        var notEnum = One(Load("""
              r: { text: { en: Size?, de: Größe? }, buttons: { from_slot: count } }
            """), "DLG2036");
        Assert.Equal("buttons of response 'r' come from slot 'count', which has no values to make buttons of (its type 'integer' is integer, not an enum) where the response is used (slots of flow 'order' and bot-wide slots)", notEnum.Message);
        var unknown = One(Load("""
              r: { text: { en: Size?, de: Größe? }, buttons: [ { from_slot: sise } ] }
            """), "DLG2036");
        Assert.Equal("did you mean 'size'?", unknown.Help);
    }

    [Fact]
    public void A_sent_text_that_means_two_values_is_an_error()
    {
        var d = One(Load("""
              r:
                text: { en: Size?, de: Größe? }
                buttons:
                  - { title: { en: S, de: K }, sends: { en: the usual, de: wie immer }, value: small }
              r2:
                text: { en: Size?, de: Größe? }
                buttons:
                  - { title: { en: L, de: G }, sends: { en: The usual!, de: groß }, value: large }
            """), "DLG2037");
        Assert.Equal("a button sends 'The usual!' (en) in response 'r' and in response 'r2' but means 'small' and 'large'; a sent text must mean one thing", d.Message);
    }

    [Fact]
    public void A_button_needs_a_value_or_a_text_to_send()
    {
        var d = One(Load("""
              r: { text: { en: Size?, de: Größe? }, buttons: [ { title: { en: S, de: K } } ] }
            """), "DLG1004");
        Assert.Equal("button is missing the required key 'value'", d.Message);
        Assert.Equal("value: what the bot receives, or sends: the text the user's message shows", d.Help);
    }
}
