namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A light stemmer for folded German words (umlauts already folded, <c>ß</c> as <c>ss</c>): it strips one inflection
/// ending and the <c>ge-</c> of past participles, also after a separable prefix ("abgebucht" and "abbuchen" both give
/// "abbuch"). It conflates inflected forms for lookups; it does not try to find linguistic roots.
/// </summary>
internal static class GermanStemmer
{
    // Separable verb prefixes before a participle's "ge" (ab-ge-bucht, los-ge-schickt, zuruck-ge-schickt).
    private static readonly string[] SeparablePrefixes =
        ["zuruck", "durch", "nach", "auf", "aus", "ein", "los", "mit", "weg", "vor", "ab", "an", "um", "zu"];

    // Longest first within each step; one ending per step at most.
    private static readonly string[] NounEndings = ["ern", "em", "en", "er", "es", "e", "n", "s"];
    private static readonly string[] VerbEndings = ["est", "et", "st", "t"];

    private const int MinStem = 4;

    /// <summary>The stem of a folded, lower-case word; words of four letters or fewer come back unchanged.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MinStem)
        {
            return word;
        }

        var stem = WithoutParticiplePrefix(word);
        stem = Strip(stem, NounEndings);
        return Strip(stem, VerbEndings);
    }

    private static string WithoutParticiplePrefix(string word)
    {
        // Only participle shapes (ge...t, ge...en), so "gerade" or "gebuhr" keep their letters.
        if (!word.EndsWith('t') && !word.EndsWith("en", StringComparison.Ordinal))
        {
            return word;
        }

        if (word.StartsWith("ge", StringComparison.Ordinal) && word.Length >= 2 + MinStem + 1)
        {
            return word[2..];
        }

        foreach (var prefix in SeparablePrefixes)
        {
            if (word.Length >= prefix.Length + 2 + MinStem + 1 && word.StartsWith(prefix, StringComparison.Ordinal)
                && string.CompareOrdinal(word, prefix.Length, "ge", 0, 2) == 0)
            {
                return prefix + word[(prefix.Length + 2)..];
            }
        }

        return word;
    }

    private static string Strip(string word, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= MinStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }
}
