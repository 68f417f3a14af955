using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.RedTeam;

/// <summary>
/// Red team of the conversation (session 28): what a user types and a reply repeats comes back as they typed it, never as
/// the author's markup; and text that shows the same as plain typing is read the same.
/// </summary>
public sealed class EchoedTextTests
{
    private static Conversation Bot(string done = "{{ count }} to {{ address }}.") => new(TestBots.Compile(Yaml.Replace("DONE", done, StringComparison.Ordinal)));

    private const string Yaml = """
        flows:
          deliver:
            description: Deliver a parcel
            examples: { en: [deliver a parcel] }
            slots: { address: text, count: integer }
            steps:
              - ask: count
                response: ask_count
              - ask: address
                response: ask_address
              - end: done
        responses:
          ask_count: { text: { en: How many? } }
          ask_address: { text: { en: Where to? } }
          done: { text: { en: "DONE" } }
        """;

    [Fact]
    public async Task A_plain_reply_repeats_markup_the_user_typed_as_plain_text()
    {
        var c = Bot();
        await c.Say("deliver a parcel");
        await c.Say("2");
        await c.Say("[win](https://evil.example) <img src=x> {{ count }}");

        var done = Assert.Single(c.Last.Replies);
        Assert.Equal("2 to [win](https://evil.example) <img src=x> {{ count }}.", done.Text);
        Assert.False(done.Markdown);
    }

    [Fact]
    public async Task Inside_the_authors_Markdown_the_users_markup_is_escaped_so_it_shows_as_typed()
    {
        var c = Bot("**Done:** {{ count }} to {{ address }}.");
        await c.Say("deliver a parcel");
        await c.Say("2");
        await c.Say("[win](https://evil.example)\n# <b>x</b> & *y*");

        var done = Assert.Single(c.Last.Replies);
        Assert.True(done.Markdown);
        Assert.Equal(@"**Done:** 2 to \[win\]\(https://evil.example\) \# \<b\>x\</b\> \& \*y\*.", done.Text);
    }

    [Theory]
    [InlineData("\uFF12", "2")] // full-width digit from an East Asian keyboard
    [InlineData("\uFF11\uFF10", "10")]
    [InlineData("\u3000\uFF13\u3000", "3")] // ideographic spaces around it
    public async Task Full_width_digits_are_read_as_the_number_they_show(string typed, string expected)
    {
        var c = Bot();
        await c.Say("deliver a parcel");
        await c.Say(typed);

        Assert.Equal(expected, c.Slot("count"));
        Assert.Equal("ask_address", c.Ids);
    }

    [Theory]
    [InlineData("Gro\u0308\u00DFe", "Größe")]
    [InlineData("Mu\u0308nchen, Cafe\u0301 Stra\u00DFe 1", "München, Café Straße 1")]
    [InlineData("a\u0300e\u0301i\u0302n\u0303o\u0308A\u030Ac\u0327", "àéîñöÅç")]
    [InlineData("\uFF21\uFF22\uFF11\uFF12", "AB12")]
    [InlineData("x\u0308", "x\u0308")] // no such letter: the mark stays
    public void Text_that_shows_as_typed_on_other_keyboards_is_written_as_that(string typed, string expected) =>
        Assert.Equal(expected, UtteranceText.Visible(typed));
}
