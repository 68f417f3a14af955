using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Skips a model endpoint that keeps failing, so a dead or hanging model does not cost every turn its whole budget:
/// after <see cref="UnderstandingOptions.BreakerFailures"/> failures in a row (timeout, 5xx, unreachable, 401, 403, 404,
/// and a 200 whose answer is unusable: not a completion, not JSON, commands of the wrong shape, empty, cut off) — or at
/// once for a 429 whose Retry-After is too long to wait — understanding and phrasing answer without the model (local
/// recognizer, template text) for <see cref="UnderstandingOptions.BreakerCooldown"/> (or the Retry-After, at most five
/// minutes); then one call tries the model again. A refusal or content filter is about the user's words, not the
/// endpoint, and does not count: a few abusive messages must not switch the model off for everyone. One per chat
/// client; thread-safe.
/// </summary>
public sealed partial class LlmCircuitBreaker
{
    private static readonly TimeSpan MaxRetryAfterPause = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly int _failuresToOpen;
    private readonly TimeSpan _cooldown;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _failures;
    private DateTimeOffset? _pausedUntil;
    private DateTimeOffset? _probeSince;

    /// <summary>Creates the breaker from <paramref name="options"/>' <c>BreakerFailures</c> (0 = never skip) and <c>BreakerCooldown</c>.</summary>
    public LlmCircuitBreaker(UnderstandingOptions? options = null, TimeProvider? timeProvider = null, ILogger<LlmCircuitBreaker>? logger = null)
    {
        options ??= new UnderstandingOptions();
        options.Validate();
        _failuresToOpen = options.BreakerFailures;
        _cooldown = options.BreakerCooldown;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// True when the fault kind counts toward skipping the model: the endpoint failed, or answered 200 with something
    /// unusable (a deployment that answers garbage to every turn costs every turn a call for nothing).
    /// </summary>
    public static bool CountsAsFailure(string fault) =>
        fault is "timeout" or "server_error" or "unavailable" or "rate_limited" or "http_401" or "http_403" or "http_404" or "http_408"
            or "malformed_output" or "empty_output" or "truncated_output" or "client_error";

    /// <summary>False while the model is skipped: answer without it. True = call it (after a pause: one call at a time tries it again).</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_pausedUntil is not { } until)
            {
                return true;
            }

            var now = _timeProvider.GetUtcNow();
            // One trial call after the pause; if it never reports back (its caller gave up), another may try a pause later.
            if (now < until || (_probeSince is { } since && now - since < _cooldown))
            {
                return false;
            }

            _probeSince = now;
            return true;
        }
    }

    /// <summary>The model answered: it is used again.</summary>
    public void Succeeded()
    {
        bool wasPaused;
        lock (_gate)
        {
            wasPaused = _pausedUntil is not null;
            _failures = 0;
            _pausedUntil = null;
            _probeSince = null;
        }

        if (wasPaused)
        {
            LogResumed(_logger);
        }
    }

    /// <summary>A call failed with <paramref name="fault"/>; <paramref name="retryAfter"/> is a 429's wait the caller could not afford.</summary>
    public void Failed(string fault, TimeSpan? retryAfter = null)
    {
        if (_failuresToOpen == 0 || !CountsAsFailure(fault))
        {
            return;
        }

        TimeSpan pause;
        int failures;
        lock (_gate)
        {
            var wasPaused = _pausedUntil is not null;
            if (wasPaused && _probeSince is null)
            {
                return; // a call that began before the pause: the pause stands, and was logged
            }

            failures = ++_failures;
            _probeSince = null;
            var longWait = retryAfter is { } wait && wait > TimeSpan.Zero;
            if (!wasPaused && !longWait && failures < _failuresToOpen)
            {
                return;
            }

            pause = longWait ? (retryAfter!.Value < MaxRetryAfterPause ? retryAfter.Value : MaxRetryAfterPause) : _cooldown;
            _pausedUntil = _timeProvider.GetUtcNow() + pause;
        }

        LogPaused(_logger, failures, fault, pause.TotalSeconds);
    }

    [LoggerMessage(EventId = 4115, Level = LogLevel.Warning, Message = "The model endpoint failed {Failures} time(s) in a row (last: {Fault}); it is skipped for {Seconds:F0} s: the local recognizer understands and replies keep their template text")]
    private static partial void LogPaused(ILogger logger, int failures, string fault, double seconds);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Information, Message = "The model endpoint answers again; understanding and phrasing use it")]
    private static partial void LogResumed(ILogger logger);
}
