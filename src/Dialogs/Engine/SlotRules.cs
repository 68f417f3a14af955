using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// A slot's <c>validation:</c> rules: those of every ask step that asks for it (in its own flow, or in any flow for a
/// bot-wide slot). They hold whenever the slot gets a value from the user, not only at its ask.
/// </summary>
internal static class SlotRules
{
    /// <summary>The message of the first rule the slot's current value breaks, or null when all hold.</summary>
    public static NameRef? FirstFailing(TurnContext turn, FlowFrame? frame, string slot)
    {
        var flows = frame is not null && turn.Bot.Flows.TryGetValue(frame.Flow, out var own) && own.Definition.Slots.ContainsKey(slot)
            ? [own]
            : turn.Bot.Flows.Values;
        foreach (var flow in flows)
        {
            foreach (var ask in flow.Steps.OfType<AskStep>().Where(a => a.Slot.Name == slot))
            {
                foreach (var rule in ask.Validation)
                {
                    if (!turn.Evaluate(rule.Rule, frame).IsTrue) return rule.Message;
                }
            }
        }
        return null;
    }
}
