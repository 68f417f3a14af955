using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>
/// A form on a response (<c>form: { fields: [ { slot, label } ], submit }</c>): one input per slot, shown as an
/// Adaptive Card where the channel renders cards; its submit fills the slots like typed answers.
/// </summary>
internal sealed record ResponseForm(IReadOnlyList<FormField> Fields, LocalizedText? Submit, SourceSpan Span);

/// <summary>One input of a form: the slot it fills and, optionally, its label per language (default: the slot's description).</summary>
internal sealed record FormField(NameRef Slot, LocalizedText? Label, SourceSpan Span);
