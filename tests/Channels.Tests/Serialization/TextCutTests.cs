using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.Tests.Serialization;

/// <summary>
/// <c>Limits:MaxTextLength</c> cuts the text before the mention cleanup and the markup reading see it: a cut inside
/// markup (the bot's <c>&lt;at&gt;</c> mention, a tag, an HTML entity) goes before that markup, so no piece of it
/// ("&lt;at&gt;Contoso Sh", "&amp;nb", "&lt;di") is left for the user's words.
/// </summary>
public sealed class TextCutTests
{
    [Theory]
    [InlineData("please help <at>Contoso Shop</at>", 16, "please help ")]            // inside the name
    [InlineData("please help <at>Contoso Shop</at>", 14, "please help ")]            // inside the opening tag
    [InlineData("please help <at>Contoso Shop</at>", 30, "please help ")]            // inside the closing tag
    [InlineData("please help <at id=\"0\">Contoso Shop</at> now", 20, "please help ")]
    [InlineData("please help <at>Contoso Shop</at> now", 33, "please help <at>Contoso Shop</at>")] // whole: kept
    [InlineData("I need a phone &amp; a laptop", 17, "I need a phone ")]            // inside "&amp;"
    [InlineData("I need a phone &#39;x", 18, "I need a phone ")]
    [InlineData("<p>Main Street 1</p><div>Springfield</div>", 23, "<p>Main Street 1</p>")] // inside "<div>"
    [InlineData("<p>Main Street 1</p><div>Springfield</div>", 18, "<p>Main Street 1")]     // inside "</p>"
    public void A_cut_inside_markup_goes_before_the_markup(string text, int limit, string expected)
    {
        Assert.Equal(expected, ActivityReader.Truncate(text, limit));
    }

    [Theory]
    [InlineData("12 Baker Street, London NW1", 20, "12 Baker Street, Lon")]
    [InlineData("3 < 4 and so on and on", 8, "3 < 4 an")]                     // a lone '<' is no tag
    [InlineData("Tom & Jerry and friends", 7, "Tom & J")]                     // a lone '&' is no entity
    [InlineData("a <b> c", 20, "a <b> c")]                                    // short enough: untouched
    [InlineData("a\U0001F600bc", 2, "a")]                                     // never half a surrogate pair
    public void Text_without_markup_at_the_cut_is_cut_at_the_limit(string text, int limit, string expected)
    {
        Assert.Equal(expected, ActivityReader.Truncate(text, limit));
    }

    [Fact]
    public void A_tag_opened_long_before_the_cut_does_not_pull_the_cut_back()
    {
        var text = "a <b" + new string('x', 1000) + "> end";

        Assert.Equal(900, ActivityReader.Truncate(text, 900)!.Length);
    }
}
