using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>How the final text of a response is produced.</summary>
public enum PhrasingMode
{
    /// <summary>The template as written (default).</summary>
    Template,

    /// <summary>An LLM rewords the rendered template.</summary>
    Rephrase,

    /// <summary>An LLM writes the text from the instruction; the template is the fallback.</summary>
    Generate,
}

/// <summary>Something the bot says: per-language variants with <c>{{ slot }}</c> placeholders, buttons, a card.</summary>
internal sealed class ResponseDefinition
{
    public required string Id { get; init; }
    public required LocalizedText Text { get; init; }

    /// <summary>Texts chosen by condition: the first whose <c>if</c> holds replaces <see cref="Text"/>.</summary>
    public IReadOnlyList<ResponseVariant> Variants { get; init; } = [];
    public IReadOnlyList<ResponseButton> Buttons { get; init; } = [];
    public ResponseCard? Card { get; init; }

    /// <summary>Inputs bound to slots, rendered as an Adaptive Card where the channel supports it.</summary>
    public ResponseForm? Form { get; init; }
    public PhrasingMode Phrasing { get; init; }

    /// <summary>Instruction for <see cref="PhrasingMode.Generate"/>.</summary>
    public string? Instruction { get; init; }
    public PhrasingGuards? Guards { get; init; }
    public bool BuiltIn { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>A text of a response used when its condition holds (<c>variants: [{ if: fulfilment == "pickup", text: … }]</c>).</summary>
internal sealed record ResponseVariant(ExpressionText Condition, LocalizedText Text, SourceSpan Span);

/// <summary>
/// A button: per-language title and the value the bot receives when it is clicked; or, with <see cref="Sends"/>, a
/// per-language text that the click posts as the user's message; or, with <see cref="FromSlot"/>, one generated
/// button per value of an enum slot (titled by the value's label); or, with <see cref="FromResult"/>, one per item of a
/// service's answer.
/// </summary>
internal sealed record ResponseButton(LocalizedText Title, string Value, SourceSpan Span)
{
    /// <summary>The text a click sends as the user's message, per language (<c>sends:</c>); with a <see cref="Value"/> the bot still receives that value. Null = the value itself.</summary>
    public LocalizedText? Sends { get; init; }

    /// <summary>Set for <c>from_slot: slot</c>: the buttons are the slot's enum (or special) values.</summary>
    public NameRef? FromSlot { get; init; }

    /// <summary>Set for <c>from_result: slot</c>: the buttons are the items of the text an earlier http step's <c>result</c> put in the slot.</summary>
    public NameRef? FromResult { get; init; }

    /// <summary>True for buttons made when the response is said (<c>from_slot</c>, <c>from_result</c>), which have no title or value of their own.</summary>
    public bool Generated => FromSlot is not null || FromResult is not null;

    /// <summary>True when the author set a value (not only <see cref="Sends"/>).</summary>
    public bool HasValue => Value.Length > 0;
}

/// <summary>A hero card.</summary>
internal sealed record ResponseCard(LocalizedText? Title, LocalizedText? Text, string? Image, SourceSpan Span);

/// <summary>What an LLM-phrased reply must contain, must avoid, and how long it may be.</summary>
internal sealed record PhrasingGuards(IReadOnlyList<string> MustInclude, IReadOnlyList<string> Forbidden, int? MaxSentences);
