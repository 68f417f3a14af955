namespace Chatbot.Dialogs.Understanding;

/// <summary>Corrects misspelt words against a known vocabulary (e.g. the words of the example utterances).</summary>
public static class TypoCorrection
{
    /// <summary>
    /// Returns the normalised text with each word that is neither in <paramref name="vocabulary"/> nor accepted by
    /// <paramref name="isRealWord"/> replaced by the single vocabulary word one edit away (if exactly one is): words of four
    /// letters or more ("cancle" → "cancel"), and a word of three with a letter dropped ("bil" → "bill"). A word of six
    /// letters or more that no vocabulary word is one edit from is written as it sounds as often as slipped ("explane"):
    /// the single vocabulary word two edits away with the same first letter takes its place.
    /// </summary>
    public static string Correct(string text, IReadOnlySet<string> vocabulary, Func<string, bool>? isRealWord = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var words = UtteranceText.Tokens(text);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Length < 3 || vocabulary.Contains(word) || (isRealWord?.Invoke(word) ?? false) || word.Any(char.IsDigit))
            {
                continue;
            }

            // Three letters are one edit from many words: only the word they are with one letter more.
            var (match, found) = Single(vocabulary, candidate => word.Length == 3
                ? candidate.Length == 4 && WithinOneEdit(word, candidate)
                : candidate.Length >= 4 && Math.Abs(candidate.Length - word.Length) <= 1 && WithinOneEdit(word, candidate));
            if (!found && word.Length >= 6)
            {
                (match, _) = Single(vocabulary, candidate => candidate.Length >= 6 && candidate[0] == word[0] && WithinTwoEdits(word, candidate));
            }

            if (match is not null)
            {
                words[i] = match;
            }
        }

        return string.Join(' ', words);
    }

    // The one vocabulary word that is near (null when none is or several are); found: at least one is.
    private static (string? Match, bool Found) Single(IReadOnlySet<string> vocabulary, Func<string, bool> near)
    {
        string? match = null;
        foreach (var candidate in vocabulary)
        {
            if (!near(candidate))
            {
                continue;
            }

            if (match is not null && match != candidate)
            {
                return (null, true);
            }

            match = candidate;
        }

        return (match, match is not null);
    }

    /// <summary>True when the words differ by at most two insertions, deletions, substitutions or swaps of neighbours.</summary>
    internal static bool WithinTwoEdits(string x, string y) => Distance(x, y, 2) <= 2;

    /// <summary>
    /// Edit distance where swapping two neighbours counts as one edit (optimal string alignment); past
    /// <paramref name="limit"/> it stops early and returns <paramref name="limit"/> + 1.
    /// </summary>
    internal static int Distance(string x, string y, int limit = int.MaxValue - 1)
    {
        if (Math.Abs(x.Length - y.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows: the one before the previous is needed for a swap.
        var before = new int[y.Length + 1];
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        var current = new int[y.Length + 1];
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            var best = i;
            for (var j = 1; j <= y.Length; j++)
            {
                var cost = x[i - 1] == y[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                {
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
                }

                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[y.Length], limit + 1);
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
