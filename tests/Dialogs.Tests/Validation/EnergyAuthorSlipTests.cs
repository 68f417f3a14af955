using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// Slips author16 made writing the energy bot from the guide alone. One slip is one error: a slot type whose kind is
/// misspelt is reported at the kind, and not again at every expression and placeholder that reads its slot.
/// </summary>
public sealed class EnergyAuthorSlipTests
{
    private const string Bot = """
        slot_types:
          instalment: { kind: integer, min: 20, max: 500 }
          move_day: { kind: date }
        flows:
          change_instalment:
            examples: { en: [change my monthly instalment] }
            slots: { amount: instalment, yearly: integer, day: move_day }
            steps:
              - ask: amount
                response: ask_amount
                reprompt: amount_format
              - set: { yearly: amount * 12 }
              - ask: day
                response: ask_day
                validation:
                  - rule: day <= today + 6w
                    message: too_far
              - confirm: confirm
        responses:
          ask_amount: "How much a month, between {{ range.min }} and {{ range.max }} euros?"
          amount_format: "A whole amount from {{ range.min }} to {{ range.max }}, please."
          ask_day: From which day?
          too_far: At most six weeks ahead, please.
          confirm:
            text: "{{ amount | money }} € a month ({{ yearly | money }} € a year) from {{ day | short_date }}?"
            variants:
              - if: amount > 100
                text: "A high instalment: {{ amount | money }} €. Shall I change it?"
        """;

    [Fact]
    public void The_bot_as_written_is_valid() => Assert.True(TestBots.Load(Bot).Succeeded, string.Join("\n", TestBots.Load(Bot).Diagnostics));

    [Theory]
    [InlineData("kind: integer, min", "kind: integr, min", "integr", "did you mean 'integer'?")]
    [InlineData("kind: date }", "kind: dat }", "dat", "did you mean 'date'?")]
    public void A_misspelt_kind_is_one_error_at_the_kind(string find, string replace, string wrong, string help)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var result = TestBots.Load(yaml);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("DLG1005", error.Id);
        var (line, column) = TestBots.Position(yaml, replace);
        Assert.Equal((line, column + "kind: ".Length), (error.Line, error.Column));
        Assert.Contains($"'{wrong}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(help, error.ToString(), StringComparison.Ordinal);
    }
}
