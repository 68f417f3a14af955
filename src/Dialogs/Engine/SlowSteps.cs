using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// <c>http</c> steps with <c>async: true</c>. The turn that reaches one marks the conversation as calling
/// (<see cref="DialogState.Calling"/>), says the step's <c>wait</c> response and schedules an immediate
/// <c>chatbot.call</c> event; the host makes the call outside any turn (<see cref="SlowStepCaller"/>) and runs the answer
/// as a <c>chatbot.continue</c> event with the same id, which applies it (once) and goes on with the flow. Meanwhile
/// every message gets the <c>still_working</c> response and changes nothing.
/// </summary>
internal static class SlowSteps
{
    public const string CallEvent = "chatbot.call";
    public const string ContinueEvent = "chatbot.continue";
    public const string StillWorkingResponse = "builtin.still_working";

    // Beyond the call's own time budget: the queue's pick-up latency (an idle Functions queue is polled once a minute).
    private static readonly TimeSpan QueueMargin = TimeSpan.FromMinutes(2);

    /// <summary>Hands the step to the queue: the flow waits at it like at a question.</summary>
    public static async Task DeferAsync(TurnContext turn, ReplyRenderer replies, HttpStep http, CancellationToken cancellationToken)
    {
        var service = turn.Bot.Definition.Services[http.Service.Name];
        var attempts = 1 + (http.Retry ?? service.Retry);
        var id = $"call:{turn.State.Turn}";
        turn.State.Calling = new PendingCall
        {
            Id = id, Flow = turn.Top!.Flow, Step = http.Id, Until = turn.Now + (http.Timeout ?? service.Timeout) * attempts + QueueMargin,
        };
        turn.Trace.Events.Add("http_deferred:" + http.Id);
        if (http.Wait is { } wait) await replies.SayAsync(turn, wait.Name, false, cancellationToken);
        turn.Scheduled.Add(new ScheduledEvent(id, CallEvent, TimeSpan.Zero, Payload(id, null)));
    }

    /// <summary>A message while the call runs: "still working" before its deadline; after it, the step fails and the flow goes on.</summary>
    public static async Task MessageWhileCallingAsync(TurnContext turn, PendingCall call, ReplyRenderer replies, FlowRunner flows, CancellationToken cancellationToken)
    {
        if (turn.Now < call.Until)
        {
            turn.Trace.Events.Add("pattern:still_working");
            await replies.SayAsync(turn, StillWorkingResponse, false, cancellationToken);
            return;
        }

        // The call never came back (its worker gave up or the message was poisoned): take the step's error path.
        turn.Trace.Events.Add("http_lost:" + call.Step);
        turn.State.Calling = null;
        turn.CallResult = ServiceResult.Failed("no answer in time");
        await flows.RunAsync(turn, cancellationToken);
    }

    /// <summary>A <c>chatbot.continue</c> event: true when it answers the call the conversation waits for (the result is then set for the step).</summary>
    public static bool TryResume(TurnContext turn, JsonElement? payload)
    {
        if (turn.State.Calling is not { } call || payload is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("id", out var id) || id.GetString() != call.Id
            || turn.Top is not { } top || top.Flow != call.Flow || top.Step != call.Step)
        {
            return false;
        }

        turn.State.Calling = null;
        turn.CallResult = data.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? Read(r) : ServiceResult.Failed("no answer");
        return true;
    }

    /// <summary>The payload of the call and continue events: the call's id, and the service's answer once there is one.</summary>
    public static JsonElement Payload(string id, ServiceResult? result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            if (result is not null)
            {
                writer.WriteStartObject("result");
                writer.WriteBoolean("success", result.Success);
                if (result.StatusCode is { } status) writer.WriteNumber("status", status);
                if (result.Error is { } error) writer.WriteString("error", error);
                if (result.Body is { } body)
                {
                    writer.WritePropertyName("body");
                    body.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static ServiceResult Read(JsonElement result) => new(
        result.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True,
        result.TryGetProperty("body", out var b) ? b.Clone() : null,
        result.TryGetProperty("status", out var st) && st.TryGetInt32(out var code) ? code : null,
        result.TryGetProperty("error", out var e) ? e.GetString() : null);
}
