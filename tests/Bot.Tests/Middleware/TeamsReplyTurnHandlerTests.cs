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

        var parts = TeamsReplyTurnHandler.SplitText(emoji, 10);

        Assert.Equal([new string('x', 9), "\U0001F600yyyyy"], parts);
        Assert.Equal(emoji, string.Concat(parts));
    }

    [Fact]
    public void A_line_break_is_a_boundary_and_text_within_the_limit_stays_whole()
    {
        Assert.Equal(["Line one", "line two is longer"], TeamsReplyTurnHandler.SplitText("Line one\nline two is longer", 20));
        Assert.Equal(["short."], TeamsReplyTurnHandler.SplitText("short.", 20));
    }
}
