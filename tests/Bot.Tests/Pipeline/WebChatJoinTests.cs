using System.Text.Json;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Bot.Tests.Pipeline;

/// <summary>
/// Web Chat's <c>webchat/join</c> event (sent once the page is connected, with the page's language in
/// <c>value.language</c>) through the real pipeline and engine: it was acknowledged and ignored, so a German page got
/// no welcome at all, or an English one (issue 12).
/// </summary>
public sealed class WebChatJoinTests
{
    private static CompiledBot Bilingual(bool welcome = true) => ShopBot.Bilingual(welcome);

    private static Activity Join(BotUnderTest bot, string? language, string conversationId = "conv-1")
    {
        var join = bot.Message("", conversationId);
        (join.Type, join.Text, join.Name, join.ChannelId) = (ActivityTypes.Event, null, EventNames.WebChatJoin, "webchat");
        join.Value = JsonSerializer.SerializeToElement(new { language });
        return join;
    }

    private static Activity OnWebChat(Activity activity)
    {
        activity.ChannelId = "webchat";
        return activity;
    }

    [Fact]
    public async Task A_join_with_a_German_page_greets_in_German_and_the_conversation_stays_German()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());

        var response = await bot.PostAsync(Join(bot, "de-DE"));

        Assert.Equal(200, response.Status);
        var welcome = Assert.Single(bot.Connector.Messages);
        Assert.Equal(("Willkommen im Shop!", "de"), (welcome.Text, welcome.Locale));
        // The browser's en-US on the next message and words of no clear language ("ok?"): still German.
        await bot.PostAsync(OnWebChat(bot.Message("???")));
        Assert.Equal("de", bot.Connector.Messages[^1].Locale);
    }

    [Fact]
    public async Task A_join_after_the_welcome_says_nothing_but_sets_the_language()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());
        var update = OnWebChat(bot.Message(""));
        (update.Type, update.Text, update.MembersAdded) = (ActivityTypes.ConversationUpdate, null, [new ChannelAccount { Id = "user-1" }]);
        await bot.PostAsync(update);
        Assert.Equal("Welcome to the shop!", Assert.Single(bot.Connector.Messages).Text);

        await bot.PostAsync(Join(bot, "de-DE"));

        Assert.Single(bot.Connector.Messages);
        await bot.PostAsync(OnWebChat(bot.Message("???")));
        Assert.Equal("de", bot.Connector.Messages[^1].Locale);
    }

    [Fact]
    public async Task A_join_to_a_bot_without_a_welcome_gets_no_reply()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual(welcome: false));

        var response = await bot.PostAsync(Join(bot, "de-DE"));

        Assert.Equal(200, response.Status);
        Assert.Empty(bot.Connector.Messages);
    }

    [Theory]
    [InlineData("fr-FR")] // a language the bot does not speak: the channel's
    [InlineData(null)] // no language in the join
    public async Task A_join_in_another_language_or_none_greets_in_the_channels_language(string? language)
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());

        await bot.PostAsync(Join(bot, language));

        Assert.Equal("Welcome to the shop!", Assert.Single(bot.Connector.Messages).Text);
    }
}
