using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// Slips tried while writing the vet practice (samples/vet) from the guide alone: a clock time written without quotes
/// in a rule, a yes/no slot compared with "yes", and a placeholder with a space in one language. Each is one error
/// that says what to write.
/// </summary>
public sealed class VetAuthorSlipTests
{
    private const string Bot = """
        bot:
          id: vet
          name: Vet
          languages: [en, de]
        slot_types:
          visit_time: { kind: datetime, min: now }
        flows:
          book_visit:
            examples: { en: [book a visit], de: [Termin buchen] }
            slots: { pet_name: text, urgent: boolean, when: visit_time }
            steps:
              - ask: pet_name
                response: ask_name
              - ask: urgent
                response: ask_urgent
              - branch:
                  - if: urgent == true
                    goto: emergency
              - ask: when
                response: ask_when
                validation:
                  - rule: weekday(when) != 6 or time(when) < "12:00"
                    message: saturday_mornings
              - end: booked
              - id: emergency
                handoff:
        responses:
          ask_name: { en: What is your pet's name?, de: Wie heißt Ihr Tier? }
          ask_urgent: { en: "Is {{ pet_name }} in pain?", de: "Hat {{ pet_name }} Schmerzen?" }
          ask_when: { en: When?, de: Wann? }
          saturday_mornings: { en: Saturdays only until 12:00., de: Samstags nur bis 12 Uhr. }
          booked: { en: Booked., de: Gebucht. }
        """;

    private static LoadResult Load(string find, string replace) =>
        DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(Bot, find, replace))]);

    private static IReadOnlyList<Diagnostics.Diagnostic> Errors(LoadResult result) =>
        [.. result.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error)];

    [Fact]
    public void The_bot_as_written_is_valid()
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", Bot)]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_clock_time_without_quotes_is_shown_quoted()
    {
        var d = Assert.Single(Errors(Load("time(when) < \"12:00\"", "time(when) < 12:00")));

        Assert.Equal("DLG2007", d.Id);
        Assert.Contains("a time of day is text in quotes, time(…) < \"12:00\"", d.Message);
    }

    [Theory]
    [InlineData("\"yes\"", "urgent == true")]
    [InlineData("\"ja\"", "urgent == true")]
    [InlineData("\"no\"", "urgent == false")]
    public void A_yes_no_slot_compared_with_a_word_says_true_or_false(string written, string meant)
    {
        var d = Assert.Single(Errors(Load("if: urgent == true", $"if: urgent == {written}")));

        Assert.Equal("DLG2008", d.Id);
        Assert.Contains($"a yes/no value is true or false, not a text like {written}: write {meant}", d.Message);
    }

    [Fact]
    public void A_malformed_placeholder_in_one_language_is_one_error_not_also_a_mismatch()
    {
        var d = Assert.Single(Errors(Load("en: \"Is {{ pet_name }} in pain?\"", "en: \"Is {{ pet name }} in pain?\"")));

        Assert.Equal("DLG2035", d.Id);
    }
}
