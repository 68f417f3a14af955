using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Engine;

/// <summary>A message the host sends when the dialogs could not run a turn; each is a pattern authors can override.</summary>
public enum HostNotice
{
    /// <summary>The user writes faster than the rate limit allows (pattern <c>rate_limited</c>).</summary>
    RateLimited,

    /// <summary>A message in the built-in Web Chat could not be handled; send it again (pattern <c>not_handled</c>).</summary>
    NotHandled,

    /// <summary>The conversation could not be started, so there is no welcome (pattern <c>welcome_failed</c>).</summary>
    WelcomeFailed,

    /// <summary>The conversation's stored state could not be read, so it starts over (pattern <c>state_lost</c>).</summary>
    StateLost,
}

/// <summary>
/// Renders the host's notices from the bot's own responses, so they come in the user's language (the bot's language for
/// the activity's locale) and an author overrides them like any pattern. Outside a turn: no state, no slot values.
/// </summary>
public static class HostNotices
{
    /// <summary>
    /// The notice's template text in the bot's language for <paramref name="locale"/>; it expects no answer. Without a bot
    /// (the dialogs failed to load) the built-in text, German for a <c>de</c> locale and English otherwise.
    /// </summary>
    public static Reply Render(CompiledBot? bot, HostNotice notice, string? locale)
    {
        var pattern = notice switch
        {
            HostNotice.RateLimited => "rate_limited",
            HostNotice.NotHandled => "not_handled",
            HostNotice.WelcomeFailed => "welcome_failed",
            HostNotice.StateLost => "state_lost",
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, null),
        };
        if (bot is null)
        {
            var language = locale is { } l && l.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? "de" : "en";
            var builtin = BuiltinResponses.All[BuiltinResponses.Prefix + pattern];
            return new Reply { ResponseId = builtin.Id, Text = builtin.Text.Variants[language][0], Language = language };
        }

        var turn = new TurnContext(bot, new DialogState(), bot.LanguageFor(locale), DateTimeOffset.UtcNow, new TurnTrace(), bot.TimeZone) { Locale = locale };
        return ReplyRenderer.Render(turn, bot.Definition.Patterns[pattern].Name, expectsInput: false);
    }
}
