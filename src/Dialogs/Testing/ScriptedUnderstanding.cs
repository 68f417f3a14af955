using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Testing;

/// <summary>Answers with the commands the test gives for the current turn; otherwise asks the wrapped recognizer.</summary>
internal sealed class ScriptedUnderstanding(IUnderstanding inner) : DelegatingUnderstanding(inner)
{
    /// <summary>The commands for the turn about to run; null = let the recognizer decide.</summary>
    public IReadOnlyList<Command>? Next { get; set; }

    public override ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
        Next is { } commands
            ? ValueTask.FromResult(new UnderstandingResult { Path = "scripted", Commands = commands })
            : base.UnderstandAsync(request, cancellationToken);
}
