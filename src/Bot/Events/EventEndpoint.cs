using System.Threading.RateLimiting;
using Chatbot.Bot.Hosting;
using Chatbot.Bot.Middleware.Failures;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Events;

/// <summary>
/// The HTTP edge of <c>POST /api/events</c>: off without <c>Events:Key</c> or <c>Events:Auth</c> (404), the caller
/// (key or Entra ID token, 401), the caller's rate limit (429), the JSON body (415, 413), then
/// <see cref="IEventIngress"/>: 202 once the event's turn has committed and its replies went out, or the ingress's
/// refusal (400, 404, 409, 503) with its reason.
/// </summary>
internal sealed partial class EventEndpoint : IEventEndpoint, IDisposable
{
    /// <summary>The header that carries the shared key.</summary>
    public const string KeyHeader = EventCallerAuthenticator.KeyHeader;

    private static readonly TurnResult Accepted = new(202);
    private readonly IEventIngress _ingress;
    private readonly EventCallerAuthenticator _callers;
    private readonly LimitsOptions _limits;
    private readonly ILogger _logger;

    // Partitions are authenticated callers only (the key, or an allowed client app), so their number stays small.
    private readonly PartitionedRateLimiter<string> _rateLimiter;

    public EventEndpoint(IEventIngress ingress, EventCallerAuthenticator callers, IOptions<EventOptions> options, IOptions<LimitsOptions> limits, ILogger<EventEndpoint> logger)
    {
        _ingress = ingress;
        _callers = callers;
        _limits = limits.Value;
        _logger = logger;
        var bucket = options.Value.RateLimit;
        _rateLimiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.TokenLimit,
            TokensPerPeriod = bucket.TokensPerPeriod,
            ReplenishmentPeriod = bucket.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async Task HandleAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        try
        {
            var result = await RunAsync(httpContext, cancellationToken).ConfigureAwait(false);
            if (result.StatusCode == 401) httpContext.Response.Headers.WWWAuthenticate = _callers.Challenges;
            await ActivityEndpoint.WriteAsync(httpContext, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            await ActivityEndpoint.WriteAsync(httpContext, FailureTurnHandler.ToResult(ex, _logger)).ConfigureAwait(false);
        }
    }

    private async Task<TurnResult> RunAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        if (!_callers.Enabled)
        {
            // Off unless configured: without a way to tell callers apart anyone could make the bot write to its users.
            return TurnResult.Reject(404, "Events are not enabled (set Events:Key or Events:Auth:Authority and Events:Auth:Audience).");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            httpContext.Response.Headers.Allow = "POST";
            return TurnResult.Reject(405, "Only POST is allowed here.");
        }

        if (await _callers.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false) is not { } caller)
        {
            return TurnResult.Reject(401, _callers.Instructions);
        }

        using var lease = _rateLimiter.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            LogLimited(_logger, caller);
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            return new TurnResult(429, "Too many events from this caller; retry after the time in Retry-After.") { RetryAfter = retryAfter };
        }

        var (body, rejection) = await JsonRequestBody.ReadAsync(request, _limits.MaxBodyBytes, "event", cancellationToken).ConfigureAwait(false);
        if (rejection is not null) return rejection;
        // Timers and slow-step continuations come only from the bot's own queue: a posted chatbot.continue could hand a
        // waiting conversation a result its service never sent.
        if (EventIngress.Parse(body.Span, _limits.MaxJsonDepth) is { Name: { } name } && BotEvent.IsReserved(name))
        {
            return TurnResult.Reject(400, $"The event name '{name}' is reserved for the bot's own events.");
        }
        var result = await _ingress.RunAsync(body, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? Accepted : result;
    }

    public void Dispose() => _rateLimiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: caller {Caller} is over Events:RateLimit")]
    private static partial void LogLimited(ILogger logger, string caller);
}
