using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// What a German-first bot shows its users (found writing samples/buergeramt from the docs): dates and amounts written
/// as people write them (<c>short_date</c>, <c>money</c>), and the built-in range refusal in proper German.
/// </summary>
public sealed class GermanFirstTextsTests
{
    private const string Bot = """
        bot:
          id: amt
          name: Amt
          languages: [de, en]
          default_language: de
          time_zone: Europe/Berlin
        slot_types:
          geburtstag: { kind: date, max: today - 1d }
          personenzahl: { kind: integer, min: 1, max: 5 }
        flows:
          antrag:
            label: { de: der Antrag, en: the application }
            examples: { de: [Antrag stellen], en: [make an application] }
            slots: { geburtsdatum: geburtstag, personen: personenzahl, gebuehr: number }
            steps:
              - ask: geburtsdatum
                response: ask_geburtsdatum
              - ask: personen
                response: ask_personen
              - ask: gebuehr
                response: ask_gebuehr
              - confirm: zusammenfassung
              - end: fertig
        responses:
          ask_geburtsdatum: { de: Wann sind Sie geboren?, en: When were you born? }
          ask_personen: { de: Wie viele Personen?, en: How many people? }
          ask_gebuehr: { de: Welcher Betrag?, en: Which amount? }
          zusammenfassung:
            de: "Geboren am {{ geburtsdatum | short_date }}, {{ personen }} Personen, Gebühr {{ gebuehr | money }} €. Richtig?"
            en: "Born {{ geburtsdatum | short_date }}, {{ personen }} people, fee €{{ gebuehr | money }}. Correct?"
          fertig: { de: Erledigt., en: Done. }
        """;

    [Fact]
    public async Task A_German_reply_shows_a_short_date_and_an_amount_the_German_way()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "de");
        await c.Say("Antrag stellen");
        await c.Say("12.03.1985");
        await c.Say("2");
        await c.Say("1234,5");
        Assert.Equal("Geboren am 12.03.1985, 2 Personen, Gebühr 1.234,50 €. Richtig?", c.Last.Replies[0].Text);
    }

    // The reply says which language it is written in, so the channel message can carry it as its locale: a user who
    // writes German in an en-US browser is answered in German.
    [Fact]
    public async Task Replies_name_the_language_they_are_written_in_not_the_channels()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "en-US");
        await c.Say("ich möchte einen Antrag stellen");

        Assert.Equal("Wann sind Sie geboren?", c.Last.Replies[0].Text);
        Assert.Equal("de", c.Last.Replies[0].Language);
    }

    [Fact]
    public async Task An_English_reply_of_the_same_bot_shows_them_the_English_way()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "en");
        await c.Say("make an application");
        await c.Say("March 12, 1985");
        await c.Say("2");
        await c.Say("80");
        Assert.Equal("Born 3/12/1985, 2 people, fee €80.00. Correct?", c.Last.Replies[0].Text);
    }

    [Fact]
    public async Task A_number_out_of_range_is_refused_in_proper_German()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "de");
        await c.Say("Antrag stellen");
        await c.Say("12.03.1985");
        await c.Say("7");
        Assert.Equal("Das geht leider nicht. Bitte wählen Sie von 1 bis 5.", c.Last.Replies[0].Text);
    }

    [Fact]
    public async Task A_date_with_only_an_upper_bound_is_refused_with_that_bound_alone()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "de");
        await c.Say("Antrag stellen");
        await c.Say("morgen");
        Assert.Equal("Das geht leider nicht. Bitte wählen Sie bis Donnerstag, 26. November 2026.", c.Last.Replies[0].Text);
    }
}
