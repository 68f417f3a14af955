using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// <c>remind_after</c> on an ask and <c>expire_after</c> on a flow, as delayed events to this conversation. After a turn
/// that leaves the bot waiting, the turn schedules them stamped with the state's turn counter; when one arrives it applies
/// only if no turn ran since (the counter is unchanged) and the conversation still waits where it waited, else it does
/// nothing. Timer turns themselves leave the counter alone, so a reminder does not cancel a later expiry.
/// </summary>
internal static class FlowTimers
{
    /// <summary>The reminder's event name: a dot, which author event names cannot contain, keeps it apart from theirs.</summary>
    public const string RemindEvent = "chatbot.remind";

    /// <summary>The expiry's event name.</summary>
    public const string ExpireEvent = "chatbot.expire";

    public const string RemindResponse = "builtin.remind";
    public const string ExpiredResponse = "builtin.expired";

    public static bool IsTimer(string? name) => name is RemindEvent or ExpireEvent;

    /// <summary>What to schedule after a turn that ran (message, welcome, event): at most one reminder and one expiry.</summary>
    public static IReadOnlyList<ScheduledEvent> Schedule(TurnContext turn)
    {
        var state = turn.State;
        if (state.Stack.Count == 0) return [];
        var scheduled = new List<ScheduledEvent>(2);
        if (state.Pending is null && turn.CurrentStep is AskStep { RemindAfter: { } remind } ask)
        {
            scheduled.Add(new ScheduledEvent($"remind:{state.Turn}", RemindEvent, remind, Payload(state.Turn, turn.Top!.Flow, ask.Id)));
        }

        // The shortest expiry among the open flows decides: silence that long ends them all.
        var expiring = state.Stack
            .Select(f => turn.Bot.Flows.GetValueOrDefault(f.Flow)?.Definition)
            .Where(f => f?.ExpireAfter is not null)
            .MinBy(f => f!.ExpireAfter);
        if (expiring is not null)
        {
            scheduled.Add(new ScheduledEvent($"expire:{state.Turn}", ExpireEvent, expiring.ExpireAfter!.Value, Payload(state.Turn, expiring.Id, null)));
        }
        return scheduled;
    }

    /// <summary>
    /// Runs a timer event against the state: true when it applied (a reminder said, or the flows cleared with the expiry
    /// response), false when it is stale and must change nothing.
    /// </summary>
    public static bool Run(TurnContext turn, string name, JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("turn", out var t) || !t.TryGetInt32(out var stamped) || stamped != turn.State.Turn
            || !data.TryGetProperty("flow", out var f) || f.GetString() is not { } flow)
        {
            return false;
        }

        if (name == RemindEvent)
        {
            var step = data.TryGetProperty("step", out var s) ? s.GetString() : null;
            if (turn.State.Pending is not null || turn.Top is not { } top || top.Flow != flow || top.Step != step
                || turn.CurrentStep is not AskStep ask)
            {
                return false;
            }
            turn.Trace.Events.Add("reminded:" + step);
            // The question still stands, so the reminder expects the answer as the question did.
            turn.Replies.Add(ReplyRenderer.Render(turn, ask.Remind?.Name ?? RemindResponse, expectsInput: true));
            return true;
        }

        var index = turn.State.Stack.FindIndex(x => x.Flow == flow);
        if (index < 0) return false;
        var definition = turn.Bot.Flows.GetValueOrDefault(flow)?.Definition;
        // Rendered with the flow on top, so the response can name what expired ({{ order_id }}).
        while (turn.State.Stack.Count > index + 1) turn.State.Stack.RemoveAt(turn.State.Stack.Count - 1);
        var reply = ReplyRenderer.Render(turn, definition?.OnExpire?.Name ?? ExpiredResponse, expectsInput: false);
        turn.State.Stack.Clear();
        turn.State.Pending = null;
        turn.State.Calling = null;
        turn.Trace.Events.Add("flow_expired:" + flow);
        turn.Replies.Add(reply);
        return true;
    }

    private static JsonElement Payload(int turnNumber, string flow, string? step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("turn", turnNumber);
            writer.WriteString("flow", flow);
            if (step is not null) writer.WriteString("step", step);
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }
}
