namespace Chatbot.Dialogs.Understanding;

/// <summary>Rephrases or generates a reply text for responses whose author opted in. The template is always the fallback.</summary>
public interface IResponsePhraser
{
    /// <summary>Returns the text to send. Implementations return <see cref="PhrasingRequest.TemplateText"/> on any failure or guard violation.</summary>
    ValueTask<PhrasingResult> PhraseAsync(PhrasingRequest request, CancellationToken cancellationToken);

    /// <summary>False when every result is the template (no model configured): nothing slow to hand to the queue.</summary>
    bool HasModel => true;
}

/// <summary>What the phraser needs: the template's rendered text and the author's guards.</summary>
public sealed class PhrasingRequest
{
    public required string ResponseId { get; init; }

    /// <summary><c>rephrase</c> or <c>generate</c>.</summary>
    public required string Mode { get; init; }
    public required string TemplateText { get; init; }
    public required string Language { get; init; }

    /// <summary>Instruction for <c>generate</c> mode, written by the author.</summary>
    public string? Instruction { get; init; }

    /// <summary>Non-sensitive slot values the reply may use.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>Values that must appear verbatim in the reply (order numbers, prices).</summary>
    public IReadOnlyList<string> MustInclude { get; init; } = [];
    public IReadOnlyList<string> ForbiddenTopics { get; init; } = [];
    public int? MaxSentences { get; init; }
    public string? Persona { get; init; }

    /// <summary>The user's question, for a grounded answer (<c>answer</c> steps); null otherwise.</summary>
    public string? Question { get; init; }

    /// <summary>
    /// For a grounded answer: the only texts the reply may use (best first). Non-empty = the reply must not state
    /// anything these do not contain; a model that finds no answer in them says <see cref="PhrasingGuards.NoAnswer"/>.
    /// </summary>
    public IReadOnlyList<string> Passages { get; init; } = [];

    /// <summary>How long the model may take; null = <c>Understanding:PhrasingTimeout</c> (a turn's budget). Longer for work the queue runs.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// When the turn must be done with the model: the call waits at most until then and is not made with too little left
    /// (<see cref="TurnTime"/>; the template text is sent). Null = no limit but <see cref="Timeout"/> (work the queue runs).
    /// </summary>
    public DateTimeOffset? AnswerBy { get; init; }
}

/// <summary>The text to send, and whether it came from the model or fell back to the template (and why).</summary>
public sealed record PhrasingResult(string Text, bool FromModel, string? FallbackReason = null, int TokensIn = 0, int TokensOut = 0)
{
    /// <summary>The template was sent because the turn's time ran out before the model was asked or answered (<see cref="TurnTime"/>).</summary>
    public bool OutOfTime { get; init; }
}
