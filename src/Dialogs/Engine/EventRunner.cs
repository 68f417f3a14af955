using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Runs an event turn (the <c>events:</c> section): every input is read from the payload and checked like an answer
/// (<see cref="SlotValueParser"/>, then the slot's rules) before the event's flow starts or its response is said. Any
/// problem rejects the whole event: the caller gets every reason and keeps the state it had.
/// </summary>
internal sealed class EventRunner(FlowRunner flows, ReplyRenderer replies)
{
    /// <summary>Applies the event to the turn's state; returns why it was refused (the turn's state must then be discarded), or null.</summary>
    public async Task<EventRejection?> RunAsync(TurnContext turn, string name, JsonElement? payload, CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        if (!bot.Definition.Events.TryGetValue(name, out var definition))
        {
            var known = bot.Definition.Events.Count == 0 ? "it defines no events" : "known events: " + string.Join(", ", bot.Definition.Events.Keys.Order(StringComparer.Ordinal));
            return new EventRejection(EventRejectionKind.BadEvent, $"unknown event '{name}' ({known})");
        }

        if (turn.State.Calling is not null)
        {
            // The flow waits for a slow step's answer at its top; a flow put on top of it would take that answer.
            return new EventRejection(EventRejectionKind.Conflict, "the conversation is waiting for a slow step's answer; retry later");
        }

        FlowFrame? frame = null;
        if (definition.Start is { } start)
        {
            if (turn.State.Stack.Any(f => f.Flow == start.Name))
            {
                return new EventRejection(EventRejectionKind.Conflict, $"flow '{start.Name}' is already in progress in this conversation");
            }
            if (turn.State.Stack.Count >= bot.Settings.Limits.MaxStackDepth)
            {
                return new EventRejection(EventRejectionKind.Conflict, "too many flows are in progress in this conversation");
            }
            frame = new FlowFrame { Flow = start.Name };
            turn.State.Stack.Add(frame);
        }

        var problems = new List<string>();
        foreach (var input in definition.Inputs)
        {
            if (Read(turn, frame, input, payload) is { } problem) problems.Add(problem);
        }
        if (problems.Count > 0) return new EventRejection(EventRejectionKind.BadEvent, string.Join("; ", problems));

        turn.Trace.Events.Add("event:" + name);
        if (frame is not null)
        {
            turn.Trace.Events.Add("flow_started:" + frame.Flow);
            await flows.RunAsync(turn, cancellationToken);
        }
        else
        {
            await replies.SayAsync(turn, definition.Say!.Name, expectsInput: false, cancellationToken);
        }
        return null;
    }

    // One input: present (or optional), a single value, valid for the slot's type, and within the slot's rules.
    private static string? Read(TurnContext turn, FlowFrame? frame, EventInput input, JsonElement? payload)
    {
        var field = input.Field;
        if (payload is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return input.Required ? $"payload field '{field}' is required" : null;
        }
        if (SubmittedValues.Text(value) is not { } text)
        {
            return $"payload field '{field}' must be a string, number or boolean";
        }
        var slot = turn.Bot.FindSlot(frame?.Flow, input.Slot.Name)!;
        var info = turn.Bot.SlotInfo(slot, turn.Language);
        if (!SlotValueParser.TryParse(info, text, turn.UserParse, out var canonical, out var problem)
            || !SlotValues.TryAccept(info, canonical, turn, out var stored, out problem))
        {
            return $"payload field '{field}' is not a valid {turn.Bot.TypeOf(slot).Id}: {problem}";
        }
        turn.Set(frame, input.Slot.Name, stored);
        return SlotRules.FirstFailing(turn, frame, input.Slot.Name) is { } rule ? $"payload field '{field}' fails rule '{rule.Name}'" : null;
    }
}

/// <summary>Why an event was refused: the event or its payload is wrong, or the conversation cannot take it now.</summary>
public enum EventRejectionKind
{
    /// <summary>Unknown event, or a payload field missing or invalid: sending it again will not help.</summary>
    BadEvent,

    /// <summary>The conversation is busy with the flow the event starts (or has too many flows open).</summary>
    Conflict,
}

/// <summary>An event the engine refused, with a reason for the system that sent it (no user text).</summary>
public sealed record EventRejection(EventRejectionKind Kind, string Reason);
