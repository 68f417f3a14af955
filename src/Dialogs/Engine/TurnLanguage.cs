using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The language a turn is read and answered in: the channel's, unless the user writes clearly in another of the bot's
/// languages (the channel's locale is often the browser's or the Teams client's, not the user's).
/// </summary>
internal static class TurnLanguage
{
    /// <summary>
    /// The turn's language. A message written clearly in one of the bot's languages sets it for the conversation (kept
    /// in <paramref name="state"/>), so the turns that show no language ("2", "ok", a name, an event) keep it too.
    /// </summary>
    public static string For(CompiledBot bot, DialogState state, string? locale, string? text)
    {
        var channel = bot.LanguageFor(locale);
        // At the top level a short question tells its language too ("ist Parken kostenlos?" got the English parking
        // text); inside a flow a short answer does not ("die Zweite?" at a room type is no switch). The first message
        // of a conversation has nothing said before it to weigh against: its words decide over the channel's locale
        // ("zimmerreservierung fuer naechstes wochenende" has one function word, and was answered in English); without
        // any, the words the bot's examples and values use in one language only ("reifen wechseln lassen" on an English channel).
        if (bot.Settings.Languages.Count > 1 && !string.IsNullOrWhiteSpace(text)
            && (LanguageDetector.DetectClearly(text, bot.Settings.Languages)
                ?? (state.Stack.Count == 0 ? LanguageDetector.DetectQuestion(text, bot.Settings.Languages) : null)
                ?? (FirstSentence(state, text) ? LanguageDetector.Detect(text, bot.Settings.Languages, bot.Vocabularies) : null)) is { } written)
        {
            // Kept also when it is the channel's: the channel's locale can change under a conversation (the Teams app on
            // a phone set to German, after the order began in English on the desktop), and "2" showed no language of its own.
            state.Language = bot.LanguageFor(written);
        }
        return state.Language is { } kept && bot.Settings.Languages.Contains(kept) ? kept : channel;
    }

    // The user's first message, of two words or more: a name alone ("Jürgen") tells no language.
    private static bool FirstSentence(DialogState state, string text) =>
        state.Stack.Count == 0 && state.Language is null && !state.History.Any(l => l.Speaker == "user") && UtteranceText.Tokens(text).Length >= 2;

    /// <summary>
    /// The user's language as the client states it (Web Chat's join): kept for the conversation when the bot speaks
    /// several languages and this one among them, until the user writes clearly in another. Ignored otherwise.
    /// </summary>
    public static void Prefer(CompiledBot bot, DialogState state, string? language)
    {
        if (bot.Settings.Languages.Count < 2 || string.IsNullOrWhiteSpace(language)) return;
        var chosen = bot.LanguageFor(language);
        if (LanguageDetector.Primary(chosen) == LanguageDetector.Primary(language)) state.Language = chosen;
    }

    /// <summary>
    /// True when <paramref name="text"/> is written clearly (<see cref="LanguageDetector.DetectClearly"/>) in a language
    /// the bot does not speak: German to a bot in English only, or English to one in German only. Only bots with one
    /// language: the built-in <c>other_language</c> text names it ("I only understand English").
    /// </summary>
    public static bool Unspoken(CompiledBot bot, string? text)
    {
        if (bot.Settings.Languages is not [var spoken] || string.IsNullOrWhiteSpace(text)) return false;
        return LanguageDetector.DetectClearly(text, Lexicon.All.Select(l => l.Language)) is { } written
            && written != LanguageDetector.Primary(spoken);
    }
}
