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
    public async Task The_channels_local_time_zone_reaches_the_dialog_engine()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var message = bot.Message("hi");
        message.LocalTimezone = "America/New_York";

        await bot.PostAsync(message);

        Assert.Equal("America/New_York", Assert.Single(bot.Engine.TimeZones));
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

    [Fact]
    public async Task A_slow_turn_shows_typing_first()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:TypingDelay"] = "00:00:01" });
        bot.Engine.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var post = Task.Run(() => bot.PostAsync(bot.Message("hi")));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        bot.Time.Advance(TimeSpan.FromSeconds(1));
        await bot.Connector.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        bot.Engine.Gate.SetResult();
        await post;

        Assert.Equal(["typing", "message"], bot.Connector.Activities.Select(a => a.Type!).ToArray());
    }

    [Fact]
    public async Task A_fast_turn_shows_no_typing()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:TypingDelay"] = "00:00:01" });
        await bot.PostAsync(bot.Message("hi"));
        Assert.Equal(["message"], bot.Connector.Activities.Select(a => a.Type!).ToArray());
    }
}
