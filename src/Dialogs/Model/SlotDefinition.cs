using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>A slot: a named value a flow (or the whole bot) collects.</summary>
internal sealed class SlotDefinition
{
    public required string Name { get; init; }
    public required NameRef Type { get; init; }
    public string? Description { get; init; }

    /// <summary>How the slot is named to the user per language (<c>label:</c>, the recap's "Policy number: TP123456"); null = not declared.</summary>
    public LocalizedText? Label { get; init; }

    /// <summary>Overrides the type's sensitivity (true = mask everywhere but replies).</summary>
    public bool? Sensitive { get; init; }
    public required SourceSpan Span { get; init; }
}
