using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// A bot in several languages names the slots it asks for in "what do you need?" and the recap: without a label a slot
/// reads the same in every language ("guest count" to a German user), so the validator warns once per slot (DLG2042).
/// </summary>
public sealed class SlotLabelValidationTests
{
    private static IReadOnlyList<Diagnostic> Load(string languages, string slots, string steps, string botSlots = "") =>
        DialogLoader.LoadTexts([new("bot.yaml", $$"""
            bot:
              id: test
              name: Test
              languages: {{languages}}
            {{botSlots}}
            flows:
              book:
                label: { en: your booking, de: Ihre Buchung }
                description: Book a room
                examples: { en: [book a room], de: [Zimmer buchen] }
                slots:
            {{slots}}
                steps:
            {{steps}}
                  - end: done
            responses:
              q: { text: { en: Which?, de: Welches? } }
              done: { text: { en: Done, de: Fertig } }
            """)]).Diagnostics;

    private static List<Diagnostic> Warnings(IReadOnlyList<Diagnostic> diagnostics)
    {
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return diagnostics.Where(d => d.Id == "DLG2042").ToList();
    }

    [Fact]
    public void An_asked_slot_without_a_label_in_a_bot_of_two_languages_is_warned_about_once_at_its_declaration()
    {
        // Asked twice (again after a check): one slot, one warning.
        var warnings = Warnings(Load("[en, de]", "      guests: integer\n      note: text",
            "      - ask: guests\n        response: q\n      - id: again\n        ask: guests\n        response: q"));
        var d = Assert.Single(warnings);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal((12, 7), (d.Line, d.Column));
        Assert.Equal("slot 'guests' is asked in flow 'book' but has no label, so \"what do you need?\" ({{ flow.missing }}) and the recap ({{ flow.values }}) call it 'guests' in en and de alike; add label: { en: …, de: … } to the slot", d.Message);
    }

    [Fact]
    public void The_warning_quotes_the_name_users_would_read_the_description_or_the_declared_type()
    {
        var warnings = Warnings(Load("[de, en]", "      gaeste: { type: integer, description: Anzahl der Gäste }\n      nummer: buchungsnummer",
            "      - ask: gaeste\n        response: q\n      - ask: nummer\n        response: q",
            "slot_types:\n  buchungsnummer: { kind: regex, pattern: \"[0-9]{6}\" }"));
        Assert.Equal(["'Anzahl der Gäste' in de and en alike", "'buchungsnummer' in de and en alike"],
            warnings.Select(w => w.Message[(w.Message.IndexOf("call it ", StringComparison.Ordinal) + 8)..w.Message.IndexOf(';', StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_bot_wide_slot_asked_in_two_flows_is_warned_about_once()
    {
        var diagnostics = DialogLoader.LoadTexts([new("bot.yaml", """
            bot:
              id: test
              name: Test
              languages: [en, de]
            slots:
              member: text
            flows:
              book:
                label: { en: your booking, de: Ihre Buchung }
                description: Book a class
                examples: { en: [book a class], de: [Kurs buchen] }
                steps: [ { ask: member, response: q }, { end: done } ]
              pause:
                label: { en: your pause, de: Ihre Pause }
                description: Pause the membership
                examples: { en: [pause my membership], de: [Mitgliedschaft pausieren] }
                steps: [ { ask: member, response: q }, { end: done } ]
            responses:
              q: { text: { en: Which?, de: Welches? } }
              done: { text: { en: Done, de: Fertig } }
            """)]).Diagnostics;
        var d = Assert.Single(Warnings(diagnostics));
        Assert.Equal(6, d.Line);
    }

    [Theory]
    [InlineData("[en, de]", "      guests: { type: integer, label: { en: number of guests, de: Anzahl der Gäste } }", "guests")] // labelled
    [InlineData("[en, de]", "      email: email", "email")] // "email address" / "E-Mail-Adresse" built in
    [InlineData("[en]", "      guests: integer", "guests")] // one language: the name is in it
    public void No_warning_where_every_language_has_a_name(string languages, string slots, string asked)
    {
        // The one-language bot has German texts (DLG2013): the check runs all the same.
        Assert.DoesNotContain(Load(languages, slots, $"      - ask: {asked}\n        response: q"), d => d.Id == "DLG2042");
    }

    [Fact]
    public void A_slot_label_without_one_of_the_languages_is_an_error_like_any_text()
    {
        var diagnostics = Load("[en, de]", "      guests: { type: integer, label: { en: number of guests } }", "      - ask: guests\n        response: q");
        var d = Assert.Single(diagnostics, x => x.Id == "DLG2010");
        Assert.Equal("no 'de' text in the label of slot 'guests' of flow 'book'; a bot in en and de needs a text in each", d.Message);
        Assert.DoesNotContain(diagnostics, x => x.Id == "DLG2042");
    }
}
