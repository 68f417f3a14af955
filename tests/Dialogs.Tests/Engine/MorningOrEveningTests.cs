using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// An hour that may be morning or evening, asked back (time_ambiguous), answered with only the half of the day or a
/// time alone (author13's fitness trial, issue 12): "friday at 8", "in the evening" was 18:00 today, another day. It is
/// Friday 27 November 2026, 11:00 in Berlin.
/// </summary>
public sealed class MorningOrEveningTests
{
    private const string Bot = """
        bot:
          id: gym
          name: Gym
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          class_start:
            kind: datetime
            min: now
            max: now + 14d
        flows:
          book:
            description: Book a class
            examples: { en: [book a class], de: [Kurs buchen] }
            slots: { when: class_start }
            steps:
              - ask: when
                response: ask_when
              - end: booked
        responses:
          ask_when: { text: { en: When?, de: Wann? } }
          booked: { text: { en: "Booked: {{ when }}.", de: "Gebucht: {{ when }}." } }
        """;

    private static CompiledBot Compile() => TestBots.CompileFile(Bot);

    private static async Task<string> Booked(string answer, string locale = "en")
    {
        var c = new Conversation(Compile(), locale: locale);
        await c.Say(locale == "de" ? "Kurs buchen" : "book a class");
        await c.Say(answer);
        return c.Text;
    }

    [Theory]
    [InlineData("in the evening", "tuesday at 8pm")]
    [InlineData("evening please", "tuesday at 8pm")]
    [InlineData("pm", "tuesday at 8pm")]
    [InlineData("morning", "tuesday at 8am")]
    [InlineData("8pm", "tuesday at 8pm")]
    [InlineData("20:00", "tuesday at 8pm")]
    public async Task The_half_of_the_day_or_a_time_alone_keeps_the_day_and_hour_asked_about(string second, string same)
    {
        var c = new Conversation(Compile());
        await c.Say("book a class");
        await c.Say("tuesday at 8");
        Assert.Equal("builtin.time_ambiguous", c.Ids);
        await c.Say(second);
        Assert.Equal("booked", c.Ids);
        Assert.Equal(await Booked(same), c.Text);
        Assert.Contains("Tuesday", c.Text, StringComparison.Ordinal);
    }

    // samples/clinic: "wednesday" (time_missing), then "at 7" (time_ambiguous) kept Wednesday for "at 3"; so for "evening".
    [Theory]
    [InlineData("in the evening", "tuesday at 8pm")]
    [InlineData("at 8pm", "tuesday at 8pm")]
    public async Task A_day_kept_before_the_hour_stays_the_day(string third, string same)
    {
        var c = new Conversation(Compile());
        await c.Say("book a class");
        await c.Say("tuesday");
        Assert.Equal("builtin.time_missing", c.Ids);
        await c.Say("at 8");
        Assert.Equal("builtin.time_ambiguous", c.Ids);
        await c.Say(third);
        Assert.Equal(await Booked(same), c.Text);
    }

    [Fact]
    public async Task German_abends_after_Dienstag_um_8_is_20_Uhr_that_Tuesday()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("Kurs buchen");
        await c.Say("Dienstag um 8");
        Assert.Equal("builtin.time_ambiguous", c.Ids);
        await c.Say("abends");
        Assert.Equal(await Booked("Dienstag um 20 Uhr", "de"), c.Text);
        Assert.Contains("Dienstag", c.Text, StringComparison.Ordinal);
    }

    // Issue 12: "tomorrow evening" was 18:00 without a word; the user saw it only when it was booked. The day is kept,
    // the question names the part of the day, and a bare hour then is in it.
    [Theory]
    [InlineData("tomorrow evening", "What time on Saturday, November 28, 2026, in the evening?", "8", "tomorrow at 8pm", "en")]
    [InlineData("tuesday morning", "What time on Tuesday, December 1, 2026, in the morning?", "10", "tuesday at 10am", "en")]
    [InlineData("Donnerstag vormittag", "Um wie viel Uhr am Donnerstag, 3. Dezember 2026, vormittags?", "10", "Donnerstag um 10 Uhr", "de")]
    [InlineData("Freitag am Abend", "Um wie viel Uhr am Freitag, 4. Dezember 2026, abends?", "um 8", "Freitag um 20 Uhr", "de")]
    public async Task A_part_of_the_day_keeps_the_day_and_asks_the_time_in_it(string first, string asked, string hour, string same, string locale)
    {
        var c = new Conversation(Compile(), locale: locale);
        await c.Say(locale == "de" ? "Kurs buchen" : "book a class");
        await c.Say(first);
        Assert.Equal("builtin.time_for_day", c.Ids);
        Assert.Equal(asked, c.Text);
        await c.Say(hour);
        Assert.Equal(await Booked(same, locale), c.Text);
    }
}
