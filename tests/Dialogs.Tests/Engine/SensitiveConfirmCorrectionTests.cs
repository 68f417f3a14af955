namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// author23's HR desk trial: a confirmation that rightly never shows a sensitive value back ("the IBAN you gave") still
/// confirms it, so a new IBAN said there ("no wait, it is DE02…") corrects it instead of being asked what to change.
/// </summary>
public sealed class SensitiveConfirmCorrectionTests
{
    private const string Bot = """
        slot_types:
          iban:
            kind: regex
            pattern: '[A-Z]{2}\d{2}[A-Z0-9]{11,30}'
            normalize: [trim, upper, no_separators]
            sensitive: true
        flows:
          bank:
            description: Change the bank account your salary is paid to
            examples: [change my bank details]
            slots:
              account: iban
              holder: text
            steps:
              - ask: account
                response: ask_iban
              - ask: holder
                response: ask_holder
              - confirm: confirm_bank
                on_no:
                  prompt: what_to_change
              - end: saved
        responses:
          ask_iban: { text: What is your new IBAN? }
          ask_holder: { text: Who is the account holder? }
          confirm_bank: { text: "Your salary goes to the account of {{ holder }} with the IBAN you gave. Save it?" }
          what_to_change: { text: What would you like to change? }
          saved: { text: Saved. }
        """;

    private static async Task<Conversation> AtConfirmation()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!);
        await c.Say("change my bank details");
        await c.Say("DE89 3704 0044 0532 0130 00");
        await c.Say("Jonas Weber");
        Assert.Equal("confirm_bank", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("no wait, it is DE02120300000000202051")]
    [InlineData("DE02 1203 0000 0000 2020 51")]
    public async Task A_new_value_for_a_sensitive_slot_the_text_does_not_show_corrects_it(string text)
    {
        var c = await AtConfirmation();

        await c.Say(text);

        Assert.Equal("DE02120300000000202051", c.Slot("account"));
        Assert.EndsWith("confirm_bank", c.Ids, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_what_to_change_the_new_value_alone_corrects_it()
    {
        var c = await AtConfirmation();
        await c.Say("no");
        Assert.Equal("what_to_change", c.Ids);

        await c.Say("DE02120300000000202051");

        Assert.Equal("DE02120300000000202051", c.Slot("account"));
        Assert.EndsWith("confirm_bank", c.Ids, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_correction_says_no_value_back()
    {
        var c = await AtConfirmation();

        await c.Say("no wait, it is DE02120300000000202051");

        Assert.DoesNotContain("DE02", c.Last.Replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("DE02", c.Text, StringComparison.Ordinal);
    }
}
