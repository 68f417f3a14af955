using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Runtime;

/// <summary>Slot types every bot has, named after their kind (<c>integer</c>, <c>email</c>, …).</summary>
internal static class BuiltinSlotTypes
{
    private static readonly SourceSpan BuiltinSpan = new("<built-in>", 1, 1);

    public static readonly IReadOnlyDictionary<string, SlotTypeDefinition> All = new[]
    {
        SlotKind.Text, SlotKind.Integer, SlotKind.Number, SlotKind.Boolean, SlotKind.Date, SlotKind.DateTime, SlotKind.Time, SlotKind.Email, SlotKind.File,
    }.ToDictionary(SlotKinds.ToName, k => new SlotTypeDefinition { Id = SlotKinds.ToName(k), Kind = k, BuiltIn = true, Span = BuiltinSpan }, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, SlotTypeDefinition> Merge(IReadOnlyDictionary<string, SlotTypeDefinition> author)
    {
        var merged = new Dictionary<string, SlotTypeDefinition>(All, StringComparer.Ordinal);
        foreach (var (id, type) in author) merged[id] = type;
        return merged;
    }
}
