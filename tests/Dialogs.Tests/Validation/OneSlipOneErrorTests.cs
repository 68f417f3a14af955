using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// The author2 trial: one slip gave two or three errors, and the extra ones were wrong — "unknown response ''" next to
/// "ask step is missing the required key 'response'", "unknown response 'no_answer'" for a response that is declared
/// (with a misspelt <c>txt:</c>), "unknown slot type 'ticket_number'" for a type whose <c>kind</c> was misspelt.
/// </summary>
public sealed class OneSlipOneErrorTests
{
    private const string Bot = """
        slot_types:
          ticket_number:
            kind: regex
            pattern: "^INC[0-9]{6}$"
        services:
          tickets:
            base_url: http://tickets.test
        flows:
          ticket_status:
            examples: [ticket status]
            slots: { number: ticket_number }
            steps:
              - ask: number
                response: ask_number
              - http: tickets
                path: "/tickets/{{ number }}"
              - call: goodbye
        responses:
          ask_number:
            text: Which ticket?
          no_answer:
            text: I can't find that.
          bye: Bye.
        """;

    private const string Goodbye = """
          goodbye:
            routable: false
            steps:
              - say: no_answer
              - end: bye
        """;

    private static IReadOnlyList<Diagnostics.Diagnostic> Errors(string find, string replace)
    {
        var yaml = TestBots.Edit(Bot.Replace("responses:", Goodbye + "\nresponses:", StringComparison.Ordinal), find, replace);
        return [.. TestBots.Load(yaml).Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error)];
    }

    [Fact]
    public void The_unchanged_bot_loads()
    {
        var result = TestBots.Load(Bot.Replace("responses:", Goodbye + "\nresponses:", StringComparison.Ordinal));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData("        response: ask_number", "        respones: ask_number", "DLG1003")]
    [InlineData("      - say: no_answer", "      - say:", "DLG1002")]
    [InlineData("    text: I can't find that.", "    txt: I can't find that.", "DLG1003")]
    [InlineData("    kind: regex", "    kind: pattern", "DLG1005")]
    [InlineData("    base_url: http://tickets.test", "    base_ur: http://tickets.test", "DLG1003")]
    [InlineData("      - say: no_answer\n      - end: bye", "      - say: no_answer\n        end: bye", "DLG1008")]
    public void A_slip_is_reported_where_it_is_and_not_again_where_its_name_is_used(string find, string replace, string id)
    {
        var errors = Errors(find, replace);

        Assert.Contains(errors, d => d.Id == id);
        Assert.DoesNotContain(errors, d => d.Id is "DLG2001" or "DLG2004" or "DLG2005" or "DLG2006");
    }

    // author14: 'handoff: { response: handof }' was also "response 'handoff' is never used".
    [Fact]
    public void A_misspelt_response_name_does_not_make_the_response_meant_unused()
    {
        var result = TestBots.Load(TestBots.Edit(Bot.Replace("responses:", Goodbye + "\nresponses:", StringComparison.Ordinal), "      - say: no_answer", "      - say: no_answr"));

        Assert.Equal("DLG2001", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_name_used_but_never_declared_is_still_unknown()
    {
        var errors = Errors("      - say: no_answer", "      - say: no_anwser");

        Assert.Equal("DLG2001", Assert.Single(errors).Id);
    }

    // 'flow:' for 'flows:' dropped every flow, and each response they used was also "never used" (11 warnings in the trial).
    [Fact]
    public void A_section_dropped_by_a_misspelt_key_does_not_make_its_responses_unused()
    {
        var result = TestBots.Load(TestBots.Edit(Bot, "flows:", "flow:"));

        Assert.Equal("DLG1003", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_response_nothing_uses_is_still_reported_when_the_files_read_whole()
    {
        var result = TestBots.Load(Bot.Replace("responses:", Goodbye + "\nresponses:", StringComparison.Ordinal) + "\n  spare: Not used.\n");

        Assert.Equal("DLG3007", Assert.Single(result.Diagnostics).Id);
    }

    // "ask step is missing the required key 'response'" next to "unknown key 'respones' … did you mean 'response'?":
    // the second says how to fix it, the first was the same slip again (author3).
    [Theory]
    [InlineData("        response: ask_number", "        respones: ask_number", "response")]
    [InlineData("    text: I can't find that.", "    txt: I can't find that.", "text")]
    [InlineData("    base_url: http://tickets.test", "    base_ur: http://tickets.test", "base_url")]
    [InlineData("    kind: regex", "    knd: regex", "kind")]
    [InlineData("        path: \"/tickets/{{ number }}\"", "        paht: \"/tickets/{{ number }}\"", "path")]
    // The words other chatbot tools use for an ask's question (author14): 'prompt' had suggested 'reprompt'.
    [InlineData("        response: ask_number", "        prompt: ask_number", "response")]
    [InlineData("        response: ask_number", "        promt: ask_number", "response")]
    [InlineData("        response: ask_number", "        question: ask_number", "response")]
    public void A_required_key_written_one_typo_off_is_one_error_that_names_it(string find, string replace, string key)
    {
        var d = Assert.Single(Errors(find, replace));

        Assert.Equal("DLG1003", d.Id);
        Assert.Equal($"did you mean '{key}'?", d.Help);
    }

    [Fact]
    public void A_required_key_that_is_just_missing_is_still_reported()
    {
        var d = Assert.Single(Errors("        response: ask_number\n", ""));

        Assert.Equal("DLG1004", d.Id);
    }

    private const string Steps = """
        services:
          tickets:
            base_url: http://tickets.test
        flows:
          ticket_status:
            examples: [ticket status]
            slots: { number: text }
            steps:
              - ask: number
                response: ask_number
              - id: lookup
                http: tickets
                path: "/tickets/{{ number }}"
                on_error: failed
              - say: found
              - goto: finish
              - id: failed
                say: down
              - id: finish
                end: bye
        responses:
          ask_number: Which ticket?
          found: Found it.
          down: The ticket system is down.
          bye: Bye.
        """;

    // A step id written twice gave DLG2017 and, for the same slip, "step never reached" (the copy) or, when a jump was
    // meant for the later step, "steps … form a loop that never waits" (the jump lands on the first).
    [Theory]
    [InlineData("      - id: finish\n        end: bye", "      - id: finish\n        end: bye\n      - id: failed\n        end: bye")]
    [InlineData("      - say: found\n", "      - id: finish\n        say: found\n")]
    [InlineData("      - id: lookup\n", "      - id: finish\n")]
    public void A_step_id_used_twice_is_one_error(string find, string replace)
    {
        var result = TestBots.Load(TestBots.Edit(Steps, find, replace));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG2017", d.Id);
    }

    // The wrong step renamed: 'failed' became a second 'finish', and the jump to 'failed' was a second error.
    [Fact]
    public void A_step_id_used_twice_names_the_id_the_jumps_miss()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "      - id: failed\n", "      - id: finish\n"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG2017", d.Id);
        Assert.Equal("a jump goes to 'failed', which no step has: was one of the two meant to be 'id: failed'?", d.Help);
    }

    [Fact]
    public void A_jump_to_a_step_no_one_has_is_still_unknown_when_the_ids_are_unique()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "on_error: failed", "on_error: faild"));

        var d = Assert.Single(result.Diagnostics, x => x.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal("DLG2002", d.Id);
        Assert.Equal("did you mean 'failed'?", d.Help);
    }

    // The author4 trial: "on_yes: handoff" (as on_exhausted takes it) was "unknown step 'handoff'" and, for the same slip,
    // "step never reached" for the step after the confirmation.
    [Fact]
    public void A_confirmation_that_hands_over_by_name_is_one_error_that_says_how_to_hand_over()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "      - say: found\n", "      - confirm: found\n        on_yes: handoff\n"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG2002", d.Id);
        Assert.Equal("unknown step 'handoff' in flow 'ticket_status'", d.Message);
        Assert.Contains("add '- id: hand_over' with 'handoff: <response>'", d.Help, StringComparison.Ordinal);
    }

    // The author4 trial: "examples: { en: [renew], ge: [verlängern] }" was "no 'de' text" and "language 'ge' is not one
    // of the bot's languages"; "say: Thanks, all done!" was "unknown response 'Thanks, all done!'" with no way out.
    [Fact]
    public void A_misspelt_language_key_is_one_error_that_names_the_missing_language()
    {
        const string Bilingual = """
            bot: { id: x, name: X, languages: [en, de] }
            flows:
              renew:
                examples: { en: [renew my loan], de: [Ausleihe verlängern] }
                steps:
                  - end: bye
            responses:
              bye: { en: Bye!, de: Tschüss! }
            """;
        Assert.True(DialogLoader.LoadTexts([new("bot.yaml", Bilingual)]).Succeeded);

        var result = DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(Bilingual, "de: [Ausleihe", "ge: [Ausleihe"))]);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG2013", d.Id);
        Assert.Equal("did you mean 'de'? this text has no 'de' one", d.Help);
    }

    [Theory]
    [InlineData("      - say: found\n", "      - say: Thanks, all done!\n", "(thanks_all_done: \"Thanks, all done!\") and write thanks_all_done here")]
    [InlineData("        end: bye", "        end: \"Bye!\"", "(bye: \"Bye!\") and write bye here")]
    public void A_text_written_where_a_response_id_belongs_says_to_make_it_a_response(string find, string replace, string help)
    {
        var result = TestBots.Load(TestBots.Edit(Steps, find, replace));

        var d = Assert.Single(result.Diagnostics, x => x.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal("DLG2001", d.Id);
        Assert.EndsWith(help, d.Help, StringComparison.Ordinal);
        Assert.StartsWith("a response is named by its id here: put the text under responses", d.Help, StringComparison.Ordinal);
    }

    // The author4 trial: a flow's slots written as a list ("- card: card_number") was the list error and, again, an
    // "unknown slot" at every ask of them.
    [Fact]
    public void Slots_written_as_a_list_of_pairs_are_one_error_that_shows_the_mapping()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "    slots: { number: text }", "    slots:\n      - number: text\n      - note: text"));

        var d = Assert.Single(result.Diagnostics, x => x.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal("DLG1002", d.Id);
        Assert.Equal("write them without the '- ', as one mapping: slots: { number: text, note: text }", d.Help);
    }

    // The author4 trial: "buttons: [Yes, No]" was an error per button.
    [Fact]
    public void Buttons_written_as_plain_texts_are_one_error_that_shows_a_button()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "  found: Found it.", "  found:\n    text: Found it.\n    buttons: [Open it, Close it]"));

        var d = Assert.Single(result.Diagnostics, x => x.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal("DLG1002", d.Id);
        Assert.Equal("button must be a mapping (key: value lines), found 'Open it'", d.Message);
        Assert.Equal("a button has a title and a value (what the bot receives): - { title: Open it, value: open_it }", d.Help);
    }

    // 'on_eror:' dropped the jump to 'failed', which was then "never reached" next to the did-you-mean.
    [Fact]
    public void A_misspelt_jump_key_does_not_make_its_target_unreachable()
    {
        var result = TestBots.Load(TestBots.Edit(Steps, "on_error: failed", "on_eror: failed"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG1003", d.Id);
        Assert.Equal("did you mean 'on_error'?", d.Help);
    }

    [Fact]
    public void The_graph_checks_still_run_when_the_steps_read_whole()
    {
        var loop = TestBots.Load(TestBots.Edit(Steps, "      - goto: finish\n", "      - goto: lookup\n"));
        var unreachable = TestBots.Load(TestBots.Edit(Steps, "on_error: failed", "on_error: finish"));

        Assert.Equal("DLG3002", Assert.Single(loop.Diagnostics).Id);
        Assert.Equal("DLG3004", Assert.Single(unreachable.Diagnostics).Id);
    }

    // DLG2009 pointed at the step that says the response ('end: bye'), not at the text to edit (the author2 trial).
    [Fact]
    public void A_placeholder_out_of_scope_is_reported_at_the_text_once_for_every_use_in_a_flow()
    {
        var yaml = TestBots.Edit(TestBots.Edit(Steps, "  bye: Bye.", "  bye: \"Bye, {{ numbr }}.\""), "        say: down", "        end: bye");
        var (line, column) = TestBots.Position(yaml, "\"Bye, {{ numbr }}.\"");

        var d = Assert.Single(TestBots.Load(yaml).Diagnostics, x => x.Id == "DLG2009");

        Assert.Equal((line, column), (d.Line, d.Column));
        Assert.Equal("placeholder '{{ numbr }}' in response 'bye' (en) is not a slot in scope where it is used (slots of flow 'ticket_status' and bot-wide slots)", d.Message);
        Assert.Equal("did you mean 'number'?", d.Help);
    }

    // The buergeramt trial: a German-first bot written from the docs. "languages: [deutsch, englisch]" gave seven errors,
    // none at the slip: every { de: …, en: … } text was "no 'deutsch' text", "language 'de' is not one of the bot's
    // languages", and a short response { de: …, en: … } "missing the required key 'text'" with two unknown keys.
    private const string GermanFirst = """
        bot:
          id: amt
          name: Amt
          languages: [de, en]
        flows:
          zeiten:
            examples: { de: [Öffnungszeiten], en: [opening hours] }
            steps:
              - end: zeiten
        responses:
          zeiten: { de: "Mo–Fr 8–16 Uhr", en: "Mon–Fri 8–16" }
        """;

    [Theory]
    [InlineData("languages: [de, en]", "languages: [deutsch, englisch]", "invalid value 'deutsch' for 'bot.languages': a language is written as its code, such as de or en", "did you mean 'de'?")]
    [InlineData("languages: [de, en]", "languages: [de, en]\n  default_language: Deutsch", "invalid value 'Deutsch' for 'bot.default_language': a language is written as its code, such as de or en", "did you mean 'de'?")]
    [InlineData("languages: [de, en]", "languages: [de, en]\n  default_language: fr", "invalid value 'fr' for 'bot.default_language': the default language must be one of bot.languages (de, en)", null)]
    public void A_language_written_by_name_is_one_error_at_it(string find, string replace, string message, string? help)
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(GermanFirst, find, replace))]);

        var errors = result.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).ToList();
        var first = errors[0];
        Assert.All(errors, d => Assert.Equal("DLG1005", d.Id));
        Assert.Equal(message, first.Message);
        Assert.Equal(help, first.Help);
    }

    [Fact]
    public void Two_languages_by_name_are_two_errors_and_nothing_else()
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(GermanFirst, "languages: [de, en]", "languages: [deutsch, englisch]"))]);

        Assert.Equal(["did you mean 'de'?", "did you mean 'en'?"], result.Diagnostics.Select(d => d.Help));
        Assert.Equal([(4, 15), (4, 24)], result.Diagnostics.Select(d => (d.Line, d.Column)));
    }

    [Theory]
    [InlineData("  zeiten:\n    examples", "  öffnungszeiten:\n    examples", "öffnungszeiten", "did you mean 'oeffnungszeiten'?")]
    [InlineData("  zeiten: {", "  zeiten für alle: {", "zeiten für alle", "did you mean 'zeiten_fuer_alle'?")]
    [InlineData("  zeiten: {", "  Zeiten_Café: {", "Zeiten_Café", "did you mean 'Zeiten_Cafe'?")]
    [InlineData("  zeiten: {", "  Öffnung: {", "Öffnung", "did you mean 'Oeffnung'?")]
    public void An_id_with_an_umlaut_says_how_to_write_it(string find, string replace, string id, string help)
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(GermanFirst, find, replace))]);

        var d = result.Diagnostics.First(d => d.Id == "DLG1010");
        Assert.Equal($"'{id}' is not a valid id: use the letters a-z and A-Z (no umlauts, ß or accents), digits, '_' and '-', starting with a letter", d.Message);
        Assert.Equal(help, d.Help);
    }

    [Fact]
    public void A_kind_written_in_German_is_one_error_that_names_ours()
    {
        var yaml = GermanFirst.Replace("flows:", "slot_types:\n  tag_typ: { kind: datum, min: today + 1d }\nflows:", StringComparison.Ordinal);
        var d = Assert.Single(DialogLoader.LoadTexts([new("bot.yaml", yaml)]).Diagnostics);

        Assert.Equal("DLG1005", d.Id);
        Assert.Equal("did you mean 'date'?", d.Help);
    }
}
