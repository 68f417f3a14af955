using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Similarity without a model: overlap of content words, each weighted by how rare it is among the candidates
/// (a word every flow uses, like "order" in a shop, says little), blended with character trigram overlap.
/// Words match when equal, when one is the other plus an ending ("reserve"/"reservation"), when one is part of a
/// compound ("Adresse"/"Lieferadresse"), or one typo apart; umlauts and accents are folded ("zuruck" = "zurück").
/// Cheap and deterministic; the no-model recognizer and the recognizer for tests.
/// </summary>
public sealed class LexicalSimilarity : IUtteranceSimilarity
{
    // Share of the score that comes from content words; the rest from character trigrams.
    private const double WordWeight = 0.7;
    private const int MaxCachedCandidateSets = 8;

    private readonly ConcurrentDictionary<string, Weights> _weights = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var weights = WeightsFor(candidates, cacheKey);
        var query = Prepare(text);
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            scores[i] = Score(query, weights.Candidates[i], weights);
        }

        return ValueTask.FromResult(scores);
    }

    /// <summary>Similarity of two utterances in [0, 1], every word weighted alike.</summary>
    public static double Score(string a, string b) => Score(Prepare(a), Prepare(b), Weights.Uniform);

    private static double Score(Prepared query, Prepared candidate, Weights weights)
    {
        if (query.Normalized.Length == 0 || candidate.Normalized.Length == 0)
        {
            return 0;
        }

        if (query.Normalized == candidate.Normalized)
        {
            return 1;
        }

        return (WordWeight * WordOverlap(query.Words, candidate.Words, weights)) + ((1 - WordWeight) * TrigramDice(query.Trigrams, candidate.Trigrams));
    }

    // Symmetric weighted coverage: how much of the query the candidate explains, and how much of the candidate the query says.
    private static double WordOverlap(string[] a, string[] b, Weights weights)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        double covered = 0, total = 0;
        foreach (var x in a)
        {
            var w = weights.Of(x);
            total += w;
            covered += w * b.Max(y => Match(x, y));
        }

        foreach (var y in b)
        {
            var w = weights.Of(y);
            total += w;
            covered += w * a.Max(x => Match(x, y));
        }

        return covered / total;
    }

    /// <summary>1 for the same word, less for a shared stem, a compound part or one typo, 0 otherwise.</summary>
    private static double Match(string x, string y)
    {
        if (x == y)
        {
            return 1;
        }

        var shorter = Math.Min(x.Length, y.Length);
        if (shorter < 4)
        {
            return 0;
        }

        var common = 0;
        while (common < shorter && x[common] == y[common])
        {
            common++;
        }

        // Same stem, different ending: book/booking, cancel/cancelled, bestellen/bestellung.
        if (common >= 4 && common >= shorter - 1 && Math.Max(x.Length, y.Length) - common <= 4)
        {
            return 0.9;
        }

        // Compound part (German above all): adresse/lieferadresse, konto/kontostand.
        if (shorter >= 5 && (x.EndsWith(y, StringComparison.Ordinal) || y.EndsWith(x, StringComparison.Ordinal) || common == shorter))
        {
            return 0.7;
        }

        return Math.Abs(x.Length - y.Length) <= 1 && TypoCorrection.WithinOneEdit(x, y) ? 0.8 : 0;
    }

    private static double TrigramDice(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        var common = 0;
        foreach (var (gram, count) in a)
        {
            if (b.TryGetValue(gram, out var other))
            {
                common += Math.Min(count, other);
            }
        }

        var all = a.Values.Sum() + b.Values.Sum();
        return all == 0 ? 0 : 2.0 * common / all;
    }

    private Weights WeightsFor(IReadOnlyList<string> candidates, string? cacheKey)
    {
        if (cacheKey is null)
        {
            return Weights.From(candidates);
        }

        var key = cacheKey + "\n" + candidates.Count.ToString(CultureInfo.InvariantCulture) + "\n" + (candidates.Count > 0 ? candidates[0] + candidates[^1] : string.Empty);
        if (_weights.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_weights.Count >= MaxCachedCandidateSets)
        {
            _weights.Clear();
        }

        return _weights.GetOrAdd(key, _ => Weights.From(candidates));
    }

    private static Prepared Prepare(string text)
    {
        var normalized = UtteranceText.Normalize(text);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = words.Where(w => !Lexicon.IsStopWord(w)).ToArray();
        var folded = Fold(normalized);
        return new Prepared(folded, [.. (content.Length > 0 ? content : words).Select(Fold).Distinct(StringComparer.Ordinal)], Trigrams(folded));
    }

    /// <summary>Lower-case text without accents: ä -> a, ß -> ss, é -> e (users often type German without umlauts).</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
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

    private sealed record Prepared(string Normalized, string[] Words, Dictionary<string, int> Trigrams);

    /// <summary>Inverse document frequency of words over one candidate set; unseen words weigh most.</summary>
    private sealed class Weights
    {
        public static readonly Weights Uniform = new([], new Dictionary<string, double>(StringComparer.Ordinal), 1);

        private readonly Dictionary<string, double> _idf;
        private readonly double _unseen;

        private Weights(Prepared[] candidates, Dictionary<string, double> idf, double unseen)
        {
            Candidates = candidates;
            _idf = idf;
            _unseen = unseen;
        }

        public Prepared[] Candidates { get; }

        public double Of(string word) => _idf.Count == 0 ? 1 : _idf.GetValueOrDefault(word, _unseen);

        public static Weights From(IReadOnlyList<string> candidates)
        {
            var prepared = candidates.Select(Prepare).ToArray();
            var df = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var words in prepared.Select(p => p.Words))
            {
                foreach (var word in words)
                {
                    df[word] = df.GetValueOrDefault(word) + 1;
                }
            }

            var n = Math.Max(1, prepared.Length);
            var idf = df.ToDictionary(p => p.Key, p => Math.Log(1 + ((double)n / p.Value)), StringComparer.Ordinal);
            return new Weights(prepared, idf, Math.Log(1 + n));
        }
    }
}
