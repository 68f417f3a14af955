using Chatbot.Bot.Middleware.Teams;

namespace Chatbot.Bot.Tests.Middleware;

public sealed class TeamsReplyTurnHandlerTests
{
    [Fact]
    public void Text_is_cut_after_the_last_sentence_end_that_fits()
    {
        var parts = TeamsReplyTurnHandler.SplitText("One two. Three four! Five six? Seven.", 20);

        Assert.Equal(["One two. Three four!", "Five six? Seven."], parts);
    }

    [Fact]
    public void Without_a_sentence_end_the_cut_is_at_a_space_and_without_either_at_the_limit_outside_a_surrogate_pair()
    {
        Assert.Equal(["aaaa bbbb", "cccc"], TeamsReplyTurnHandler.SplitText("aaaa bbbb cccc", 10));
        var emoji = new string('x', 9) + "\U0001F600" + new string('y', 5);

        // 15: the emoji goes encoded as nine characters ("&#128512;"), so the second part is 14 long as sent.
        var parts = TeamsReplyTurnHandler.SplitText(emoji, 15);

        Assert.Equal([new string('x', 9), "\U0001F600yyyyy"], parts);
        Assert.Equal(emoji, string.Concat(parts));
    }

    [Fact]
    public void A_line_break_is_a_boundary_and_text_within_the_limit_stays_whole()
    {
        Assert.Equal(["Line one", "line two is longer"], TeamsReplyTurnHandler.SplitText("Line one\nline two is longer", 20));
        Assert.Equal(["short."], TeamsReplyTurnHandler.SplitText("short.", 20));
    }

    [Fact]
    public void Each_part_fits_the_limit_as_sent_encoded_so_a_text_of_ampersands_is_cut_shorter()
    {
        // Sent with a mention, "&" goes as "&amp;": 12,000 of them would be 60,000 characters in one Teams message.
        var text = string.Join(" ", Enumerable.Repeat("Tom & Jerry <3>.", 10));

        var parts = TeamsReplyTurnHandler.SplitText(text, 40);

        Assert.True(parts.Count > 4, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.True(System.Net.WebUtility.HtmlEncode(p).Length <= 40, $"'{p}' is longer than 40 encoded"));
        Assert.All(parts, p => Assert.EndsWith("<3>.", p, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(" ", parts));
    }
}
