using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Authoring mistakes with time zones, date bounds and slot type keys, each at its file:line:col.</summary>
public sealed class TimeValidationTests
{
    private static Diagnostic One(string yaml, string id, string header = TestBots.Header)
    {
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("test.yaml", header + yaml)]);
        var matches = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got:\n{string.Join("\n", result.Diagnostics)}");
        return matches[0];
    }

    private const string Flow = """
        flows:
          f:
            description: f
            examples: { en: [f] }
            slots: { when: pickup }
            steps:
              - ask: when
                response: ask
        responses:
          ask: { text: { en: When? } }

        """;

    [Fact]
    public void An_unknown_time_zone_is_an_error_with_a_suggestion()
    {
        var d = One(Flow + "slot_types:\n  pickup: { kind: datetime }\n", "DLG1005", """
            bot:
              id: test
              name: Test
              languages: [en]
              time_zone: Europe/Berlinn

            """);
        Assert.Equal((5, 14), (d.Line, d.Column));
        Assert.Equal("did you mean 'Europe/Berlin'?", d.Help);
        Assert.Contains("expected an IANA time zone", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  pickup: { kind: enum, values: [a], min: 1 }", 38, "'min' has no effect on slot type 'pickup' of kind enum; 'min' applies to the kinds integer, number, date, datetime, time")]
    [InlineData("  pickup: { kind: integer, pattern: x }", 28, "'pattern' has no effect on slot type 'pickup' of kind integer; 'pattern' applies to the kinds regex")]
    [InlineData("  pickup: { kind: datetime, normalize: trim }", 29, "'normalize' has no effect on slot type 'pickup' of kind datetime; 'normalize' applies to the kinds text, regex")]
    public void Keys_a_kind_ignores_are_warned_about(string type, int column, string message)
    {
        var result = TestBots.Load(Flow + "slot_types:\n" + type + "\n");
        var d = Assert.Single(result.Diagnostics, x => x.Id == "DLG1020");
        Assert.Equal((DiagnosticSeverity.Warning, 16, column, message), (d.Severity, d.Line, d.Column, d.Message));
    }

    [Theory]
    [InlineData("now + 2", 14, "'+' cannot combine a date and time and a number; dates and times take + or - with a duration (now + 30m), or - with another of the same kind")]
    [InlineData("tomorow", 10, "'min' of a slot type cannot read slot 'tomorow'; compare slots in an ask's validation rule instead")]
    [InlineData("\"09:00\"", 10, "'min' of a datetime type must be a date and time, found a text")]
    public void Date_bounds_must_be_dates_over_now(string bound, int column, string message)
    {
        var d = One(Flow + "slot_types:\n  pickup:\n    kind: datetime\n    min: " + bound + "\n", "DLG2008");
        Assert.Equal((18, column), (d.Line, d.Column));
        Assert.EndsWith(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_relative_to_now_and_canonical_literals_are_valid()
    {
        var bot = TestBots.Compile(Flow + """
            slot_types:
              pickup: { kind: datetime, min: now, max: now + 2d }
              day: { kind: date, min: today, max: 2027-12-31 }
              hour: { kind: time, min: 09:00, max: "22:00" }
            slots: { d: day, h: hour }
            """);
        Assert.Equal("now + 2d", bot.SlotTypes["pickup"].Latest!.Text);
    }

    [Fact]
    public void A_slot_named_like_a_keyword_is_an_error()
    {
        var d = One(Flow.Replace("when: pickup", "now: pickup", StringComparison.Ordinal).Replace("ask: when", "ask: now", StringComparison.Ordinal) + "slot_types:\n  pickup: { kind: datetime }\n", "DLG2030");
        Assert.Equal("slot 'now' has a reserved name: 'now' has its own meaning in expressions; rename the slot", d.Message);
    }

    [Fact]
    public void Special_values_may_be_compared_with_and_unknown_ones_may_not()
    {
        var yaml = """
            flows:
              f:
                description: f
                examples: { en: [f] }
                slots: { when: pickup }
                steps:
                  - ask: when
                    response: ask
                  - branch:
                      - if: when == "asap"
                        goto: soon
                      - if: when == "soonish"
                        goto: soon
                  - id: soon
                    end: ask
            responses:
              ask: { text: { en: When? } }
            slot_types:
              pickup:
                kind: datetime
                values:
                  asap: { label: { en: as soon as possible }, synonyms: { en: [asap] } }
            """;
        var d = One(yaml, "DLG2008");
        Assert.Equal((16, 22), (d.Line, d.Column));
        Assert.EndsWith("cannot compare a date and time with a text", d.Message, StringComparison.Ordinal);
    }
}
