using System.Text.Json;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// The HTTP edge of <c>POST /api/messages</c>: checks method, content type, size and JSON; authenticates; runs the
/// turn pipeline; and turns every outcome, including failures, into a clear status code with a short reason.
/// </summary>
internal sealed partial class ActivityEndpoint(
    IRequestAuthenticator authenticator,
    ITurnHandler pipeline,
    IOptions<LimitsOptions> limits,
    ILogger<ActivityEndpoint> logger) : IActivityEndpoint
{
    private readonly LimitsOptions _limits = limits.Value;

    public async Task HandleAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var cancellationToken = httpContext.RequestAborted;
        try
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                httpContext.Response.Headers.Allow = "POST";
                await WriteErrorAsync(httpContext, 405, "Only POST is allowed here.").ConfigureAwait(false);
                return;
            }

            var read = await ActivityReader.ReadAsync(request, _limits, cancellationToken).ConfigureAwait(false);
            if (read.Activity is not { } activity)
            {
                LogRejected(logger, read.StatusCode, read.Reason);
                await WriteErrorAsync(httpContext, read.StatusCode, read.Reason!).ConfigureAwait(false);
                return;
            }

            // Never trust a callerId from the wire; authentication sets the real one.
            activity.CallerId = null;
            var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, cancellationToken).ConfigureAwait(false);
            if (!auth.Succeeded)
            {
                LogUnauthorized(logger, auth.FailureReason);
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteErrorAsync(httpContext, 401, auth.FailureReason ?? "Unauthorized.").ConfigureAwait(false);
                return;
            }

            activity.CallerId = auth.CallerId;
            var turn = new TurnContext(activity, auth);
            using var scope = logger.BeginScope(new TurnLogScope(activity.ChannelId, activity.Conversation?.Id, activity.Id, activity.Type));
            var result = await pipeline.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            await WriteResultAsync(httpContext, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (body size, malformed framing) surface here while reading.
            await WriteErrorAsync(httpContext, ex.StatusCode, "The request could not be read.").ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex);
            httpContext.Response.Headers.RetryAfter = "5";
            await WriteErrorAsync(httpContext, 503, "State storage is unavailable; retry.").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, ex);
            await WriteErrorAsync(httpContext, 500, "The bot could not process this activity.").ConfigureAwait(false);
        }
    }

    private static async Task WriteResultAsync(HttpContext httpContext, TurnResult result)
    {
        var response = httpContext.Response;
        if (result.InvokeResponse is { } invoke)
        {
            response.StatusCode = invoke.Status is >= 200 and < 600 ? invoke.Status : 200;
            if (invoke.Body is { } body && body.ValueKind != JsonValueKind.Undefined)
            {
                response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(response.Body, body, ActivitySerializer.Options.GetTypeInfo(typeof(JsonElement)), httpContext.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        if (result.StatusCode is >= 200 and < 300)
        {
            response.StatusCode = result.StatusCode;
            return;
        }

        await WriteErrorAsync(httpContext, result.StatusCode, result.Reason ?? "The activity was not processed.").ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext httpContext, int status, string reason)
    {
        var response = httpContext.Response;
        if (response.HasStarted) return Task.CompletedTask;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(reason, httpContext.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected activity with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated activity: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State storage unavailable; answered 503 so the channel retries")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure while processing an activity")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

/// <summary>The per-turn logging scope: where the turn belongs, never what the user said.</summary>
internal sealed class TurnLogScope(string? channelId, string? conversationId, string? activityId, string? activityType)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items =
    [
        new("ChannelId", channelId),
        new("ConversationId", conversationId),
        new("ActivityId", activityId),
        new("ActivityType", activityType),
    ];

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"{_items[3].Value} {_items[2].Value} in {_items[1].Value}";
}
