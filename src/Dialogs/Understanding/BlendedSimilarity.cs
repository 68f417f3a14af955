namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A weighted average of two similarities, e.g. sentence embeddings (meaning) with lexical overlap (the exact words,
/// names and typos an embedding model blurs). Scores stay in [0, 1].
/// </summary>
public sealed class BlendedSimilarity : IUtteranceSimilarity
{
    private readonly IUtteranceSimilarity _first;
    private readonly IUtteranceSimilarity _second;
    private readonly double _firstWeight;

    /// <summary>Blends <paramref name="first"/> (weight <paramref name="firstWeight"/>) with <paramref name="second"/> (the rest).</summary>
    public BlendedSimilarity(IUtteranceSimilarity first, IUtteranceSimilarity second, double firstWeight)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstWeight, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstWeight, 1);
        _first = first;
        _second = second;
        _firstWeight = firstWeight;
    }

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
        ScoreAsync(text, candidates, candidates?.Count ?? 0, cacheKey, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, int own, string? cacheKey, CancellationToken cancellationToken) =>
        (await ScorePartsAsync(text, candidates, own, cacheKey, cancellationToken).ConfigureAwait(false)).Blended;

    /// <summary>The blended scores and, beside them, the first similarity's own (what the meaning alone says).</summary>
    internal async ValueTask<(double[] Blended, double[] First)> ScorePartsAsync(string text, IReadOnlyList<string> candidates, int own, string? cacheKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var a = await _first.ScoreAsync(text, candidates, own, cacheKey, cancellationToken).ConfigureAwait(false);
        var b = await _second.ScoreAsync(text, candidates, own, cacheKey, cancellationToken).ConfigureAwait(false);
        var scores = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            scores[i] = (_firstWeight * a[i]) + ((1 - _firstWeight) * b[i]);
        }

        return (scores, a);
    }
}
