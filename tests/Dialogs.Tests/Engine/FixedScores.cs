using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Passage scores given by the test, in the knowledge file's passage order, for every question.</summary>
internal sealed class FixedScores(params double[] scores) : IUtteranceSimilarity
{
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(scores.ToArray());
}
