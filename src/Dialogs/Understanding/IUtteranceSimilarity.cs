namespace Chatbot.Dialogs.Understanding;

/// <summary>Scores how close a user's text is to candidate utterances (0 = unrelated, 1 = same meaning).</summary>
public interface IUtteranceSimilarity
{
    /// <summary>One score per candidate, in order. <paramref name="cacheKey"/> (e.g. the definitions revision) lets implementations cache work on candidates.</summary>
    ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken);
}
