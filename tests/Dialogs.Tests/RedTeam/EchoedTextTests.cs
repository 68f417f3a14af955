using Chatbot.Dialogs.Understanding;
using Moq;

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
    [InlineData("\u2464", "5")] // a digit in a circle: read as nothing before (red6)
    [InlineData("\u2469", "10")]
    [InlineData("\u2778", "3")] // the dingbats' negative circled digits
    [InlineData("3\uFE0F\u20E3", "3")] // the keycap emoji: no number before (red6)
    [InlineData("4\u20E3", "4")]
    public async Task Digits_as_other_keyboards_and_emoji_pickers_write_them_are_read_as_the_number_they_show(string typed, string expected)
    {
        var c = Bot();
        await c.Say("deliver a parcel");
        await c.Say(typed);

        Assert.Equal(expected, c.Slot("count"));
        Assert.Equal("ask_address", c.Ids);
    }

    [Fact]
    public async Task A_count_of_twenty_digits_is_out_of_range_not_no_number()
    {
        var c = new Conversation(TestBots.Compile(Yaml.Replace("count: integer", "count: few", StringComparison.Ordinal).Replace("DONE", "Done.", StringComparison.Ordinal)
            + "\nslot_types:\n  few: { kind: integer, min: 1, max: 10 }\n"));
        await c.Say("deliver a parcel");
        await c.Say("12345678901234567890");

        Assert.Equal("builtin.out_of_range", c.Ids);
        Assert.Contains("up to 10", c.Text, StringComparison.Ordinal);
        Assert.Null(c.Slot("count"));
    }

    [Fact]
    public async Task A_phrased_reply_in_the_authors_Markdown_makes_the_users_markup_literal_again()
    {
        // The model repeats the address as the user typed it; the reply is Markdown (the author's **), so the link would render.
        var phraser = new Mock<IResponsePhraser>();
        phraser.Setup(p => p.PhraseAsync(It.Is<PhrasingRequest>(r => r.ResponseId == "done"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PhrasingResult("**Great**, 2 parcels go to [win](https://evil.example) soon, and \\[win\\] stays as written.", true));
        var yaml = Yaml.Replace("DONE", "**Done:** {{ count }} to {{ address }}.", StringComparison.Ordinal)
            .Replace("done: { text: { en: \"**Done:** {{ count }} to {{ address }}.\" } }", "done: { text: { en: \"**Done:** {{ count }} to {{ address }}.\" }, phrasing: rephrase }", StringComparison.Ordinal);
        var c = new Conversation(TestBots.Compile(yaml), phraser: phraser.Object);
        await c.Say("deliver a parcel");
        await c.Say("2");
        await c.Say("[win](https://evil.example)");

        var done = Assert.Single(c.Last.Replies);
        Assert.True(done.Markdown);
        Assert.Equal(@"**Great**, 2 parcels go to \[win\]\(https://evil.example\) soon, and \[win\] stays as written.", done.Text);
    }

    [Fact]
    public async Task A_hero_cards_text_shows_the_users_markup_as_typed()
    {
        var yaml = Yaml.Replace("done: { text: { en: \"DONE\" } }", "done: { text: { en: Done. }, card: { title: { en: Parcel }, text: { en: \"To {{ address }}\" } } }", StringComparison.Ordinal);
        var c = new Conversation(TestBots.Compile(yaml));
        await c.Say("deliver a parcel");
        await c.Say("2");
        await c.Say("[win](https://evil.example)");

        var card = Assert.Single(Assert.Single(c.Last.Replies).Cards);
        Assert.Equal(@"To \[win\]\(https://evil.example\)", card.Content.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("Gro\u0308\u00DFe", "Größe")]
    [InlineData("Mu\u0308nchen, Cafe\u0301 Stra\u00DFe 1", "München, Café Straße 1")]
    [InlineData("a\u0300e\u0301i\u0302n\u0303o\u0308A\u030Ac\u0327", "àéîñöÅç")]
    [InlineData("\uFF21\uFF22\uFF11\uFF12", "AB12")]
    [InlineData("x\u0308", "x\u0308")] // no such letter: the mark stays
    // red7: digits of other scripts; Cyrillic and Greek letters inside a Latin word; a word wholly in one script stays.
    [InlineData("\u0663", "3")]
    [InlineData("\u06F1\u06F2 \u0967\u0968", "12 12")]
    [InlineData("\u0441\u0430ncel", "cancel")]
    [InlineData("h\u0435lp me", "help me")]
    [InlineData("\u0421ANCEL", "CANCEL")]
    // red8: a Lisu capital drawn like a Latin one ("\uA4DAancel", a homoglyph list's favourite); Lisu text itself stays.
    [InlineData("\uA4DAancel", "Cancel")]
    [InlineData("\uA4E7ELP", "HELP")]
    [InlineData("\uA4DA\uA4F2\uA4F3", "\uA4DA\uA4F2\uA4F3")]
    // Cherokee letters drawn like Latin ones (red8's lead); a Cherokee word stays.
    [InlineData("\u13DFancel", "Cancel")]
    [InlineData("\u13AAGENT", "AGENT")]
    [InlineData("he\u13DEp", "heLp")]
    [InlineData("\u13A3\u13CD\u13D3", "\u13A3\u13CD\u13D3")]
    [InlineData("y\u03B5s", "y\u03B5s")] // epsilon is no Latin e
    [InlineData("\u043D\u0435\u0442, \u0441\u043F\u0430\u0441\u0438\u0431\u043E", "\u043D\u0435\u0442, \u0441\u043F\u0430\u0441\u0438\u0431\u043E")]
    [InlineData("\u03BA\u03B1\u03BB\u03B7\u03BC\u03AD\u03C1\u03B1", "\u03BA\u03B1\u03BB\u03B7\u03BC\u03AD\u03C1\u03B1")]
    public void Text_that_shows_as_typed_on_other_keyboards_is_written_as_that(string typed, string expected) =>
        Assert.Equal(expected, UtteranceText.Visible(typed));
}
