using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Steps with <c>async: true</c>: an <c>http</c> step's call, or an <c>answer</c> step's generated answer. The turn that
/// reaches one marks the conversation as calling (<see cref="DialogState.Calling"/>), says the step's <c>wait</c>
/// response and schedules an immediate <c>chatbot.call</c> event; the host runs the slow part outside any turn
/// (<see cref="SlowStepCaller"/>) and runs its result as a <c>chatbot.continue</c> event with the same id, which applies
/// it (once) and goes on with the flow. Meanwhile every message gets the <c>still_working</c> response and changes nothing.
/// </summary>
internal static class SlowSteps
{
    public const string CallEvent = "chatbot.call";
    public const string ContinueEvent = "chatbot.continue";
    public const string StillWorkingResponse = "builtin.still_working";

    // Beyond the call's own time budget: the queue's pick-up latency (an idle Functions queue is polled once a minute).
    private static readonly TimeSpan QueueMargin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Hands the step to the queue: the flow waits at it like at a question. An <c>answer</c> step passes the passages
    /// that reached the threshold (indices, best first) and the user's words unless a slot holds the question.
    /// </summary>
    public static async Task DeferAsync(TurnContext turn, ReplyRenderer replies, DeferrableStep step, CancellationToken cancellationToken, string? question = null, List<int>? passages = null)
    {
        var id = $"call:{turn.State.Turn}";
        turn.State.Calling = new PendingCall
        {
            Id = id, Flow = turn.Top!.Flow, Step = step.Id, Until = turn.Now + Budget(turn, step) + QueueMargin,
            Question = question, Passages = passages, Language = passages is null ? null : turn.Language,
        };
        turn.Trace.Events.Add($"{step.Kind}_deferred:{step.Id}");
        if (step.Wait is { } wait) await replies.SayAsync(turn, wait.Name, false, cancellationToken);
        turn.Scheduled.Add(new ScheduledEvent(id, CallEvent, TimeSpan.Zero, Payload(id, null)));
    }

    // The longest the worker may take: every attempt of the call, or the model's time for a deferred answer.
    private static TimeSpan Budget(TurnContext turn, DeferrableStep step)
    {
        if (step is not HttpStep http) return AnswerStepRunner.DeferredTimeout;
        var service = turn.Bot.Definition.Services[http.Service.Name];
        return (http.Timeout ?? service.Timeout) * (1 + (http.Retry ?? service.Retry));
    }

    /// <summary>A message while the call runs: "still working" before its deadline; after it, the step takes its fallback and the flow goes on.</summary>
    public static async Task MessageWhileCallingAsync(TurnContext turn, PendingCall call, ReplyRenderer replies, FlowRunner flows, CancellationToken cancellationToken)
    {
        if (turn.Now < call.Until)
        {
            turn.Trace.Events.Add("pattern:still_working");
            await replies.SayAsync(turn, StillWorkingResponse, false, cancellationToken);
            return;
        }

        // The call never came back (its worker gave up or the message was poisoned): the step fails as if the
        // service (or model) had not answered — an http step's error path, an answer step's best passage.
        turn.Trace.Events.Add($"{turn.CurrentStep?.Kind ?? "call"}_lost:{call.Step}");
        turn.State.Calling = null;
        turn.Answered = new CallAnswer(call, ServiceResult.Failed("no answer in time"));
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
        turn.Answered = new CallAnswer(call, data.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? Read(r) : ServiceResult.Failed("no answer"));
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

/// <summary>A slow step's result brought into a turn: the call it answers, and the service's (or model's) answer.</summary>
internal sealed record CallAnswer(PendingCall Call, ServiceResult Result);
