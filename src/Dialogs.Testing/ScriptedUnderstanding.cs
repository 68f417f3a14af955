using Chatbot.Dialogs.Understanding;
using Chatbot.Dialogs.Testing.Recording;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// Answers with the commands the test gives for the current turn; otherwise asks the wrapped recognizer. A cassette miss
/// is caught here, before the engine would turn it into a polite fallback, and kept for the runner to report.
/// </summary>
internal sealed class ScriptedUnderstanding(IUnderstanding inner) : DelegatingUnderstanding(inner)
{
    /// <summary>The commands for the turn about to run; null = let the recognizer decide.</summary>
    public IReadOnlyList<Command>? Next { get; set; }

    /// <summary>"re-record needed" messages, one per request the cassette did not know.</summary>
    public List<string> Misses { get; } = [];

    public override async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        if (Next is { } commands) return new UnderstandingResult { Path = "scripted", Commands = commands };
        try
        {
            return await base.UnderstandAsync(request, cancellationToken);
        }
        catch (CassetteMissException ex)
        {
            Misses.Add(ex.Message);
            return UnderstandingResult.Empty("recorded");
        }
    }
}
