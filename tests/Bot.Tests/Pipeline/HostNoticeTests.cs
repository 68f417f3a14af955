using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.DirectLine;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Tests.Pipeline;

/// <summary>
/// What the host says itself when the dialogs could not run a turn (no welcome, over the rate limit, a Web Chat
/// message not handled), through the real pipeline and engine: in the user's language (the activity's locale), and in
/// the author's words where the dialogs override the pattern. Each was English only, and a failed welcome said nothing.
/// </summary>
public sealed class HostNoticeTests
{
    private static CompiledBot Bilingual(string patterns = "") => ShopBot.Bilingual(more: $$"""
          closed: { text: { en: The shop is closed for a moment., de: Der Shop ist kurz geschlossen. } }
        {{patterns}}
        """);

    private static Activity MembersAdded(BotUnderTest bot, string locale)
    {
        var update = bot.Message("");
        (update.Type, update.Text, update.Locale, update.MembersAdded) = (ActivityTypes.ConversationUpdate, null, locale, [new ChannelAccount { Id = "user-1" }]);
        return update;
    }

    // The Emulator and the built-in Web Chat never post a conversationUpdate again, so the 503 left an empty chat.
    [Fact]
    public async Task A_welcome_that_fails_tells_the_user_in_their_language_and_the_first_message_is_answered_once_the_store_is_back()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());
        bot.Store.FailNextReads(1);

        var response = await bot.PostAsync(MembersAdded(bot, "de-DE"));

        Assert.Equal(200, response.Status);
        var notice = Assert.Single(bot.Connector.Messages);
        Assert.Equal(("Hallo! Ich kann gerade nicht antworten. Bitte schreiben Sie mir gleich noch einmal.", "de-DE"), (notice.Text, notice.Locale));
        Assert.Equal(0, bot.Store.Writes);

        var message = bot.Message("eine Bestellung aufgeben");
        message.Locale = "de-DE";
        Assert.Equal(200, (await bot.PostAsync(message)).Status);
        Assert.Equal("Bestellt.", bot.Connector.Messages[^1].Text);
    }

    [Fact]
    public async Task A_failed_welcome_says_the_authors_words_when_the_dialogs_override_the_pattern()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual("""
            patterns:
              welcome_failed: { response: closed }
            """));
        bot.Store.FailNextWrites(1);

        Assert.Equal(200, (await bot.PostAsync(MembersAdded(bot, "en-US"))).Status);

        Assert.Equal("The shop is closed for a moment.", Assert.Single(bot.Connector.Messages).Text);
    }

    // Only a welcome is answered with the notice: a message's turn that fails stays 503, so the channel posts it again.
    [Fact]
    public async Task A_message_whose_turn_fails_still_gets_503_and_no_notice()
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());
        bot.Store.FailNextReads(1);

        var response = await bot.PostAsync(bot.Message("place an order"));

        Assert.Equal(503, response.Status);
        Assert.Empty(bot.Connector.Messages);
    }

    [Fact]
    public async Task The_rate_limit_notice_is_in_the_users_language()
    {
        await using var bot = await BotUnderTest.StartAsync(new()
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Conversation:TokenLimit"] = "1",
            ["RateLimits:Conversation:TokensPerPeriod"] = "1",
            ["RateLimits:Conversation:ReplenishmentPeriod"] = "01:00:00",
        }, dialogs: Bilingual());

        foreach (var text in new[] { "eine Bestellung aufgeben", "eine Bestellung aufgeben" })
        {
            var message = bot.Message(text);
            message.Locale = "de-DE";
            await bot.PostAsync(message);
        }

        var limited = bot.Connector.Messages[^1];
        Assert.Equal(("Sie schreiben schneller, als ich antworten kann. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.", "de-DE"), (limited.Text, limited.Locale));
    }

    [Theory]
    [InlineData("de-DE", "Entschuldigung, Ihre letzte Nachricht konnte gerade nicht bearbeitet werden. Bitte senden Sie sie noch einmal.")]
    [InlineData("en-GB", "Sorry, I could not handle your last message just now. Please send it again.")]
    [InlineData(null, "Sorry, I could not handle your last message just now. Please send it again.")]
    public async Task The_built_in_Web_Chats_send_again_notice_is_the_dialogs_text_in_the_messages_language(string? locale, string expected)
    {
        await using var bot = await BotUnderTest.StartAsync(dialogs: Bilingual());
        var message = bot.Message("hi");
        message.Locale = locale;

        Assert.Equal(expected, bot.Services.GetRequiredService<IDirectLineTurnHandler>().NotHandledNotice(message));
    }
}
