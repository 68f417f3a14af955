using System.Diagnostics;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Wraps an <see cref="IUnderstanding"/> in an <c>understanding</c> span: which recognizer answered, the command kinds,
/// dropped values, LLM calls and tokens, and the recognizer's error. Never the text or slot values.
/// </summary>
/// <remarks>LLM metrics are counted once per turn by <see cref="TracingDialogEngine"/>, not here, to avoid double counting.</remarks>
public sealed class TracingUnderstanding(IUnderstanding inner, ChatbotTelemetry telemetry) : IUnderstanding
{
    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = ChatbotTelemetry.Source.StartActivity(TelemetryNames.Spans.Understanding);
        if (span is { IsAllDataRequested: true } && telemetry.Options.CaptureContent)
        {
            span.SetTag(TelemetryTags.MessageText, request.Text);
        }

        UnderstandingResult result;
        try
        {
            result = await inner.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ChatbotTelemetry.MarkFailed(span, ex);
            telemetry.RecordError("understanding", ex);
            throw;
        }

        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.UnderstandingPath, result.Path);
            span.SetTag(TelemetryTags.Commands, result.Commands.Select(CommandName).ToArray());
            span.SetTag(TelemetryTags.DroppedCount, result.Dropped.Count);
            if (result.LlmCalls > 0)
            {
                span.SetTag(TelemetryTags.LlmCalls, result.LlmCalls);
                span.SetTag(TelemetryTags.InputTokens, result.TokensIn);
                span.SetTag(TelemetryTags.OutputTokens, result.TokensOut);
            }

            if (result.Error is { } error)
            {
                // The recognizer fell back (timeout, 429, bad output): the turn goes on, so the span is not failed.
                span.SetTag(TelemetryTags.UnderstandingError, error);
            }
        }

        if (result.Error is not null)
        {
            telemetry.Errors.Add(1, new TagList { { TelemetryTags.Component, "understanding" }, { TelemetryTags.ErrorType, "fallback" } });
        }

        return result;
    }

    // Kinds and target names only (start_flow:order, set_slot:size); slot values may be personal data.
    private static string CommandName(Command command) => command switch
    {
        StartFlowCommand start => $"start_flow:{start.Flow}",
        SetSlotCommand set => $"set_slot:{set.Slot}",
        _ => command.Kind.ToString(),
    };
}
