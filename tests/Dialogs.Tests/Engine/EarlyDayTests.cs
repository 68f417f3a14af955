using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A day named without a time before the date-time question (issue 12, conv32): kept for that question, which then asks
/// only for the time, in English and German. It is Friday 27 November 2026, 11:00 in Berlin.
/// </summary>
public sealed class EarlyDayTests
{
    private const string Bot = """
        bot:
          id: salon
          name: Salon
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          service:
            kind: enum
            values:
              cut: { label: { en: haircut, de: Haarschnitt }, synonyms: { en: [haircut, cut], de: [Haarschnitt, schneiden] } }
              color: { label: { en: coloring, de: Färben }, synonyms: { en: [coloring, color], de: [Färben, färben] } }
          visit_time:
            kind: datetime
            min: now
            max: now + 14d
        flows:
          book:
            description: Book a visit
            examples: { en: [book a visit], de: [Termin buchen] }
            slots: { service: service, when: visit_time }
            steps:
              - ask: service
                response: ask_service
              - ask: when
                response: ask_when
              - end: booked
        responses:
          ask_service: { text: { en: What would you like?, de: Was möchten Sie? } }
          ask_when: { text: { en: When would you like to come?, de: Wann möchten Sie kommen? } }
          booked: { text: { en: "Booked: {{ when }}.", de: "Gebucht: {{ when }}." } }
        """;

    private static CompiledBot Compile() => TestBots.CompileFile(Bot);

    [Fact]
    public async Task A_day_at_another_question_is_kept_and_its_question_asks_only_for_the_time()
    {
        var c = new Conversation(Compile());
        await c.Say("book a visit");
        await c.Say("tomorrow");
        Assert.Equal("builtin.early_answer,ask_service", c.Ids);
        Assert.StartsWith("Got it: Saturday, November 28, 2026.", c.Text);
        Assert.Null(c.Slot("when"));
        await c.Say("haircut");
        Assert.Equal("builtin.time_for_day", c.Ids);
        Assert.Equal("What time on Saturday, November 28, 2026?", c.Text);
        await c.Say("at 10:30");
        Assert.Equal("Booked: Saturday, November 28, 2026 at 10:30 AM.", c.Text);
    }

    [Fact]
    public async Task German_a_day_before_the_question_asks_um_wie_viel_Uhr_on_that_day()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Termin buchen");
        await c.Say("am Montag");
        Assert.Equal("builtin.early_answer,ask_service", c.Ids);
        Assert.StartsWith("Notiert: Montag, 30. November 2026.", c.Text);
        await c.Say("Haarschnitt");
        Assert.Equal("Um wie viel Uhr am Montag, 30. November 2026?", c.Text);
        await c.Say("um 15 Uhr");
        Assert.Equal("Gebucht: Montag, 30. November 2026 um 15:00.", c.Text);
    }

    [Fact]
    public async Task A_day_in_the_request_that_starts_the_flow_is_kept()
    {
        var c = new Conversation(Compile());
        await c.Say("book a visit for Tuesday");
        Assert.Equal("ask_service", c.Ids);
        Assert.Contains("day_kept:when", c.Last.Trace.Events);
        await c.Say("coloring");
        Assert.Equal("What time on Tuesday, December 1, 2026?", c.Text);
        await c.Say("Wednesday at 9am");
        Assert.Equal("Booked: Wednesday, December 2, 2026 at 9:00 AM.", c.Text);
    }

    [Fact]
    public async Task A_day_outside_the_types_range_is_no_early_answer()
    {
        var c = new Conversation(Compile());
        await c.Say("book a visit");
        await c.Say("December 24");
        Assert.DoesNotContain("day_kept:when", c.Last.Trace.Events);
        Assert.Null(c.State!.Stack[0].EarlyDays);
        await c.Say("haircut");
        Assert.Equal("ask_when", c.Ids);
    }
}
