using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests;

/// <summary>
/// The keyword recognizer until <see cref="Commands"/> is set; then those commands on the LLM path, as a model (perhaps
/// steered by the user) read the message. <see cref="Seen"/> is the last request, to check what the model was offered.
/// </summary>
internal sealed class SteerableModel : IUnderstanding
{
    private readonly KeywordRecognizer _keywords = new();

    public Command[]? Commands { get; set; }

    public UnderstandingRequest? Seen { get; private set; }

    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        Seen = request;
        return Commands is null ? _keywords.UnderstandAsync(request, cancellationToken) : ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = Commands });
    }
}
