using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

internal sealed partial class ReplyRenderer
{
    /// <summary>
    /// A response's form in the conversation's language: one field per slot with its kind, label (the author's, else
    /// the slot's description, else its name), enum choices titled by their labels, number bounds and the known value.
    /// </summary>
    private static ReplyForm? Form(TurnContext turn, ResponseDefinition response, Func<string, string> fill)
    {
        if (response.Form is not { } form) return null;
        var display = SlotValues.DisplayContext.Of(turn);
        var fields = new List<ReplyFormField>();
        foreach (var field in form.Fields)
        {
            // Validated bots only name slots in scope; a slot out of scope at run time is left out rather than shown dead.
            if (turn.Bot.FindSlot(turn.Top?.Flow, field.Slot.Name) is not { } slot) continue;
            var type = turn.Bot.TypeOf(slot);
            var sensitive = turn.Bot.IsSensitive(slot);
            var label = field.Label is { } l ? fill(Localized(l.Variants, turn)) : slot.Description ?? Humanize(slot.Name);
            fields.Add(new ReplyFormField(slot.Name, SlotKinds.ToName(type.Kind), label)
            {
                Choices = type.Kind == SlotKind.Enum ? [.. type.Values.Select(v => new ReplyButton(v.LabelIn(display.Language, display.DefaultLanguage), v.Value))] : [],
                Min = type.Min,
                Max = type.Max,
                Pattern = type.Kind == SlotKind.Regex ? type.Pattern : null,
                Value = sensitive ? null : Canonical(turn.Value(slot.Name)),
                Sensitive = sensitive,
            });
        }
        var submit = form.Submit is { } s ? fill(Localized(s.Variants, turn)) : DefaultSubmitTitle(turn.Language);
        return new ReplyForm(fields, submit);
    }

    private static string? Canonical(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetDouble().ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    private static string Humanize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' ');

    private static string DefaultSubmitTitle(string language) => language switch
    {
        "de" => "Absenden",
        "en" => "Submit",
        _ => "OK",
    };
}
