namespace Chatbot.Dialogs.Understanding;

/// <summary>Turns what the user said into typed commands. The engine validates every command before applying it.</summary>
public interface IUnderstanding
{
    /// <summary>Understands one user input in the given context. Must not throw for model faults: return a result with no commands and a trace instead.</summary>
    ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken);
}
