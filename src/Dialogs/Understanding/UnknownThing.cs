using System.Collections.Concurrent;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Near-domain out of scope on a bot nobody tuned for: the thing a request is about is a thing the bot never speaks of
/// ("book a train to the airport" to an airline, "the coffee machine is broken" to an IT helpdesk, "einen Zug zum
/// Flughafen buchen"). A recognizer finds the nearest flow by the rest of the request — its frame ("book a …", "… is
/// broken") — and would start it for a thing the flow does not handle.
/// </summary>
internal static class UnknownThing
{
    // The recognizer's own word match (stems, compound parts, one typo, everyday synonyms and their siblings: a table
    // for dinner is the bot's table for lunch), so a word it would have matched is never called unknown.
    private static readonly LexicalSimilarity Words = new();

    // The words of each bot's texts (and the reading language's function words), for typos the word match leaves to the
    // recognizer's correction ("pinn"), and the everyday groups they belong to; per bot revision and language.
    private static readonly ConcurrentDictionary<string, (HashSet<string> Words, UInt128 Concepts)> Vocabulary = new(StringComparer.Ordinal);

    /// <summary>
    /// The thing <paramref name="text"/> asks about when the bot never speaks of it, or null. The thing is the content
    /// words right after the message's first article or possessive, up to the next function word ("a train", "the coffee
    /// machine", "your interest rates", "einen Hundefriseur"), when at most one content word comes before it (the verb:
    /// "book a train"; "send money to my landlord" names the money first). It is unknown when no word of it is a word of
    /// <paramref name="botTexts"/> (all the bot says: examples and descriptions in every language, values, knowledge) nor
    /// a typo of one, and no other word of the message is one only the started flow has (<paramref name="flowTexts"/>,
    /// not in <paramref name="otherTexts"/>; both cached under <paramref name="flowKey"/>): "is there glutten in the bread" says the allergen flow's own thing, and the
    /// bread is only where it is. A name the user wrote with a capital in English ("book the Ritz") is a value, no kind of thing.
    /// </summary>
    internal static string? Of(string text, Lexicon lexicon, IReadOnlyList<string> botTexts, IReadOnlyList<string> flowTexts, IReadOnlyList<string> otherTexts, string cacheKey, string flowKey)
    {
        var typed = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = typed.Select(t => UtteranceText.Normalize(UtteranceText.Bare(t))).ToArray();
        var reading = Lexicon.Reading(text) ?? lexicon;
        bool Content(int i) => words[i].Length > 0 && !words[i].Contains(' ', StringComparison.Ordinal) && !Lexicon.IsStopWord(words[i], reading)
            && !words[i].Any(char.IsDigit) && lexicon.NumberWord(words[i]) is null;
        // "in meiner Straße gibt es kein Handynetz": an article after a preposition of place says where, not what is asked for.
        var at = Enumerable.Range(0, words.Length).FirstOrDefault(i => (lexicon.IsArticle(words[i]) || lexicon.IsPossessive(words[i]))
            && (i == 0 || !reading.IsPlacePreposition(words[i - 1])), -1);
        if (at < 0 || Enumerable.Range(0, at).Count(Content) > 1) return null;
        var end = at + 1;
        for (; end < words.Length && end - at <= 3 && Content(end); end++)
        {
            if (lexicon.Language == "en" && char.IsUpper(UtteranceText.Bare(typed[end]).FirstOrDefault())) return null;
            if (",.;:!?".Contains(typed[end][^1], StringComparison.Ordinal)) { end++; break; }
        }
        var thing = words[(at + 1)..end];
        // A person or a time is who comes or when, not what is asked for ("bring my team for lunch", "my husband would
        // like to drive", "can I come by in the morning").
        if (thing.Length == 0 || thing.Any(w => lexicon.IsPerson(w) || lexicon.TimeWord(w) is not null)) return null;
        // A typo of the bot's words or of a function word is no new thing ("pay my bil plese"), nor is a word of an everyday
        // group the bot has a word of, whole or as a compound's part ("Homeoffice" to a bot that says "zu Hause").
        var (vocabulary, concepts) = Vocabulary.GetOrAdd(cacheKey + ":" + reading.Language, _ =>
        {
            var said = botTexts.SelectMany(UtteranceText.Tokens).Select(UtteranceText.Fold).ToHashSet(StringComparer.Ordinal);
            return ([.. said.Concat(reading.StopWords).Where(v => v.Length >= 4)], said.Aggregate(UInt128.Zero, (m, v) => m | WordConcepts.Of(v)));
        });
        if (!thing.All(w => Words.Unmatched(w, botTexts, cacheKey, reading).Count > 0 && (WordConcepts.Of(UtteranceText.Fold(w)) & concepts) == UInt128.Zero
                && !(w.Length >= 3 && vocabulary.Any(v => TypoCorrection.WithinOneEdit(w, v) || TypoCorrection.DoubleMoved(w, v))))) return null;
        bool FlowHas(int i) => Words.Unmatched(words[i], flowTexts, flowKey + ":flow", reading).Count == 0;
        // A word only the started flow has, or a later thing it has a word of ("our plans changed and we won't need the
        // table": the reservation's table), says the flow's own thing.
        var flowOwn = Enumerable.Range(0, words.Length).Where(i => (i <= at || i >= end) && Content(i))
            .Any(i => FlowHas(i) && Words.Unmatched(words[i], otherTexts, flowKey + ":others", reading).Count > 0);
        for (var j = end; !flowOwn && j < words.Length; j++)
        {
            if (!lexicon.IsArticle(words[j]) && !lexicon.IsPossessive(words[j])) continue;
            var later = Enumerable.Range(j + 1, Math.Min(3, words.Length - j - 1)).TakeWhile(Content).ToList();
            flowOwn = later.Any(FlowHas);
        }
        return flowOwn ? null : string.Join(' ', thing);
    }
}
