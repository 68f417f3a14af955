using System.Diagnostics;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// The one telemetry wrapper of understanding: an <c>understanding</c> span (which recognizer answered, the command
/// kinds, dropped values, LLM calls and tokens, the recognizer's error), the <c>chatbot.understanding.duration</c>
/// histogram, and one log line per call. Never the text or slot values.
/// </summary>
/// <remarks>LLM calls and tokens are counted once per turn by <see cref="TracingDialogEngine"/>, not here, to avoid double counting.</remarks>
internal sealed partial class TracingUnderstanding(IUnderstanding inner, ChatbotTelemetry telemetry, ILogger<TracingUnderstanding>? logger = null) : IUnderstanding
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = ChatbotTelemetry.Source.StartActivity(TelemetryNames.Spans.Understanding);
        if (span is { IsAllDataRequested: true } && telemetry.Options.CaptureContent)
        {
            span.SetTag(TelemetryTags.MessageText, request.Text);
        }

        var start = telemetry.Now();
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

        var elapsed = telemetry.SecondsSince(start);
        var commands = result.Commands.Select(CommandName).ToArray();
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.UnderstandingPath, result.Path);
            span.SetTag(TelemetryTags.Commands, commands);
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

        telemetry.UnderstandingDuration.Record(elapsed, new KeyValuePair<string, object?>(TelemetryTags.UnderstandingPath, result.Path));
        if (result.Error is not null)
        {
            telemetry.Errors.Add(1, new TagList { { TelemetryTags.Component, "understanding" }, { TelemetryTags.ErrorType, "fallback" } });
        }

        LogUnderstood(_logger, result.Path, elapsed * 1000, result.LlmCalls, result.TokensIn, result.TokensOut, string.Join(",", commands), result.Dropped.Count, result.Error);
        return result;
    }

    // Kinds and target names only (start_flow:order, set_slot:size); slot values may be personal data.
    private static string CommandName(Command command) => command switch
    {
        StartFlowCommand start => $"start_flow:{start.Flow}",
        SetSlotCommand set => $"set_slot:{set.Slot}",
        _ => command.Kind.ToString(),
    };

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Understood via {Path} in {ElapsedMs:F0} ms: llm calls {LlmCalls}, tokens {TokensIn}/{TokensOut}, commands [{Commands}], dropped {Dropped}, error {Error}")]
    private static partial void LogUnderstood(ILogger logger, string path, double elapsedMs, int llmCalls, int tokensIn, int tokensOut, string commands, int dropped, string? error);
}
