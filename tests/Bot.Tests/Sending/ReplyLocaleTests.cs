using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Tests.Sending;

/// <summary>
/// A reply's locale says the language it is written in: a German conversation in an en-US browser (the conversation
/// follows what the user writes) got German replies marked en-US, so a client that reads the locale (speech, spelling,
/// Teams' translation offer) read German as English. Found by teams3 on samples/buergeramt.
/// </summary>
public sealed class ReplyLocaleTests
{
    private static Activity Incoming(string? locale) => new()
    {
        Type = ActivityTypes.Message, Id = "m-1", ChannelId = "webchat", ServiceUrl = "https://webchat.botframework.com/",
        From = new() { Id = "user" }, Recipient = new() { Id = "bot" }, Conversation = new() { Id = "c-1" }, Locale = locale,
    };

    [Theory]
    [InlineData("en-US", "de", "de")] // German written to an English browser: the reply says German
    [InlineData("en-US", "en", "en-US")] // the same language: the channel's more specific tag stays
    [InlineData("de-AT", "de", "de-AT")]
    [InlineData("en-US", null, "en-US")] // a notice the engine did not write (rate limit): as before
    [InlineData(null, "de", "de")]
    public void A_reply_carries_the_locale_of_the_language_it_is_written_in(string? incoming, string? language, string expected)
    {
        var message = ReplyActivities.ToMessage(Incoming(incoming), new Reply { Text = "Wofür brauchen Sie den Termin?", Language = language });

        Assert.Equal(expected, message.Locale);
    }
}
