using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Passage scores given by the test, in the knowledge file's passage order, for every question.</summary>
internal sealed class FixedScores(params double[] scores) : IUtteranceSimilarity
{
    /// <summary>How many times the passages were scored (the answer step scores them with and without their headings).</summary>
    public int Calls { get; private set; }

    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
    {
        Calls++;
        return ValueTask.FromResult(scores.ToArray());
    }
}
