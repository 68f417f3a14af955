namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A light stemmer for folded English words, the twin of <see cref="GermanStemmer"/>: it strips one derivation or
/// inflection ending and a final <c>e</c>, and undoubles a final consonant, so forms of one word meet where their shared
/// prefix is too short for the prefix rule ("protected"/"protection", "vaccine"/"vaccination", "insured"/"insurance",
/// "cancellation"/"cancel"). It conflates forms for matching; it does not try to find linguistic roots.
/// </summary>
internal static class EnglishStemmer
{
    // Longest first. Derivations need a longer stem left than inflections ("station" is no form of "state").
    private static readonly string[] Derivations = ["ations", "ation", "ments", "ment", "ances", "ance", "ences", "ence", "ions", "ion", "ity", "ive", "al"];
    private static readonly string[] Inflections = ["ings", "ing", "ied", "ies", "ers", "er", "ed", "es", "s", "e"];

    /// <summary>The stem of a folded, lower-case English word; short words come back unchanged.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = Strip(word, Derivations, 5) ?? Strip(word, Inflections, 4) ?? word;
        if (stem.Length > 4 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }

        // "cancell" (cancelled, cancellation) and "cancel", "stopp" and "stop".
        return stem.Length > 4 && stem[^1] == stem[^2] && !"aeiouls".Contains(stem[^1], StringComparison.Ordinal) || stem.Length > 5 && stem[^1] == 'l' && stem[^2] == 'l'
            ? stem[..^1]
            : stem;
    }

    private static string? Strip(string word, string[] endings, int minStem)
    {
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= minStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return null;
    }
}
