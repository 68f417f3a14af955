namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// At a confirmation, a day that two confirmed dates could take is for the one the message names by the whole of its
/// name: "no, the check-out on monday" for an arrival <c>check_in</c> and a departure <c>check_out</c> moves the
/// departure ("check" alone names both, so it was a plain no and "What would you like to change?").
/// </summary>
public sealed class WholeSlotNameTests
{
    private const string Bot = """
        flows:
          stay:
            description: Book a room
            examples: [book a room]
            slots:
              check_in: date
              check_out: date
            steps:
              - ask: check_in
                response: ask_in
              - ask: check_out
                response: ask_out
              - confirm: confirm_stay
              - say: booked
        responses:
          ask_in: { text: Arriving when? }
          ask_out: { text: Leaving when? }
          confirm_stay: { text: "From {{ check_in }} to {{ check_out }}. Book it?" }
          booked: { text: "Booked." }
        """;

    // Conversation.Now is Friday 2026-11-27.
    private static async Task<Conversation> AtConfirmation()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!);
        await c.Say("book a room");
        await c.Say("2026-11-28");
        await c.Say("2026-11-29");
        Assert.Equal("confirm_stay", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("no, the check-out on monday")]
    [InlineData("no, checkout on monday")]
    [InlineData("no, the check out on monday")]
    public async Task The_whole_name_of_one_slot_decides_which_date_a_day_corrects(string text)
    {
        var c = await AtConfirmation();

        await c.Say(text);

        Assert.Equal("2026-11-28", c.Slot("check_in"));
        Assert.Equal("2026-11-30", c.Slot("check_out"));
        Assert.EndsWith("confirm_stay", c.Ids, StringComparison.Ordinal);
    }
}
