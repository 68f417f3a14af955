using System.Globalization;
using System.Text.Json;
using Chatbot.Bot.Middleware.Failures;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// The HTTP edge of <c>POST /api/messages</c>: method, then Channels' <see cref="ActivityReader"/> (content type, size,
/// JSON, limits), authentication, the service-URL allow-list, the turn pipeline, and the <see cref="TurnResult"/> written as the HTTP answer.
/// </summary>
internal sealed partial class ActivityEndpoint(
    IRequestAuthenticator authenticator,
    ITurnHandler pipeline,
    IOptions<LimitsOptions> limits,
    ILogger<ActivityEndpoint> logger,
    IServiceUrlAllowList? serviceUrls = null) : IActivityEndpoint
{
    // The key cache tries the issuer again at most every 10 s after a failed fetch; a redelivery sooner meets the same failure.
    private static readonly TimeSpan IssuerRetryAfter = TimeSpan.FromSeconds(10);

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
                await WriteAsync(httpContext, TurnResult.Reject(405, "Only POST is allowed here.")).ConfigureAwait(false);
                return;
            }

            var read = await ActivityReader.ReadAsync(request, _limits, ActivityOrigin.Channel, cancellationToken).ConfigureAwait(false);
            if (read.Activity is not { } activity)
            {
                LogRejected(logger, read.Rejection!.StatusCode, read.Rejection.Reason);
                await WriteAsync(httpContext, read.Rejection).ConfigureAwait(false);
                return;
            }

            // Never trust a callerId from the wire; authentication sets the real one.
            activity.CallerId = null;
            var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, cancellationToken).ConfigureAwait(false);
            if (auth is { Succeeded: false, CouldNotVerify: true })
            {
                // The issuer's keys could not be fetched (a cold cache): a 401 would make the channel drop the message.
                LogUnverifiable(logger, auth.FailureReason);
                await WriteAsync(httpContext, TurnResult.Unavailable($"The token could not be checked ({auth.FailureReason}); retry.", IssuerRetryAfter)).ConfigureAwait(false);
                return;
            }

            if (!auth.Succeeded)
            {
                LogUnauthorized(logger, auth.FailureReason);
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteAsync(httpContext, TurnResult.Reject(401, auth.FailureReason ?? "Unauthorized.")).ConfigureAwait(false);
                return;
            }

            // After authentication (a channel's token names its serviceUrl) and before the turn: replies to a serviceUrl
            // the Connector will never call cannot be delivered, and a retry cannot change that; nothing runs or is stored.
            if (activity.ServiceUrl is { } serviceUrl && serviceUrls?.Refusal(serviceUrl) is { } refused)
            {
                var rejection = TurnResult.Reject(400, $"The activity's serviceUrl is not one this bot answers to: {refused}");
                LogRejected(logger, rejection.StatusCode, rejection.Reason);
                await WriteAsync(httpContext, rejection).ConfigureAwait(false);
                return;
            }

            activity.CallerId = auth.CallerId;
            var result = await pipeline.HandleAsync(new TurnContext(activity, auth), cancellationToken).ConfigureAwait(false);
            await WriteAsync(httpContext, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            // Outside the pipeline (e.g. the authenticator could not reach its key set): the same mapping as inside it.
            await WriteAsync(httpContext, FailureTurnHandler.ToResult(ex, logger)).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a result: the invoke body as JSON, a bare 2xx, or the status with its short reason as text.</summary>
    internal static async Task WriteAsync(HttpContext httpContext, TurnResult result)
    {
        var response = httpContext.Response;
        if (response.HasStarted) return;
        response.StatusCode = result.HttpStatus;
        if (result.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (result.InvokeResponse is { } invoke)
        {
            if (invoke.Body is { ValueKind: not JsonValueKind.Undefined } body)
            {
                response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(response.Body, body, ActivitySerializer.Options.GetTypeInfo(typeof(JsonElement)), httpContext.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        if (result.IsSuccess)
        {
            return;
        }

        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(result.Reason ?? "The activity was not processed.", httpContext.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected activity with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the activity's token: {Reason}; answered 503 so the channel retries")]
    private static partial void LogUnverifiable(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated activity: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? reason);
}
