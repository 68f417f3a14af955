using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>Structural problems: each gets an id, a position and, where possible, a suggestion.</summary>
public sealed class DefinitionReaderTests
{
    private static Diagnostic Only(string yaml, string id)
    {
        var result = TestBots.Load(yaml);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics, d => d.Id == id);
    }

    [Fact]
    public void Misspelt_step_kind_suggests_the_kind()
    {
        var d = Only("""
            flows:
              f:
                description: f
                examples: { en: [f] }
                steps:
                  - aks: x
            """, "DLG1008");
        Assert.Equal((10, 9), (d.Line, d.Column));
        Assert.Equal("did you mean 'ask'?", d.Help);
    }

    [Fact]
    public void A_slot_type_written_under_slots_is_one_error_that_says_where_it_belongs()
    {
        // Lead's author trial (session 33): kind and values under the top-level slots: gave six errors (unknown key
        // 'kind', 'values', 'min', 'max', missing 'type' twice) and none said that a type goes under slot_types:.
        var result = TestBots.Load("""
            slots:
              bike:
                kind: enum
                values: [city, mountain]
            flows:
              f:
                description: f
                examples: { en: [f] }
                steps:
                  - say: a
            responses:
              a: { text: a }
            """);
        var d = Assert.Single(result.Diagnostics, d => d.Id is "DLG1003" or "DLG1004");
        Assert.Equal("DLG1003", d.Id);
        Assert.Equal("unknown key 'kind' in slot 'bike'", d.Message);
        Assert.Contains("under slot_types:", d.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_step_kinds_in_one_step_are_refused()
    {
        var d = Only("""
            flows:
              f:
                description: f
                examples: { en: [f] }
                steps:
                  - say: a
                    goto: b
            """, "DLG1008");
        Assert.Contains("found say, goto", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_as_an_item_of_its_own_is_one_error_where_it_stands()
    {
        // "- id: again" and "- end:" as two items: each dash starts a step, so the id names no step. Before, the jump to it
        // was also "unknown step 'again'" (DLG2002), a second error for one slip.
        var result = TestBots.Load("""
            flows:
              f:
                description: f
                examples: { en: [f] }
                steps:
                  - goto: again
                  - id: again
                  - end:
            """);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG1008", d.Id);
        Assert.Equal((11, 9), (d.Line, d.Column));
        Assert.Contains("found only an id", d.Message, StringComparison.Ordinal);
        Assert.Contains("'- id: again' is a step of its own", d.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_node_type_says_what_was_expected()
    {
        var d = Only("flows:\n  f: just text\n", "DLG1002");
        Assert.Equal("flow 'f' must be a mapping (key: value lines), found 'just text'", d.Message);
        Assert.Equal((6, 6), (d.Line, d.Column));
    }

    [Fact]
    public void Missing_required_keys_are_named()
    {
        var d = Only("""
            flows:
              f:
                description: f
                examples: { en: [f] }
                steps:
                  - ask: x
            """, "DLG1004");
        Assert.Equal("ask step is missing the required key 'response'", d.Message);
    }

    [Fact]
    public void Bad_duration_and_bad_kind_are_invalid_values()
    {
        var result = TestBots.Load("""
            services:
              s:
                base_url: http://localhost
                timeout: forever
            slot_types:
              t:
                kind: integr
            """);
        var ids = result.Diagnostics.Select(d => (d.Id, d.Help)).ToList();
        Assert.Contains(("DLG1005", (string?)null), ids);
        Assert.Contains(("DLG1005", "did you mean 'integer'?"), ids);
    }

    [Fact]
    public void Ids_must_be_plain_names()
    {
        var d = Only("responses:\n  \"hello world\": { text: { en: Hi } }\n", "DLG1010");
        Assert.Equal((6, 3), (d.Line, d.Column));
    }

    [Fact]
    public void Missing_bot_section_is_reported()
    {
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("x.yaml", "responses: {}\n")]);
        Assert.Equal("DLG1009", Assert.Single(result.Diagnostics).Id);
    }

    // author14: an empty responses.yaml (or one of comments only) was accepted without a word.
    [Theory]
    [InlineData("")]
    [InlineData("# responses come here\n")]
    public void An_empty_file_is_warned_about_at_its_start(string content)
    {
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("bot.yaml", TestBots.Header + "responses:\n  hi: Hi\n"), new("responses.yaml", content)]);

        var d = Assert.Single(result.Diagnostics, x => x.File == "responses.yaml");
        Assert.Equal(("DLG1011", DiagnosticSeverity.Warning, "responses.yaml", 1, 1), (d.Id, d.Severity, d.File, d.Line, d.Column));
    }

    // author14: "<<: *day" to share a type's keys gave "unknown key '<<'" and "missing the required key 'kind'".
    [Fact]
    public void A_merge_key_brings_the_anchored_keys()
    {
        var bot = TestBots.Compile("""
            slot_types:
              pickup_day: &day
                kind: date
                min: today + 1d
              return_day:
                <<: *day
                max: today + 30d
            flows:
              f:
                examples: { en: [borrow] }
                slots: { back: return_day }
                steps:
                  - ask: back
                    response: r
            responses:
              r: When?
            """);

        var type = bot.SlotTypes["return_day"];
        Assert.Equal((SlotKind.Date, "today + 1d", "today + 30d"), (type.Kind, type.Earliest?.Text, type.Latest?.Text));
    }

    [Fact]
    public void Defaults_apply_when_optional_keys_are_omitted()
    {
        var bot = TestBots.Compile("""
            flows:
              f:
                description: f
                examples: { en: [f] }
                slots: { n: integer }
                steps:
                  - ask: n
                    response: r
            responses:
              r: { text: { en: R } }
            """);
        var ask = Assert.IsType<AskStep>(bot.Flows["f"].Steps[0]);
        Assert.Null(ask.MaxAttempts);
        Assert.Equal(3, bot.Settings.Limits.MaxAttempts);
        Assert.Equal("en", bot.Settings.DefaultLanguage);
        Assert.Equal("#1", ask.Id);
        Assert.Equal("builtin.cancel_confirm", bot.Definition.Patterns.CancelConfirm!.Name);
    }
}
