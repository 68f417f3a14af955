using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Validation;

// The events: section (issue 16), kept apart from the rest of the validator so checks added in parallel merge cleanly.
internal sealed partial class DefinitionValidator
{
    /// <summary>Each event names a known flow or response, and its inputs name slots that event may fill, each from its own field.</summary>
    private void CheckEvents()
    {
        foreach (var e in bot.Events.Values)
        {
            FlowDefinition? flow = null;
            if (e.Start is { } start && !bot.Flows.TryGetValue(start.Name, out flow))
            {
                if (!Reported("flow", start.Name)) diagnostics.ReportWithHelp(DiagnosticIds.UnknownFlow, start.Span, DidYouMean.Suggest(start.Name, bot.Flows.Keys), start.Name);
            }
            // A response said by an event sees what any bot-wide response sees: bot-wide slots (the inputs fill them first).
            if (e.Say is { } say) CheckResponse(say, bot.Slots.Keys.ToHashSet(StringComparer.Ordinal), "bot-wide slots");

            var fields = new Dictionary<string, EventInput>(StringComparer.Ordinal);
            foreach (var input in e.Inputs)
            {
                var known = bot.Slots.ContainsKey(input.Slot.Name) || flow?.Slots.ContainsKey(input.Slot.Name) == true;
                if (!known && (e.Say is not null || flow is not null))
                {
                    var scope = flow is null ? bot.Slots.Keys : bot.Slots.Keys.Concat(flow.Slots.Keys);
                    diagnostics.ReportWithHelp(DiagnosticIds.EventInputSlot, input.Span, DidYouMean.Suggest(input.Slot.Name, scope),
                        input.Slot.Name, e.Id, flow is null ? "of the bot" : $"of flow '{flow.Id}' or of the bot");
                }
                if (!fields.TryAdd(input.Field, input))
                {
                    diagnostics.Report(DiagnosticIds.EventInputField, input.Span, fields[input.Field].Slot.Name, input.Slot.Name, e.Id, input.Field);
                }
            }
        }
    }
}
