using Chatbot.Bot.Pipeline;
using Chatbot.Storage;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// The outermost turn wrapper: opens the root <c>chatbot.turn</c> span around the whole pipeline (so storage, dialog
/// and Connector spans are its children), records the HTTP status the host will answer, redeliveries and the turn's
/// storage cost, and counts turns and their duration.
/// </summary>
public sealed class TracingTurnHandler(ITurnHandler inner, ChatbotTelemetry telemetry) : DelegatingTurnHandler(inner)
{
    /// <inheritdoc />
    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var scope = telemetry.StartTurn(turn.Activity);
        try
        {
            var result = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            var status = result.InvokeResponse?.Status ?? result.StatusCode;
            if (scope.Span is { IsAllDataRequested: true } span)
            {
                span.SetTag(TelemetryTags.Duplicate, result.Duplicate);
                span.SetTag(TelemetryTags.OutcomeReason, result.Reason);
                Describe(span, turn.Storage);
            }

            scope.Complete(status);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            scope.Cancelled();
            throw;
        }
        catch (Exception ex)
        {
            if (scope.Span is { } span)
            {
                Describe(span, turn.Storage);
            }

            // The host answers 503 for an unavailable store (the channel retries) and 500 for anything else.
            scope.Fail(ex, ex is StoreUnavailableException ? 503 : 500);
            throw;
        }
    }

    private static void Describe(System.Diagnostics.Activity span, StorageCounters storage)
    {
        span.SetTag(TelemetryTags.StorageReads, storage.Reads);
        span.SetTag(TelemetryTags.StorageWrites, storage.Writes);
        span.SetTag(TelemetryTags.StorageConflicts, storage.Conflicts);
        span.SetTag(TelemetryTags.StorageBytesWritten, storage.BytesWritten);
    }
}
