using System.Diagnostics;
using Chatbot.Channels.Connector;
using BotActivity = Chatbot.Channels.Activities.Activity;
using ResourceResponse = Chatbot.Channels.Activities.ResourceResponse;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Wraps an <see cref="IConnectorClient"/>: a span per send/update/delete with the outcome, the HTTP status of a
/// failure, and the number of retries (counted from <c>retry</c> events that a retrying client below adds to the span).
/// </summary>
internal sealed class TracingConnectorClient(IConnectorClient inner, ChatbotTelemetry telemetry) : IConnectorClient
{
    /// <inheritdoc />
    public Task<ResourceResponse> SendAsync(BotActivity activity, CancellationToken cancellationToken) =>
        TraceAsync(TelemetryNames.Spans.ConnectorSend, "send", activity, static (inner, activity, cancellationToken) => inner.SendAsync(activity!, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<ResourceResponse> UpdateAsync(BotActivity activity, CancellationToken cancellationToken) =>
        TraceAsync(TelemetryNames.Spans.ConnectorUpdate, "update", activity, static (inner, activity, cancellationToken) => inner.UpdateAsync(activity!, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        TraceAsync<object?>(TelemetryNames.Spans.ConnectorDelete, "delete", activity: null, async (inner, _, cancellationToken) =>
        {
            await inner.DeleteAsync(serviceUrl, conversationId, activityId, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    // The call as a static lambda of the inner client and the activity where it can be: no closure per send (issue 19).
    private async Task<T> TraceAsync<T>(string spanName, string operation, BotActivity? activity, Func<IConnectorClient, BotActivity?, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var span = ChatbotTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.ConnectorOperation, operation);
            span.SetTag(TelemetryTags.ConnectorActivityType, activity?.Type);
            if (telemetry.Options.CaptureContent && activity?.Text is { } text)
            {
                span.SetTag(TelemetryTags.MessageText, text);
            }
        }

        try
        {
            var result = await call(inner, activity, cancellationToken).ConfigureAwait(false);
            Finish(span, operation, "ok");
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var status = ex switch
            {
                ConnectorException c => c.StatusCode,
                HttpRequestException h => h.StatusCode,
                _ => null,
            };
            if (status is { } code)
            {
                span?.SetTag(TelemetryTags.HttpStatusCode, (int)code);
            }

            ChatbotTelemetry.MarkFailed(span, ex);
            telemetry.RecordError("connector", ex);
            Finish(span, operation, "error");
            throw;
        }
    }

    private void Finish(Activity? span, string operation, string outcome)
    {
        var retries = CountRetries(span);
        span?.SetTag(TelemetryTags.ConnectorRetries, retries);
        if (retries > 0)
        {
            telemetry.ConnectorRetries.Add(retries, new KeyValuePair<string, object?>(TelemetryTags.ConnectorOperation, operation));
        }

        telemetry.ConnectorOperations.Add(1, new TagList { { TelemetryTags.ConnectorOperation, operation }, { TelemetryTags.Outcome, outcome } });
    }

    private static int CountRetries(Activity? span)
    {
        if (span is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var e in span.Events)
        {
            if (e.Name == TelemetryNames.Spans.RetryEvent)
            {
                count++;
            }
        }

        return count;
    }
}
