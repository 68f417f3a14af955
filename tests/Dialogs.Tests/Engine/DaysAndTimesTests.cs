using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Days and times said the way people say them (issue 12, conv36): a rule's refusal that asks already is the question,
/// a part of the day kept for a time question, compounds of a day and its part. It is Friday 27 November 2026, 11:00 in Berlin.
/// </summary>
public sealed class DaysAndTimesTests
{
    private const string Bot = """
        bot:
          id: bistro
          name: Bistro
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          visit_day:
            kind: date
            min: today
          visit_time:
            kind: time
        flows:
          book:
            description: Book a table
            examples: { en: [book a table], de: [Tisch reservieren] }
            slots: { party: integer, day: visit_day, time: visit_time }
            steps:
              - ask: party
                response: ask_party
              - ask: day
                response: ask_day
                validation:
                  - rule: weekday(day) != 1
                    message: closed_monday
              - ask: time
                response: ask_time
              - end: booked
        responses:
          ask_party: { text: { en: For how many people?, de: Für wie viele Personen? } }
          ask_day: { text: { en: On which day?, de: An welchem Tag? } }
          closed_monday: { text: { en: We are closed on Mondays. Which other day would suit you?, de: Montags haben wir zu. Welcher andere Tag passt Ihnen? } }
          ask_time: { text: { en: At what time?, de: Um wie viel Uhr? } }
          booked: { text: { en: "Booked: {{ day }} at {{ time }}.", de: "Gebucht: {{ day }} um {{ time }}." } }
        """;

    private static CompiledBot Compile() => TestBots.CompileFile(Bot);

    [Fact]
    public async Task A_refused_early_day_whose_message_asks_is_the_one_question_of_the_turn()
    {
        var c = new Conversation(Compile());
        await c.Say("book a table");
        await c.Say("4 people on monday");
        // Was "We are closed on Mondays. Which other day would suit you?" and then "On which day?": two questions.
        Assert.Equal("closed_monday", c.Ids);
        Assert.True(c.Last.Replies[^1].ExpectsInput);
        Assert.Null(c.Slot("day"));
        await c.Say("tuesday");
        Assert.Equal("2026-12-01", c.Slot("day"));
        Assert.Equal("ask_time", c.Ids);
    }

    [Fact]
    public async Task The_part_of_the_day_said_with_the_day_reads_a_bare_hour_at_the_time_question()
    {
        var c = new Conversation(Compile());
        await c.Say("book a table");
        await c.Say("2");
        await c.Say("friday evening");
        Assert.Equal("2026-12-04", c.Slot("day"));
        Assert.Equal("ask_time", c.Ids);
        await c.Say("where was I?");
        Assert.Contains("So far I have: Party: 2, Day: Friday, December 4, 2026, Time: in the evening.", c.Text, StringComparison.Ordinal);
        // Was "In the morning or in the evening?": the evening said with the day was dropped.
        await c.Say("8");
        Assert.Equal("booked", c.Ids);
        Assert.Equal("Booked: Friday, December 4, 2026 at 8:00 PM.", c.Text);
    }

    [Fact]
    public async Task The_part_of_the_day_said_before_the_day_question_is_kept_for_the_time_too()
    {
        var c = new Conversation(Compile());
        await c.Say("book a table");
        await c.Say("2 people tomorrow morning");
        Assert.Equal("2026-11-28", c.Slot("day"));
        await c.Say("at 10");
        Assert.Equal("Booked: Saturday, November 28, 2026 at 10:00 AM.", c.Text);
    }

    [Fact]
    public async Task German_a_weekday_written_with_its_part_of_the_day_is_that_day_and_part()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Tisch reservieren");
        await c.Say("2");
        await c.Say("Donnerstagabend");
        Assert.Equal("2026-12-03", c.Slot("day"));
        await c.Say("um 7");
        Assert.Equal("Gebucht: Donnerstag, 3. Dezember 2026 um 19:00.", c.Text);
    }

    [Fact]
    public async Task Without_a_part_of_the_day_a_bare_hour_is_still_asked_morning_or_evening()
    {
        var c = new Conversation(Compile());
        await c.Say("book a table");
        await c.Say("2");
        await c.Say("friday");
        await c.Say("8");
        Assert.Null(c.Slot("time"));
        Assert.Equal("builtin.time_ambiguous", c.Ids);
    }
}
