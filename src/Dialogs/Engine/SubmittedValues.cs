using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// A submitted object (an Adaptive Card's <c>Action.Submit</c> data, a Web Chat postBack with an object): its keys that
/// name slots of the active flow (or bot-wide slots) become <see cref="SetSlotCommand"/>s, each value read by
/// <see cref="SlotValueParser"/> for the slot's kind exactly as a typed answer is. Unknown keys are ignored. A value that
/// does not parse keeps its text, so the command applier rejects it like any invalid answer (the asked slot reprompts).
/// </summary>
internal static class SubmittedValues
{
    /// <summary>The commands the object's slot keys mean here; empty when it names no slot (or is not an object).</summary>
    public static List<Command> Commands(TurnContext turn, JsonElement? submitted)
    {
        if (submitted is not { ValueKind: JsonValueKind.Object } data) return [];
        var context = turn.UserParse;
        var commands = new List<Command>();
        foreach (var field in data.EnumerateObject())
        {
            if (turn.Bot.FindSlot(turn.Top?.Flow, field.Name) is not { } slot || Text(field.Value) is not { } text) continue;
            var info = turn.Bot.SlotInfo(slot, turn.Language);
            // As for a typed answer, an out-of-range value is passed on so the reprompt can name the range.
            var ok = SlotValueParser.TryParse(info, text, context, out var canonical, out var problem);
            commands.Add(new SetSlotCommand(field.Name, ok || SlotValueParser.IsOutOfRange(problem) ? canonical : text));
        }

        return commands;
    }

    // Inputs submit strings; Web Chat and custom clients may send numbers and booleans as JSON. Empty inputs are not answers.
    internal static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
