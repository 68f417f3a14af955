using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Fits a conversation's state to dialogs deployed while it was open (the state's revision is not the bot's): what still
/// fits is kept, a flow resumes at its step when the step is still there, a flow whose step or values no longer fit
/// starts again with the values that do, and a flow that is gone is dropped with the flows it started. The user hears the
/// <c>recovered</c> pattern once when their flow did not go on where it was; the operator gets the list of what did not fit.
/// </summary>
internal static class StateRestore
{
    /// <summary>
    /// What a restore did: the changes for the operator's log (names only, never values); whether the top flow must run
    /// to its question before the turn reads the message; and whether the message is left unread (when a value the user
    /// gave was dropped: the question the flow reaches is about that value, which the message did not answer).
    /// </summary>
    public readonly record struct Result(IReadOnlyList<string> Changes, bool RunFirst, bool SkipMessage);

    /// <summary>Fits <paramref name="turn"/>'s state to its bot and stamps the bot's revision on it.</summary>
    public static Result Restore(TurnContext turn)
    {
        var state = turn.State;
        var bot = turn.Bot;
        var changes = new List<string>();
        var restarted = false;
        var dropped = false;
        for (var i = 0; i < state.Stack.Count; i++)
        {
            var frame = state.Stack[i];
            if (!bot.Flows.TryGetValue(frame.Flow, out var flow))
            {
                // The flows above it were started or called from it: nothing to come back to.
                changes.Add($"flow '{frame.Flow}' is gone: dropped" + (i + 1 < state.Stack.Count ? $" with {state.Stack.Count - i - 1} flow(s) above it" : ""));
                state.Stack.RemoveRange(i, state.Stack.Count - i);
                restarted = true;
                break;
            }

            var index = frame.Step is null or FlowFrame.PastEnd ? -1 : flow.StepIndex.GetValueOrDefault(frame.Step, -2);
            var restart = false;
            foreach (var name in frame.Slots.Keys.ToList())
            {
                var slot = flow.Definition.Slots.GetValueOrDefault(name);
                if (slot is not null && Fits(turn, slot, frame.Slots[name])) continue;
                frame.Slots.Remove(name);
                changes.Add(slot is null ? $"slot '{frame.Flow}.{name}' is gone" : $"value of '{frame.Flow}.{name}' does not fit its type '{slot.Type.Name}' any more: dropped");
                // Asked already (its ask is at or before the step the flow waits at): the flow cannot go on without it.
                if (slot is not null && index != -1 && AskedBy(flow, name, index)) restart = dropped = true;
            }

            frame.Skipped?.RemoveAll(name => !flow.Definition.Slots.ContainsKey(name));
            if (frame.Skipped is { Count: 0 }) frame.Skipped = null;
            Prune(frame.EarlyDays, flow.Definition.Slots.ContainsKey);
            Prune(frame.EarlyHours, flow.Definition.Slots.ContainsKey);
            Prune(frame.AskAttempts, flow.StepIndex.ContainsKey);
            Prune(frame.Jumps, flow.StepIndex.ContainsKey);

            if (index == -2)
            {
                changes.Add($"step '{frame.Flow}.{frame.Step}' is gone: the flow starts again");
                restart = true;
            }
            else if (index >= 0 && flow.Steps[index] is CallStep call && (i + 1 >= state.Stack.Count || state.Stack[i + 1].Flow != call.Flow.Name))
            {
                // The call at the step the flow waits at now calls another flow (or the stored one finished): its return
                // point moved, so the flows above are not this call's; the call runs again.
                var above = state.Stack.Count - i - 1;
                changes.Add($"step '{frame.Flow}.{frame.Step}' now calls '{call.Flow.Name}'" + (above > 0 ? $": {above} flow(s) above it dropped" : "") + ", the call runs again");
                state.Stack.RemoveRange(i + 1, above);
                Reset(frame, frame.Step);
                restarted = true;
                break;
            }
            else if (index >= 0 && flow.Steps[index] is not (AskStep or ConfirmStep or CallStep) && !AwaitsSlowStep(state, frame, flow.Steps[index]))
            {
                changes.Add($"step '{frame.Flow}.{frame.Step}' no longer waits for an answer: the flow goes on from it");
                Reset(frame, frame.Step);
                restarted = true;
            }

            if (restart)
            {
                // From the first step with the values that still fit: asks whose slot has one are passed.
                Reset(frame, null);
                restarted = true;
            }
        }

        foreach (var name in state.Slots.Keys.ToList())
        {
            var slot = bot.Definition.Slots.GetValueOrDefault(name);
            if (slot is not null && Fits(turn, slot, state.Slots[name])) continue;
            state.Slots.Remove(name);
            changes.Add(slot is null ? $"bot slot '{name}' is gone" : $"value of bot slot '{name}' does not fit its type '{slot.Type.Name}' any more: dropped");
        }

        if (state.Calling is { } calling && (turn.Top is not { } top || top.Flow != calling.Flow || top.Step != calling.Step))
        {
            changes.Add($"the slow step '{calling.Flow}.{calling.Step}' is no longer where the flow waits: its answer is not awaited");
            state.Calling = null;
        }

        // "Do you want … instead?" offering a flow the new dialogs no longer have: nothing a yes could start.
        var offerGone = state.Pending == PendingQuestion.SwitchFlow && (state.SwitchTo is not { } offered || !bot.Flows.ContainsKey(offered));
        if (state.Pending is { } pending && (restarted || state.Stack.Count == 0 || offerGone))
        {
            changes.Add($"the open '{pending}' question was dropped");
            state.Pending = null;
            state.SwitchTo = null;
            restarted |= state.Stack.Count == 0;
        }

        if (state.Told is { } told && !bot.Flows.ContainsKey(told)) state.Told = null;
        if (restarted)
        {
            turn.Trace.Events.Add("recovered");
            turn.Replies.Add(ReplyRenderer.Render(turn, bot.Definition.Patterns.Recovered.Name, false));
        }

        state.Revision = bot.Revision;
        // A flow to start again, or one at a step that waits for nothing (a call to make again), runs to its question first.
        var runFirst = turn.Top is { } at && at.Step != FlowFrame.PastEnd
            && (at.Step is null || turn.CurrentStep is not (AskStep or ConfirmStep) && !AwaitsSlowStep(state, at, turn.CurrentStep!));
        return new Result(changes, runFirst, SkipMessage: runFirst && dropped);
    }

