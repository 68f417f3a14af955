using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Tests.Sending;

/// <summary>
/// Red team of the conversation (session 28): Web Chat, the Emulator and Teams render a message without <c>textFormat</c>
/// as Markdown (Web Chat with HTML), so a reply repeating "[win](https://…)" or "&lt;img src=…&gt;" that the user typed
/// showed a link or a picture in the bot's own message. Only the author's Markdown is sent as Markdown.
/// </summary>
public sealed class ReplyTextFormatTests
{
    private static Activity Incoming(string channel) => new()
    {
        Type = ActivityTypes.Message, Id = "m-1", ChannelId = channel, ServiceUrl = "https://example.com/",
        From = new() { Id = "user" }, Recipient = new() { Id = "bot" }, Conversation = new() { Id = "c-1" },
    };

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("msteams")]
    public void A_reply_the_author_did_not_write_in_Markdown_is_plain_text_whatever_the_user_put_in_it(string channel)
    {
        var reply = new Reply { Text = "So that is 2 to [win](https://evil.example) <img src=https://evil.example/p.png> **now**. Shall I?" };

        Assert.Equal("plain", ReplyActivities.ToMessage(Incoming(channel), reply).TextFormat);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    public void The_authors_Markdown_keeps_the_channels_Markdown(string channel)
    {
        var reply = new Reply { Text = "**Opening hours**\n- Mon 9-18", Markdown = true };

        Assert.Null(ReplyActivities.ToMessage(Incoming(channel), reply).TextFormat);
    }

    [Fact]
    public void A_refreshed_card_shows_a_plain_reply_as_a_text_run_which_renders_no_Markdown_and_the_authors_as_a_text_block()
    {
        var card = AdaptiveCardForms.Refreshed(
        [
            new Reply { Text = "So that is 2 to [win](https://evil.example). Shall I?" },
            new Reply { Text = "**Opening hours**", Markdown = true },
        ]);

        var body = card.GetProperty("body");
        Assert.Equal("RichTextBlock", body[0].GetProperty("type").GetString());
        var run = Assert.Single(body[0].GetProperty("inlines").EnumerateArray());
        Assert.Equal(("TextRun", "So that is 2 to [win](https://evil.example). Shall I?"), (run.GetProperty("type").GetString(), run.GetProperty("text").GetString()));
        Assert.Equal(("TextBlock", "**Opening hours**"), (body[1].GetProperty("type").GetString(), body[1].GetProperty("text").GetString()));
    }
}
