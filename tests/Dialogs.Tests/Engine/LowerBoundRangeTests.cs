using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// The built-in range refusal of a type with only a lower bound (red8): "Please choose from 1." read as a sentence cut
/// off; it now says the bound is where the choice starts, for a number and for a day.
/// </summary>
public sealed class LowerBoundRangeTests
{
    private const string Bot = """
        bot:
          id: tickets
          name: Tickets
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          seats: { kind: integer, min: 1 }
          show_day: { kind: date, min: today }
        flows:
          book:
            label: { en: the booking, de: die Buchung }
            examples: { en: [book seats], de: [Plätze buchen] }
            slots: { count: seats, day: show_day }
            steps:
              - ask: count
                response: ask_count
              - ask: day
                response: ask_day
              - end: done
        responses:
          ask_count: { text: { en: How many seats?, de: Wie viele Plätze? } }
          ask_day: { text: { en: Which day?, de: Welcher Tag? } }
          done: { text: { en: Booked., de: Gebucht. } }
        """;

    [Theory]
    [InlineData("en", "book seats", "Sorry, that is not possible. Please choose from 1 onwards.")]
    [InlineData("de", "Plätze buchen", "Das geht leider nicht. Bitte wählen Sie ab 1.")]
    public async Task A_number_below_the_only_bound_is_refused_naming_where_the_choice_starts(string language, string opening, string expected)
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: language);
        await c.Say(opening);
        await c.Say("0");
        Assert.Equal(expected, c.Last.Replies[0].Text);
        Assert.Null(c.Slot("count"));
    }

    [Fact]
    public async Task A_day_before_the_only_bound_is_refused_naming_that_day_onwards()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("book seats");
        await c.Say("2");
        await c.Say("yesterday");
        Assert.Equal("Sorry, that is not possible. Please choose from Friday, November 27, 2026 onwards.", c.Last.Replies[0].Text);
        Assert.Null(c.Slot("day"));
    }
}
