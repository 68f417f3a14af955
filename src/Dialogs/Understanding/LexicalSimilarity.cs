namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Similarity without a model: content-word overlap that tolerates one typo per word, blended with character
/// trigram overlap. Cheap and deterministic; the no-model fallback and the recognizer for tests.
/// </summary>
public sealed class LexicalSimilarity : IUtteranceSimilarity
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "i", "i'd", "i'm", "me", "my", "a", "an", "the", "to", "of", "for", "in", "on", "at", "is", "it", "be", "can", "could",
        "would", "will", "you", "your", "please", "want", "like", "need", "do", "does", "and", "or", "with", "some", "this", "that", "there", "we",
    };

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            scores[i] = Score(text, candidates[i]);
        }

        return ValueTask.FromResult(scores);
    }

    /// <summary>Similarity of two utterances in [0, 1].</summary>
    public static double Score(string a, string b)
    {
        var left = UtteranceText.Normalize(a);
        var right = UtteranceText.Normalize(b);
        if (left.Length == 0 || right.Length == 0)
        {
            return 0;
        }

        if (left == right)
        {
            return 1;
        }

        return (0.6 * WordOverlap(left, right)) + (0.4 * TrigramDice(left, right));
    }

    private static double WordOverlap(string left, string right)
    {
        var a = ContentWords(left);
        var b = ContentWords(right);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var matched = a.Count(x => b.Any(y => WordsMatch(x, y)));
        var matchedBack = b.Count(y => a.Any(x => WordsMatch(x, y)));
        return (double)(matched + matchedBack) / (a.Count + b.Count);
    }

    private static List<string> ContentWords(string normalized)
    {
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = words.Where(w => !StopWords.Contains(w)).ToList();
        return content.Count > 0 ? content : [.. words];
    }

    private static bool WordsMatch(string x, string y)
    {
        if (x == y)
        {
            return true;
        }

        // Shared stem ("book" / "booking") or one typo in a longer word.
        var shorter = Math.Min(x.Length, y.Length);
        if (shorter >= 4 && (x.StartsWith(y[..4], StringComparison.Ordinal) && Math.Abs(x.Length - y.Length) <= 3 && (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))))
        {
            return true;
        }

        return shorter >= 4 && Math.Abs(x.Length - y.Length) <= 1 && TypoCorrection.WithinOneEdit(x, y);
    }

    private static double TrigramDice(string left, string right)
    {
        var a = Trigrams(left);
        var b = Trigrams(right);
        var common = 0;
        foreach (var (gram, count) in a)
        {
            if (b.TryGetValue(gram, out var other))
            {
                common += Math.Min(count, other);
            }
        }

        return 2.0 * common / (a.Values.Sum() + b.Values.Sum());
    }

    private static Dictionary<string, int> Trigrams(string text)
    {
        var padded = "  " + text + " ";
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var gram = padded.Substring(i, 3);
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }
}
