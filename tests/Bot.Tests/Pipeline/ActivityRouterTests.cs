using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Tests.Pipeline;

public sealed class ActivityRouterTests
{
    private static Activity Update(BotUnderTest bot, string channelId, params string[] memberIds)
    {
        var update = bot.Message("");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.ChannelId = channelId;
        update.MembersAdded = memberIds.Select(id => new ChannelAccount { Id = id }).ToList();
        return update;
    }

    [Fact]
    public async Task The_emulator_connect_with_bot_and_user_gives_exactly_one_welcome()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await bot.PostAsync(Update(bot, "emulator", "bot-1", "user-1"));
        Assert.Equal("Welcome!", Assert.Single(bot.Connector.Messages).Text);
    }

    [Fact]
    public async Task An_update_that_only_adds_the_bot_gives_no_welcome_outside_Teams()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await bot.PostAsync(Update(bot, "emulator", "bot-1"));
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task A_Teams_install_greets_once()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await bot.PostAsync(Update(bot, "msteams", "bot-1"));
        Assert.Single(bot.Connector.Messages);
    }

    [Fact]
    public async Task Replies_are_addressed_back_with_from_and_recipient_swapped_and_buttons_as_imBack()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var message = bot.Message("hi", conversationId: "a:b;c@d=e|livechat", id: "in-1");

        await bot.PostAsync(message);

        var request = Assert.Single(bot.Connector.Requests);
        Assert.Equal("a:b;c@d=e|livechat", request.ConversationId);
        Assert.Equal("in-1", request.ActivityId);
        var reply = request.Activity!;
        Assert.Equal(("bot-1", "user-1"), (reply.From!.Id, reply.Recipient!.Id));
        Assert.Equal(("in-1", "expectingInput"), (reply.ReplyToId, reply.InputHint));
        var button = Assert.Single(reply.SuggestedActions!.Actions!);
        Assert.Equal(("imBack", "Again", "again"), (button.Type, button.Title, button.Value!.Value.GetString()));
    }

    [Theory]
    [InlineData("MESSAGE")]
    [InlineData("Message")]
    public async Task Activity_types_are_compared_ignoring_case(string type)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var message = bot.Message("hi");
        message.Type = type;

        await bot.PostAsync(message);

        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
    }
}
