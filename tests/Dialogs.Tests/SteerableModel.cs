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

    /// <summary>Answers for the next calls, one per call, before <see cref="Commands"/> (a turn that asks the model twice).</summary>
    public Queue<Command[]> Next { get; } = new();

    /// <summary>The texts the model was asked about, in order.</summary>
    public List<string> Texts { get; } = [];

    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        Seen = request;
        Texts.Add(request.Text);
        if (Next.TryDequeue(out var next)) return ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = next });
        return Commands is null ? _keywords.UnderstandAsync(request, cancellationToken) : ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = Commands });
    }
}
