using System.Text.Json;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The dialogs' side of the Bot Framework's handoff protocol. A handoff reply carries what an agent hub needs to take
/// over (<see cref="HandoffContext"/>; the host sends it as a <c>handoff.initiate</c> event). The hub answers with
/// <c>handoff.status</c> events: <c>accepted</c> (a person has the conversation: the bot stays silent, as the user now
/// talks to that person), <c>failed</c> (nobody took it: the bot says so and goes on answering) and <c>completed</c>
/// (the person gave it back: the bot answers again).
/// </summary>
internal static class Handoffs
{
    /// <summary>The event an agent hub sends about a handoff, with <c>value.state</c> accepted, failed or completed.</summary>
    public const string StatusEvent = "handoff.status";

    /// <summary>
    /// How long the bot stays silent after an accepted handoff with no word from the hub that it is over: a hub that
    /// never sends <c>completed</c> (a crash, a lost event) must not leave the user talking to nobody for good.
    /// </summary>
    public static readonly TimeSpan AgentHold = TimeSpan.FromHours(8);

    /// <summary>
    /// Whether a person has the conversation now, so the bot does not answer the user's message. A hold older than
    /// <see cref="AgentHold"/> is ended first (the hub's <c>completed</c> never came), so this is the one place that expires it.
    /// </summary>
    public static bool HoldsConversation(TurnContext turn)
    {
        EndExpiredHold(turn);
        return turn.State.AgentSince is not null;
    }

    private static void EndExpiredHold(TurnContext turn)
    {
        if (turn.State.AgentSince is not { } since || turn.Now - since < AgentHold) return;
        turn.State.AgentSince = null;
        turn.State.HandedOff = false;
        turn.Trace.Events.Add("handoff_expired");
    }

    /// <summary>What goes to the person, read before the flows end: the running task, what the user gave for it, the last lines.</summary>
    public static HandoffContext Context(TurnContext turn)
    {
        var roles = FlowRoles.Of(turn);
        var flow = roles.Flow;
        var values = new TemplateValues(turn, roles);
        return new HandoffContext(flow, values.Label(flow), values.Given(flow), [.. turn.State.History]);
    }

    /// <summary>Applies a <c>handoff.status</c> event; returns why it was refused (an unknown or missing state), or null.</summary>
    public static async Task<EventRejection?> StatusAsync(TurnContext turn, JsonElement? payload, ReplyRenderer replies, CancellationToken cancellationToken)
    {
        var status = payload is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String
            ? state.GetString()?.Trim().ToLowerInvariant()
            : null;
        var patterns = turn.Bot.Definition.Patterns;
        switch (status)
        {
            case "accepted":
                // Also when the hub took the conversation on its own (no handoff of ours before): it has it now.
                turn.State.HandedOff = true;
                turn.State.AgentSince = turn.Now;
                turn.Trace.Events.Add("handoff_accepted");
                return null;
            case "failed" or "completed":
                // A status about a handoff that is over already (sent twice, or after the hold ran out) changes nothing and says nothing.
                var open = turn.State.HandedOff || turn.State.AgentSince is not null;
                turn.State.HandedOff = false;
                turn.State.AgentSince = null;
                turn.Trace.Events.Add("handoff_" + status);
                if (open)
                {
                    turn.Trace.Events.Add("pattern:handoff_" + status);
                    await replies.SayAsync(turn, (status == "failed" ? patterns.HandoffFailed : patterns.HandoffCompleted).Name, expectsInput: false, cancellationToken);
                }
                return null;
            default:
                return new EventRejection(EventRejectionKind.BadEvent, "handoff.status needs a value with a state of 'accepted', 'failed' or 'completed'");
        }
    }
}
