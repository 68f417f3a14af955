using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// The outermost turn wrapper: opens the root <c>chatbot.turn</c> span around the whole pipeline (so storage, dialog
/// and Connector spans are its children), records the HTTP status the caller is answered with and whether the
/// activity was a redelivery, and counts turns and their duration.
/// </summary>
internal sealed class TracingTurnHandler(ITurnHandler inner, ChatbotTelemetry telemetry) : DelegatingTurnHandler(inner)
{
    /// <inheritdoc />
    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var scope = telemetry.StartTurn(turn.Activity);
        TurnResult result;
        try
        {
            result = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            scope.Cancelled();
            throw;
        }
        catch (Exception ex)
        {
            // Only when nothing inside turned the failure into a result (the pipeline's failure wrapper normally does).
            scope.Fail(ex);
            throw;
        }

        if (scope.Span is { IsAllDataRequested: true } span)
        {
            span.SetTag(TelemetryTags.Duplicate, turn.IsRedelivery);
            span.SetTag(TelemetryTags.OutcomeReason, result.Reason);
        }

        if (turn.Failure is { } failure)
        {
            scope.Fail(failure, result.HttpStatus);
        }
        else
        {
            scope.Complete(result.HttpStatus);
        }

        return result;
    }
}
