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

    /// <summary>
    /// Puts the conversation into <paramref name="given"/>'s flow with its values already given (a conversation test's
    /// <c>given:</c>): each value is checked like an event's input, then the flow runs as if those answers had been
    /// given — filled asks are passed, http steps on the way are called — and waits at its first question left.
    /// </summary>
    public async Task<EventRejection?> GivenAsync(TurnContext turn, GivenValues given, CancellationToken cancellationToken)
    {
        FlowFrame? frame = null;
        if (given.Flow is { } flow)
        {
            if (!turn.Bot.Flows.ContainsKey(flow)) return new EventRejection(EventRejectionKind.BadEvent, $"unknown flow '{flow}'");
            frame = new FlowFrame { Flow = flow };
            turn.State.Stack.Add(frame);
        }
        var problems = new List<string>();
        turn.Files = given.Files;
        foreach (var (slot, text) in given.Slots)
        {
            if (turn.Bot.FindSlot(frame?.Flow, slot) is null) problems.Add($"unknown slot '{slot}'");
            else if (frame is not null && SkipsOptional(turn.Bot, frame.Flow, slot, text, turn.Language))
            {
                // "email: skip": the user skipped that optional question, so its ask is passed and the slot stays empty.
                (frame.Skipped ??= []).Add(slot);
                turn.Trace.Events.Add("slot_skipped:" + slot);
            }
            else if (Accept(turn, frame, slot, text) is { } problem) problems.Add($"slot '{slot}' {problem}");
        }
        if (problems.Count > 0) return new EventRejection(EventRejectionKind.BadEvent, string.Join("; ", problems));
        if (frame is not null)
        {
            turn.Trace.Events.Add("flow_started:" + frame.Flow);
            await flows.RunAsync(turn, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// A given value that skips an optional question: the flow has an ask with <c>optional: true</c> for the slot and the
    /// value is a word that skips it there ("skip", "none", "keine Angabe").
    /// </summary>
    internal static bool SkipsOptional(Runtime.CompiledBot bot, string flow, string slot, string text, string language) =>
        bot.Flows.TryGetValue(flow, out var compiled) && compiled.Definition.Steps.OfType<AskStep>().Any(a => a.Optional && a.Slot.Name == slot)
        && Lexicon.For(language).IsNoAnswer(text);

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
        return Accept(turn, frame, input.Slot.Name, text) is { } problem ? $"payload field '{field}' {problem}" : null;
    }

    // A value from outside the conversation (an event's field, a test's given value): valid for the slot's type, stored,
    // and within the slot's rules; why not, or null.
    private static string? Accept(TurnContext turn, FlowFrame? frame, string name, string text)
    {
        var slot = turn.Bot.FindSlot(frame?.Flow, name)!;
        var info = turn.Bot.SlotInfo(slot, turn.Language);
        // A file is never read from words: only a file of this turn (a test's given file) can fill a file slot.
        var canonical = text;
        var problem = "";
        if ((info.Kind != "file" && !SlotValueParser.TryParse(info, text, turn.UserParse, out canonical, out problem))
            || !SlotValues.TryAccept(info, canonical, turn, out var stored, out problem))
        {
            return $"is not a valid {turn.Bot.TypeOf(slot).Id}: {problem}";
        }
        turn.Set(frame, name, stored);
        return SlotRules.FirstFailing(turn, frame, name) is { } rule ? $"fails rule '{rule.Name}'" : null;
    }
}

/// <summary>A flow to start with slot values already given (slot name, value as the user would write it); no flow = bot-wide slots only.</summary>
internal sealed record GivenValues(string? Flow, IReadOnlyList<KeyValuePair<string, string>> Slots)
{
    /// <summary>Files given for file slots, which a value names as a message's attachments are named (<c>file:0</c>).</summary>
    public IReadOnlyList<InputFile> Files { get; init; } = [];
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