    /// <summary>
    /// True when every stored value of a slot the dialogs define is of the JSON kind its type stores (a number for a
    /// number, yes/no for a boolean, an object for a file, a string otherwise). A cheap look each turn, no parsing: a state
    /// edited by hand or written by another version under the same revision (<c>"quantity": "lots"</c>) is fitted like a
    /// state from other dialogs (<see cref="Restore"/>) instead of being confirmed to the user as it is.
    /// </summary>
    public static bool KindsHold(TurnContext turn)
    {
        var bot = turn.Bot;
        foreach (var frame in turn.State.Stack)
        {
            if (!bot.Flows.TryGetValue(frame.Flow, out var flow)) continue;
            foreach (var (name, value) in frame.Slots)
            {
                if (flow.Definition.Slots.TryGetValue(name, out var slot) && !KindHolds(bot.TypeOf(slot).Kind, value)) return false;
            }
        }

        foreach (var (name, value) in turn.State.Slots)
        {
            if (bot.Definition.Slots.TryGetValue(name, out var slot) && !KindHolds(bot.TypeOf(slot).Kind, value)) return false;
        }

        return true;
    }

    private static bool KindHolds(SlotKind kind, JsonElement value) => value.ValueKind == JsonValueKind.Null || StoredAs(kind, value);

    // The JSON kind a slot of the kind is stored as: an object for a file, yes/no for a boolean, a number, a string otherwise.
    private static bool StoredAs(SlotKind kind, JsonElement value) => kind switch
    {
        SlotKind.File => value.ValueKind == JsonValueKind.Object,
        SlotKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        SlotKind.Integer or SlotKind.Number => value.ValueKind == JsonValueKind.Number,
        _ => value.ValueKind == JsonValueKind.String,
    };

    /// <summary>
    /// A stored value still holds for the slot's type as it is now: the same kind of value (a number for a number, yes/no
    /// for a boolean, a file for a file, a day for a date), an option the type still has, and for emails, patterns and
    /// numbers a value the type still reads (its pattern, min and max).
    /// </summary>
    internal static bool Fits(TurnContext turn, SlotDefinition slot, JsonElement value)
    {
        var type = turn.Bot.TypeOf(slot);
        if (!StoredAs(type.Kind, value)) return false;
        switch (type.Kind)
        {
            case SlotKind.File or SlotKind.Text or SlotKind.Boolean:
                return true;
            case SlotKind.Enum:
                return type.Values.Any(v => v.Value == value.GetString());
            case SlotKind.Integer or SlotKind.Number or SlotKind.Email or SlotKind.Regex:
                break;
            default:
                // Dates and times in their canonical form, or a declared special value ("asap"); a past day still fits.
                return SlotValues.FromExpr(SlotValues.ToExpr(value), type, turn.TimeZone) is not null;
        }

        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString();
        return SlotValueParser.TryParse(turn.Bot.SlotInfo(slot, turn.Language), text, turn.CanonicalParse, out _, out _);
    }

    // The flow waits at an async step for its slow part's answer (which the event queue brings): the step is still where it waits.
    private static bool AwaitsSlowStep(DialogState state, FlowFrame frame, StepDefinition step) =>
        step is DeferrableStep { Async: true } && state.Calling is { } calling && calling.Flow == frame.Flow && calling.Step == frame.Step;

    // The flow asks for the slot at or before the step at index.
    private static bool AskedBy(Runtime.CompiledFlow flow, string slot, int index)
    {
        for (var i = 0; i <= index && i < flow.Steps.Count; i++)
        {
            if (flow.Steps[i] is AskStep ask && ask.Slot.Name == slot) return true;
        }

        return false;
    }

    private static void Reset(FlowFrame frame, string? step)
    {
        frame.Step = step;
        frame.ForgetStep();
        frame.AskAttempts = null;
        frame.Jumps = null;
    }

    private static void Prune<T>(Dictionary<string, T>? entries, Func<string, bool> exists)
    {
        if (entries is null) return;
        foreach (var key in entries.Keys.Where(k => !exists(k)).ToList()) entries.Remove(key);
    }
}
