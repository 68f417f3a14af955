using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// author16's energy trial: "I'm moving in on the 2nd of february" filled the moving day with January 2 (the 2nd of the
/// next month, read from "on the 2nd"), which passed the six-week rule the real day breaks. A day with its month in a
/// sentence is read whole.
/// </summary>
public sealed class DateInSentenceTests
{
    // Friday 27 November 2026, 11:00 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("I'm moving in on the 2nd of february", "en", "2027-02-02")]
    [InlineData("we move out on the 3rd of January please", "en", "2027-01-03")]
    [InlineData("the 2nd of february", "en", "2027-02-02")]
    [InlineData("I'm moving in on the 2nd", "en", "2026-12-02")]
    [InlineData("wir ziehen am 2. Februar ein", "de", "2027-02-02")]
    public void A_day_with_its_month_inside_a_sentence_is_that_day(string text, string lang, string expected) =>
        Assert.Equal(expected, SlotValueParser.Extract(new SlotInfo { Name = "move_date", Kind = "date" }, text, SlotParseContext.For(lang, Now, Berlin)));
}
