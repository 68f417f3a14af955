using System.Security.Cryptography;
using System.Text;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.RateLimiting;

/// <summary>
/// Limits turns per conversation and per user: messages, welcomes (a conversation update can trigger one) and invokes.
/// It runs before any per-activity work that costs more than parsing (mention cleanup, state, dialogs), so a flood
/// costs little. A message over the limit gets a polite notice straight away (best effort, nothing stored) and never
/// reaches the dialogs; a welcome is skipped; an invoke gets 429. Other conversations are unaffected.
/// </summary>
internal sealed partial class RateLimitTurnHandler(
    ITurnHandler inner,
    MessageRateLimiter limiter,
    ReplySender sender,
    HostNoticeTexts notices,
    IOptions<RateLimitOptions> options,
    ILogger<RateLimitTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    private readonly RateLimitOptions _options = options.Value;

    // Allowed (nearly every turn): the inner handler's task itself, no state machine of this stage (issue 19).
    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        !_options.Enabled || turn.Route is ActivityRoute.None or ActivityRoute.Event || limiter.TryAcquire(turn)
            ? Inner.HandleAsync(turn, cancellationToken)
            : RefuseAsync(turn, cancellationToken);

    private async Task<TurnResult> RefuseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        LogLimited(logger, turn.Route, turn.Activity.ChannelId);
        switch (turn.Route)
        {
            // A hub's handoff.status too: only the agent hub's channel gets this far (HubEventTurnHandler runs first), so a
            // notice would reach a user who sent nothing; the hub reads the 429 and sends its status again.
            case ActivityRoute.Invoke or ActivityRoute.HandoffStatus:
                return new TurnResult(429, "Too many requests; try again shortly.") { RetryAfter = TimeSpan.FromSeconds(10) };
            case ActivityRoute.ConversationStart:
                return TurnResult.Ok with { Reason = "rate limited" };
            default:
                // Not part of any committed turn, so nothing to deliver again: one attempt, failures only logged by the sender.
                // The dialogs' rate_limited text in the user's language, unless the operator set one text for all.
                var notice = _options.Message is { } message
                    ? new Reply { ResponseId = "rate_limited", Text = message }
                    : notices.For(HostNotice.RateLimited, turn.Activity.Locale);
                await sender.SendNoticeAsync(turn.Activity, notice, cancellationToken).ConfigureAwait(false);
                return TurnResult.Ok with { Reason = "rate limited" };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Route} on channel {ChannelId} over the rate limit; answered without running the dialogs")]
    private static partial void LogLimited(ILogger logger, ActivityRoute route, string? channelId);
}

/// <summary>
/// One token bucket per conversation and one per user; a turn takes a token from both or from neither. Bounded in
/// memory whatever the ids look like: keys longer than 64 characters are replaced by their hash, and at most
/// <see cref="RateLimitOptions.MaxPartitions"/> buckets are kept. Idle (full) buckets are forgotten first; while that
/// many are busy, newcomers share one overflow bucket per kind, so a flood of fresh ids slows down only newcomers.
/// </summary>
internal sealed class MessageRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    internal const int MaxKeyLength = 64;
    private const string ConversationOverflow = "c:*";
    private const string UserOverflow = "u:*";

    private readonly RateLimitOptions _options = options.Value;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _lastSweep;

    /// <summary>Buckets held now (for tests and diagnostics).</summary>
    internal int PartitionCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>The longest key held (for tests: ids never make keys longer than <see cref="MaxKeyLength"/>).</summary>
    internal int LongestKey
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
            }
        }
    }

    public bool TryAcquire(TurnContext turn)
    {
        var conversationKey = Bound("c:" + turn.ConversationKey);
        var userKey = Bound("u:" + turn.Activity.ChannelId + "/" + turn.Activity.From?.Id);
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var conversation = Get(conversationKey, ConversationOverflow, _options.Conversation, now);
            var user = Get(userKey, UserOverflow, _options.User, now);
            if (!conversation.HasToken(now, time) || !user.HasToken(now, time))
            {
                return false;
            }

            conversation.Take();
            user.Take();
            return true;
        }
    }

    // Ids are the sender's to choose (a 120 KB from.id cost ~10 KB per bucket): long ones become a fixed-size hash.
    private static string Bound(string key) =>
        key.Length <= MaxKeyLength
            ? key
            : string.Concat(key.AsSpan(0, 2), "#", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    private Bucket Get(string key, string overflow, TokenBucketSettings settings, long now)
    {
        if (_buckets.TryGetValue(key, out var bucket))
        {
            return bucket;
        }

        if (_buckets.Count >= _options.MaxPartitions)
        {
            Sweep(now);
        }

        if (_buckets.Count >= _options.MaxPartitions)
        {
            if (!_buckets.TryGetValue(overflow, out bucket))
            {
                // The one entry allowed over the cap per kind.
                bucket = _buckets[overflow] = new Bucket(settings, now);
            }

            return bucket;
        }

        return _buckets[key] = new Bucket(settings, now);
    }

    // Forgets buckets that are full again (an absent bucket starts full, so nothing changes for their owners). At most
    // once a second: under a flood the scan would otherwise run for every turn.
    private void Sweep(long now)
    {
        if (time.GetElapsedTime(_lastSweep, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull(now, time))
            {
                _buckets.Remove(key);
            }
        }
    }

    // TokenLimit tokens, TokensPerPeriod regained every ReplenishmentPeriod (continuously, in fractions).
    private sealed class Bucket(TokenBucketSettings settings, long now)
    {
        private double _tokens = settings.TokenLimit;
        private long _updated = now;

        public bool HasToken(long now, TimeProvider time)
        {
            Refill(now, time);
            return _tokens >= 1;
        }

        public void Take() => _tokens--;

        public bool IsFull(long now, TimeProvider time)
        {
            Refill(now, time);
            return _tokens >= settings.TokenLimit;
        }

        private void Refill(long now, TimeProvider time)
        {
            var periods = time.GetElapsedTime(_updated, now) / settings.ReplenishmentPeriod;
            _tokens = Math.Min(settings.TokenLimit, _tokens + (periods * settings.TokensPerPeriod));
            _updated = now;
        }
    }
}
