namespace Chatbot.Dialogs.Understanding;

/// <summary>Scores how close a user's text is to candidate utterances (0 = unrelated, 1 = same meaning).</summary>
public interface IUtteranceSimilarity
{
    /// <summary>One score per candidate, in order. <paramref name="cacheKey"/> (e.g. the definitions revision) lets implementations cache work on candidates.</summary>
    ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken);

    /// <summary>
    /// As the other overload, where only the first <paramref name="own"/> candidates are the bot's own (its flows'
    /// examples) and the rest stand for what it does not do (out-of-scope examples): a similarity may weigh words by how
    /// rare they are among the bot's own alone.
    /// </summary>
    ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, int own, string? cacheKey, CancellationToken cancellationToken) =>
        ScoreAsync(text, candidates, cacheKey, cancellationToken);
}
