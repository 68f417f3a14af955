using System.Collections.Concurrent;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>Cosine similarity of MiniLM sentence embeddings; candidate embeddings are cached per definitions revision.</summary>
public sealed class EmbeddingSimilarity : IUtteranceSimilarity
{
    // Old revisions are dropped once this many are cached (a reload makes a new revision).
    private const int MaxRevisions = 4;

    private readonly MiniLmModel _model;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, float[]>> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _revisions = new();

    /// <summary>Creates the similarity over a loaded model.</summary>
    public EmbeddingSimilarity(MiniLmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        cancellationToken.ThrowIfCancellationRequested();
        var cache = cacheKey is null ? new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal) : CacheFor(cacheKey);
        var missing = candidates.Where(c => !cache.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();

        // MiniLM is weak on typos ("cancle my oder"): words the model does not know are first corrected
        // against the candidates' own words, which are exactly the words that matter here. A hyphenated word counts joined
        // too ("emial on my phone" is "email", which the guide writes "e-mail").
        var vocabulary = candidates.SelectMany(c => c.Contains('-', StringComparison.Ordinal) ? UtteranceText.Tokens(c).Concat(UtteranceText.Tokens(UtteranceText.JoinHyphenated(c))) : UtteranceText.Tokens(c)).ToHashSet(StringComparer.Ordinal);
        var query = TypoCorrection.Correct(text, vocabulary, _model.IsKnownWord);

        // A text already embedded as a candidate of this revision (the built-in out-of-scope examples, compared with the
        // bot's examples once per revision) is not run through the model again.
        var known = cache.TryGetValue(query, out var cached) ? cached : null;
        var batch = known is null || missing.Count > 0 ? _model.Embed(known is null ? [query, .. missing] : [.. missing]) : [];
        var offset = known is null ? 1 : 0;
        for (var i = 0; i < missing.Count; i++)
        {
            cache[missing[i]] = batch[i + offset];
        }

        var queryVector = known ?? batch[0];
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            scores[i] = Dot(queryVector, cache[candidates[i]]);
        }

        return ValueTask.FromResult(scores);
    }

    private ConcurrentDictionary<string, float[]> CacheFor(string revision)
    {
        if (_cache.TryGetValue(revision, out var existing))
        {
            return existing;
        }

        var created = _cache.GetOrAdd(revision, _ => new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal));
        _revisions.Enqueue(revision);
        while (_revisions.Count > MaxRevisions && _revisions.TryDequeue(out var old))
        {
            _cache.TryRemove(old, out _);
        }

        return created;
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
