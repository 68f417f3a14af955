using System.Threading.RateLimiting;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.RateLimiting;

/// <summary>
/// Limits messages per conversation and per user. It runs before any per-activity work that costs more than parsing
/// (mention cleanup, state, dialogs), so a flood costs little. A message over the limit gets a polite notice straight
/// away (best effort, nothing stored) and never reaches the dialogs; other conversations are unaffected.
/// </summary>
internal sealed partial class RateLimitTurnHandler(
    ITurnHandler inner,
    MessageRateLimiter limiter,
    ReplySender sender,
    IOptions<RateLimitOptions> options,
    ILogger<RateLimitTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    private readonly RateLimitOptions _options = options.Value;

    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || turn.Route != ActivityRoute.Message)
        {
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        using var lease = limiter.AttemptAcquire(turn);
        if (lease.IsAcquired)
        {
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        LogLimited(logger, turn.Activity.ChannelId);
        // Not part of any committed turn, so nothing to deliver again: one attempt, failures only logged by the sender.
        await sender.SendAsync(turn.Activity, [new Reply { ResponseId = "rate_limited", Text = _options.Message }], 0, null, cancellationToken).ConfigureAwait(false);
        return TurnResult.Ok with { Reason = "rate limited" };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message on channel {ChannelId} over the rate limit; answered without running the dialogs")]
    private static partial void LogLimited(ILogger logger, string? channelId);
}

/// <summary>One token bucket per conversation and one per user, chained; idle buckets are dropped (bounded memory).</summary>
internal sealed class MessageRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<TurnContext> _limiter;
    private readonly PartitionedRateLimiter<TurnContext> _byConversation;
    private readonly PartitionedRateLimiter<TurnContext> _byUser;

    public MessageRateLimiter(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        // The partitioned limiter replenishes buckets from its own timer and removes ones that stayed full (idle) for a while.
        _byConversation = PartitionedRateLimiter.Create<TurnContext, string>(t =>
            RateLimitPartition.GetTokenBucketLimiter("c:" + t.ConversationKey, _ => Settings(o.Conversation)));
        _byUser = PartitionedRateLimiter.Create<TurnContext, string>(t =>
            RateLimitPartition.GetTokenBucketLimiter("u:" + t.Activity.ChannelId + "/" + t.Activity.From?.Id, _ => Settings(o.User)));
        _limiter = PartitionedRateLimiter.CreateChained(_byConversation, _byUser);
    }

    public RateLimitLease AttemptAcquire(TurnContext turn) => _limiter.AttemptAcquire(turn);

    public void Dispose()
    {
        _limiter.Dispose();
        _byConversation.Dispose();
        _byUser.Dispose();
    }

    private static TokenBucketRateLimiterOptions Settings(TokenBucketSettings s) => new()
    {
        TokenLimit = s.TokenLimit,
        TokensPerPeriod = s.TokensPerPeriod,
        ReplenishmentPeriod = s.ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}
