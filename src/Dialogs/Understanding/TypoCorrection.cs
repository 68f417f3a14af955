namespace Chatbot.Dialogs.Understanding;

/// <summary>Corrects misspelt words against a known vocabulary (e.g. the words of the example utterances).</summary>
public static class TypoCorrection
{
    /// <summary>
    /// Returns the normalised text with each word of four or more letters that is neither in <paramref name="vocabulary"/>
    /// nor accepted by <paramref name="isRealWord"/> replaced by the single vocabulary word one edit away (if exactly one is).
    /// </summary>
    public static string Correct(string text, IReadOnlySet<string> vocabulary, Func<string, bool>? isRealWord = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var words = UtteranceText.Tokens(text);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Length < 4 || vocabulary.Contains(word) || (isRealWord?.Invoke(word) ?? false) || word.Any(char.IsDigit))
            {
                continue;
            }

            string? match = null;
            var ambiguous = false;
            foreach (var candidate in vocabulary)
            {
                if (candidate.Length >= 4 && Math.Abs(candidate.Length - word.Length) <= 1 && WithinOneEdit(word, candidate))
                {
                    ambiguous = match is not null && match != candidate;
                    match = candidate;
                    if (ambiguous)
                    {
                        break;
                    }
                }
            }

            if (match is not null && !ambiguous)
            {
                words[i] = match;
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>True when the words are the same but for two neighbouring letters swapped ("teh" / "the").</summary>
    internal static bool NeighboursSwapped(string x, string y)
    {
        if (x.Length != y.Length) return false;
        var at = Enumerable.Range(0, x.Length).Where(i => x[i] != y[i]).ToList();
        return at is [var i, var j] && j == i + 1 && x[i] == y[j] && x[j] == y[i];
    }

    /// <summary>
    /// True when the words are the same but for a letter doubled in the wrong place ("tarrif"/"tariff", "ocassion"/"occasion"):
    /// one slip of the hand, though two edits.
    /// </summary>
    internal static bool DoubleMoved(string x, string y)
    {
        if (x.Length != y.Length || x.Length < 5) return false;
        var at = Enumerable.Range(0, x.Length).Where(i => x[i] != y[i]).ToList();
        if (at.Count == 0) return false;
        var (first, last) = (at[0], at[^1]);
        // Without its extra letter each word reads the other without its own: "tarif" both.
        bool Doubled(string w, int i) => (i > 0 && w[i] == w[i - 1]) || (i + 1 < w.Length && w[i] == w[i + 1]);
        return last > first && (Doubled(x, first) || Doubled(x, last)) && (Doubled(y, first) || Doubled(y, last))
            && (Removed(x, first) == Removed(y, last) || Removed(x, last) == Removed(y, first));
    }

    private static string Removed(string word, int at) => word.Remove(at, 1);

    /// <summary>True when the words differ by at most one insertion, deletion, substitution or swap of neighbours ("cancle"/"cancel").</summary>
    public static bool WithinOneEdit(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (Math.Abs(x.Length - y.Length) > 1)
        {
            return false;
        }

        if (x.Length > y.Length)
        {
            (x, y) = (y, x);
        }

        int i = 0, j = 0, edits = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (x.Length == y.Length)
            {
                // Substitution, or a swap of neighbours ("teh" / "the").
                if (i + 1 < x.Length && x[i] == y[j + 1] && x[i + 1] == y[j])
                {
                    i += 2;
                    j += 2;
                    continue;
                }

                i++;
            }

            j++;
        }

        return edits + (y.Length - j) + (x.Length - i) <= 1;
    }
}
