namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Tells which of a bot's languages a message is written in, from its function words and letters (ä, ö, ü, ß are
/// German). Deterministic and cheap; used because the channel's locale is often absent or the browser's, not the user's.
/// </summary>
public static class LanguageDetector
{
    /// <summary>
    /// The language among <paramref name="candidates"/> (primary subtags such as <c>en</c>, <c>de</c>) that the text
    /// is most clearly written in, or null when the text gives no clear sign (short answers, names, numbers).
    /// Without function words ("karte spern"), <paramref name="vocabularies"/> (e.g. the words of each language's
    /// example utterances) decide when the text shares more words with one language than with any other.
    /// </summary>
    public static string? Detect(string text, IEnumerable<string> candidates, IReadOnlyDictionary<string, HashSet<string>>? vocabularies = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var tokens = UtteranceText.Tokens(text);
        if (tokens.Length == 0)
        {
            return null;
        }

        var ranked = Scores(tokens, candidates, functionWordsOnly: false);
        if (ranked.Count > 0 && ranked[0].Value >= 1)
        {
            return ranked.Count == 1 || ranked[0].Value > ranked[1].Value ? ranked[0].Key : null;
        }

        if (vocabularies is null || vocabularies.Count < 2)
        {
            return null;
        }

        var shared = vocabularies
            .Select(p => (Language: Primary(p.Key), Hits: tokens.Count(p.Value.Contains)))
            .OrderByDescending(p => p.Hits)
            .ToList();
        return shared[0].Hits > 0 && shared[0].Hits > shared[1].Hits ? shared[0].Language : null;
    }

    /// <summary>
    /// The language among <paramref name="candidates"/> that a sentence is written in beyond doubt: its function words
    /// lead every other language's by two or more ("ich möchte ein Handy bestellen"). Names, addresses and single
    /// words ("Jürgen Müller", "Hauptstraße 5", "zwei") never decide: they are said in any language.
    /// </summary>
    public static string? DetectClearly(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var ranked = Scores(UtteranceText.Tokens(text), candidates, functionWordsOnly: true);
        if (ranked.Count == 0 || ranked[0].Value < 2) return null;
        return ranked.Count == 1 || ranked[0].Value - ranked[1].Value >= 2 ? ranked[0].Key : null;
    }

    /// <summary>
    /// The language of a short question that <see cref="DetectClearly"/> leaves open: "ist Parken kostenlos?", "was kostet
    /// die Rezeptgebühr?" have one or two function words, all of one language, and read as a question in it; a word that
    /// asks for a fact in one language only counts as one ("kostet roaming in spanien extra?"). Null otherwise (a name or
    /// a single word is no question).
    /// </summary>
    internal static string? DetectQuestion(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var ranked = Scores(UtteranceText.Tokens(text), candidates, functionWordsOnly: true, factWords: true);
        if (ranked.Count == 0 || ranked[0].Value < 1 || (ranked.Count > 1 && ranked[0].Value - ranked[1].Value < 1)) return null;
        return Lexicon.All.FirstOrDefault(l => l.Language.Equals(ranked[0].Key, StringComparison.OrdinalIgnoreCase)) is { } lexicon && lexicon.IsQuestion(text) ? ranked[0].Key : null;
    }

    // factWords: a word that asks for a fact in one language only ("kostet") counts as its function words do.
    private static List<KeyValuePair<string, double>> Scores(string[] tokens, IEnumerable<string> candidates, bool functionWordsOnly, bool factWords = false)
    {
        var scores = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in candidates.Select(Primary).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var lexicon = Lexicon.All.FirstOrDefault(l => l.Language.Equals(candidate, StringComparison.OrdinalIgnoreCase));
            if (lexicon is null)
            {
                continue;
            }

            var own = lexicon.StopWords;

            var score = 0.0;
            foreach (var token in tokens)
            {
                if (own.Contains(token))
                {
                    // A word that is a function word in another language too ("in", "so", "will") counts half.
                    var common = Lexicon.All.Any(l => l != lexicon && l.StopWords.Contains(token));
                    score += common ? 0.5 : 1;
                }
                else if (factWords && lexicon.IsOwnFactQuestionWord(token))
                {
                    score += 1;
                }
                else if (!functionWordsOnly && lexicon.IsOwnNumberWord(token))
                {
                    // "zwei", "drei": a number word only this language has.
                    score += 1;
                }
            }

            if (!functionWordsOnly && candidate.Equals("de", StringComparison.OrdinalIgnoreCase))
            {
                score += tokens.Count(t => t.IndexOfAny(['ä', 'ö', 'ü', 'ß']) >= 0);
            }

            scores[candidate] = score;
        }

        return [.. scores.OrderByDescending(p => p.Value)];
    }

    /// <summary>The primary subtag of a language tag (<c>de-AT</c> -> <c>de</c>), lower case.</summary>
    public static string Primary(string language) => language.Split('-', '_')[0].ToLowerInvariant();
}
