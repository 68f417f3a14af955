using System.Diagnostics;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Wraps an <see cref="IDialogEngine"/> in a <c>dialog.turn</c> span: flow/step, understanding path, commands
/// accepted/rejected and LLM usage from the turn's <see cref="TurnTrace"/>; counts dialog turns, LLM calls and tokens.
/// </summary>
internal sealed class TracingDialogEngine(IDialogEngine inner, ChatbotTelemetry telemetry) : IDialogEngine
{
    /// <inheritdoc />
    public async ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = ChatbotTelemetry.Source.StartActivity(TelemetryNames.Spans.DialogTurn);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.TurnKind, input.Kind == TurnKind.Message ? "message" : "conversation_start");
            if (telemetry.Options.CaptureContent && input.Text is { } text)
            {
                span.SetTag(TelemetryTags.MessageText, text);
            }
        }

        TurnOutcome outcome;
        try
        {
            outcome = await inner.RunTurnAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ChatbotTelemetry.MarkFailed(span, ex);
            telemetry.RecordError("dialog", ex);
            throw;
        }

        var trace = outcome.Trace;
        if (span is { IsAllDataRequested: true })
        {
            Describe(span, outcome, trace);
        }

        Count(trace);
        return outcome;
    }

    private void Describe(Activity span, TurnOutcome outcome, TurnTrace trace)
    {
        span.SetTag(TelemetryTags.Flow, trace.FlowId);
        span.SetTag(TelemetryTags.Step, trace.StepId);
        span.SetTag(TelemetryTags.UnderstandingPath, trace.Path);
        span.SetTag(TelemetryTags.CommandsAccepted, trace.CommandsAccepted.ToArray());
        span.SetTag(TelemetryTags.CommandsRejected, trace.CommandsRejected.ToArray());
        span.SetTag(TelemetryTags.ReplyCount, outcome.Replies.Count);
        span.SetTag(TelemetryTags.StateChanged, outcome.StateChanged);
        if (trace.LlmCalls > 0)
        {
            span.SetTag(TelemetryTags.LlmCalls, trace.LlmCalls);
            span.SetTag(TelemetryTags.InputTokens, trace.TokensIn);
            span.SetTag(TelemetryTags.OutputTokens, trace.TokensOut);
        }

        if (trace.UnderstandingLatency > TimeSpan.Zero)
        {
            span.SetTag(TelemetryTags.UnderstandingLatencyMs, trace.UnderstandingLatency.TotalMilliseconds);
        }

        // Engine events (e.g. "slot size filled", "flow order ended") are names, not user text.
        foreach (var name in trace.Events)
        {
            span.AddEvent(new ActivityEvent(name));
        }

        if (telemetry.Options.CaptureContent)
        {
            foreach (var reply in outcome.Replies)
            {
                span.AddEvent(new ActivityEvent("reply", tags: new ActivityTagsCollection
                {
                    [TelemetryTags.ResponseId] = reply.ResponseId,
                    [TelemetryTags.MessageText] = reply.Text,
                }));
            }
        }
    }

    private void Count(TurnTrace trace)
    {
        telemetry.DialogTurns.Add(1, new KeyValuePair<string, object?>(TelemetryTags.UnderstandingPath, trace.Path));
        if (trace.LlmCalls > 0)
        {
            telemetry.LlmCalls.Add(trace.LlmCalls, new KeyValuePair<string, object?>(TelemetryTags.Component, "dialog"));
        }

        if (trace.TokensIn > 0)
        {
            telemetry.LlmTokens.Add(trace.TokensIn, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "input"));
        }

        if (trace.TokensOut > 0)
        {
            telemetry.LlmTokens.Add(trace.TokensOut, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "output"));
        }
    }
}
