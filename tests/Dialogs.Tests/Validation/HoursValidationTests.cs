using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary><c>hours</c> of a datetime type (the times of day it is meant for): mistakes at their file:line:col.</summary>
public sealed class HoursValidationTests
{
    private const string Flow = """
        flows:
          f:
            description: f
            examples: { en: [f] }
            slots: { when: visit_time }
            steps:
              - ask: when
                response: ask
        responses:
          ask: { text: { en: When? } }
        slot_types:

        """;

    [Theory]
    [InlineData("  visit_time: { kind: datetime, hours: 8-18 }", "8-18", "invalid value '8-18' for 'hours': write the first and the last time of day as 08:00-18:00, the first before the second")]
    [InlineData("  visit_time: { kind: datetime, hours: 18:00-08:00 }", "18:00-08:00", "invalid value '18:00-08:00' for 'hours': write the first and the last time of day as 08:00-18:00, the first before the second")]
    [InlineData("  visit_time: { kind: datetime, hours: 08:00-25:00 }", "08:00-25:00", "invalid value '08:00-25:00' for 'hours': write the first and the last time of day as 08:00-18:00, the first before the second")]
    public void A_bad_range_is_an_error_at_its_position(string type, string at, string message)
    {
        var yaml = Flow + type + "\n";
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1005");
        Assert.Equal((DiagnosticSeverity.Error, TestBots.Position(yaml, at), message), (d.Severity, (d.Line, d.Column), d.Message));
    }

    // The author18 trial: a cinema's shows start at 14:00, 17:30 and 20:15, and an author who listed them as hours got
    // "hours must be a single value, found a list", which named neither what hours are nor how to allow only those times.
    [Theory]
    [InlineData("  visit_time: { kind: datetime, hours: [14:00, 17:30, 20:15] }", "[14:00", "14:00, 17:30, 20:15")]
    [InlineData("  visit_time:\n    kind: datetime\n    hours: 14:00, 17:30, 20:15", "14:00, 17:30", "14:00, 17:30, 20:15")]
    public void Start_times_listed_as_hours_say_how_to_allow_only_them(string type, string at, string listed)
    {
        var yaml = Flow + type + "\n";
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1005");
        Assert.Equal(TestBots.Position(yaml, at), (d.Line, d.Column));
        Assert.Equal($"invalid value '{listed}' for 'hours': hours are one range of the day, such as 13:00-23:00, that only says how a bare hour reads (\"at 8\" is then 20:00) and refuses nothing; to take only these start times, add a validation rule to the ask: time(<slot>) == \"14:00\" or time(<slot>) == \"17:30\" or time(<slot>) == \"20:15\", with a message that names them", d.Message);
        Assert.DoesNotContain(TestBots.Load(yaml).Diagnostics, x => x.Id == "DLG1002");
    }

    [Fact]
    public void A_good_range_loads_without_diagnostics()
    {
        var bot = TestBots.Load(Flow + "  visit_time: { kind: datetime, hours: 8:00-18:00 }\n");
        Assert.DoesNotContain(bot.Diagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id == "DLG1020");
    }

    [Fact]
    public void Hours_on_another_kind_are_warned_about()
    {
        var d = TestBots.Single(TestBots.Load(Flow + "  visit_time: { kind: time, hours: 08:00-18:00 }\n"), "DLG1020");
        Assert.Equal("'hours' has no effect on slot type 'visit_time' of kind time; 'hours' applies to the kinds datetime", d.Message);
    }
}
