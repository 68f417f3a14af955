namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// An answer a confirmation cannot take gets "Please answer yes or no." (the <c>confirm_expected</c> response) and the
/// confirmation again with its yes/no buttons, not the generic "not a valid answer"; it still counts as an attempt.
/// Found in an author trial.
/// </summary>
public sealed class ConfirmExpectedTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de] }
        flows:
          book:
            description: Book a repair
            examples: { en: [book a repair], de: [Reparatur buchen] }
            slots: { day: date }
            steps:
              - ask: day
                response: ask_day
              - confirm: confirm_booking
                max_attempts: 2
              - say: booked
        responses:
          ask_day: { text: { en: Which day?, de: Welcher Tag? } }
          confirm_booking: { text: { en: "On {{ day }}. Book it?", de: "Am {{ day }}. Buchen?" } }
          booked: { text: { en: Booked., de: Gebucht. } }
        """;

    private static async Task<Conversation> AtConfirmation(string yaml = Bot, string locale = "en")
    {
        var c = new Conversation(TestBots.CompileFile(yaml), locale: locale);
        await c.Click("book");
        await c.Say("2026-12-01");
        Assert.Equal("confirm_booking", c.Ids);
        return c;
    }

    // A new author's confirmation without on_no or edit: "no" ended the flow and the bot said nothing at all.
    [Theory]
    [InlineData("no", "en", "Okay, I have stopped that.")]
    [InlineData("nein", "de", "In Ordnung, ich habe das abgebrochen.")]
    public async Task A_no_that_ends_the_flow_says_so(string no, string locale, string expected)
    {
        var c = await AtConfirmation(locale: locale);

        await c.Say(no);

        Assert.Equal("builtin.cancelled", c.Ids);
        Assert.Equal(expected, c.Text);
        Assert.Empty(c.Flows);
    }

    // "no, make it 2026-12-01" when the day already is that day restates it: the confirmation again, not a no that
    // drops the booking.
    [Fact]
    public async Task A_no_with_the_value_the_slot_already_has_confirms_again()
    {
        var c = await AtConfirmation();

        await c.Say("no, make it 2026-12-01");

        Assert.EndsWith("confirm_booking", c.Ids);
        Assert.Equal(["book"], c.Flows);
        Assert.Equal("2026-12-01", c.Slot("day"));
    }

    [Fact]
    public async Task A_not_understood_answer_asks_for_yes_or_no_with_the_buttons_and_counts_the_attempt()
    {
        var c = await AtConfirmation();

        await c.Say("purple");

        Assert.Equal("builtin.confirm_expected,confirm_booking", c.Ids);
        Assert.Equal("Please answer yes or no.", c.Last.Replies[0].Text);
        Assert.Equal(["yes", "no"], c.Last.Replies[^1].Buttons.Select(b => b.Value));
        Assert.Contains("pattern:confirm_expected", c.Last.Trace.Events);
        Assert.Equal(1, c.State!.Stack[0].Attempts);

        await c.Say("purple again");
        Assert.Contains("exhausted:#2", c.Last.Trace.Events);
    }

    [Fact]
    public async Task German_has_its_own_text()
    {
        var c = await AtConfirmation(locale: "de");

        await c.Say("lila");

        Assert.Equal("Bitte antworten Sie mit Ja oder Nein.", c.Last.Replies[0].Text);
        Assert.Equal(["Ja", "Nein"], c.Last.Replies[^1].Buttons.Select(b => b.Title));
    }

    [Fact]
    public async Task A_correction_and_yes_still_work_after_it()
    {
        var c = await AtConfirmation();
        await c.Say("purple");

        await c.Say("actually make it 2026-12-02");
        Assert.Equal("builtin.correction,confirm_booking", c.Ids);
        await c.Say("yes");
        Assert.Equal("booked", c.Ids);
    }

    [Fact]
    public async Task Authors_may_write_their_own()
    {
        var yaml = Bot.Replace("responses:", """
            patterns:
              confirm_expected: { response: yes_or_no }
            responses:
              yes_or_no: { text: { en: "Just yes or no, please.", de: "Nur Ja oder Nein, bitte." } }
            """, StringComparison.Ordinal);
        var c = await AtConfirmation(yaml);

        await c.Say("purple");

        Assert.Equal("yes_or_no,confirm_booking", c.Ids);
    }
}
