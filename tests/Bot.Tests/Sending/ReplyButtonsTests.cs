using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Tests.Sending;

/// <summary>Where a reply's buttons go, so the user sees every choice: suggested actions, or a hero card where Teams shows none.</summary>
public sealed class ReplyButtonsTests
{
    private static Activity Incoming(string channelId, string? conversationType) => new()
    {
        Type = ActivityTypes.Message, Id = "m-1", ChannelId = channelId, ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new() { Id = "29:user" }, Recipient = new() { Id = "28:bot" },
        Conversation = new() { Id = "a:1", ConversationType = conversationType, IsGroup = conversationType is "channel" or "groupChat" ? true : null },
    };

    private static Reply Choices(int count) => new()
    {
        Text = "Which one?",
        Buttons = [.. Enumerable.Range(1, count).Select(i => new ReplyButton("Choice " + i, "choice-" + i))],
        ExpectsInput = true,
    };

    [Theory]
    [InlineData("msteams", "personal", 3)]
    [InlineData("webchat", null, 5)]
    [InlineData("emulator", null, 5)]
    public void Up_to_three_buttons_in_a_Teams_personal_chat_and_any_number_elsewhere_are_suggested_actions(string channelId, string? conversationType, int count)
    {
        var message = ReplyActivities.ToMessage(Incoming(channelId, conversationType), Choices(count));

        Assert.Equal(count, message.SuggestedActions!.Actions!.Count);
        Assert.Null(message.Attachments);
    }

    [Theory]
    [InlineData("personal", 4)] // Teams would show only the first three
    [InlineData("groupChat", 2)] // Teams shows no suggested actions outside personal chats
    [InlineData("channel", 2)]
    public void In_Teams_buttons_suggested_actions_cannot_show_become_a_hero_cards_imBack_buttons(string conversationType, int count)
    {
        var message = ReplyActivities.ToMessage(Incoming("msteams", conversationType), Choices(count));

        Assert.Null(message.SuggestedActions);
        var card = Assert.Single(message.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.hero", card.ContentType);
        var buttons = card.Content!.Value.GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(count, buttons.Count);
        Assert.Equal(("imBack", "Choice 1", "choice-1"), (buttons[0].GetProperty("type").GetString(), buttons[0].GetProperty("title").GetString(), buttons[0].GetProperty("value").GetString()));
        Assert.Equal("Which one?", message.Text);
    }
}
