namespace Chatbot.Bot.Configuration;

/// <summary>Per-conversation and per-user turn limits (configuration section <c>RateLimits</c>).</summary>
/// <remarks>Token buckets: each holds <c>TokenLimit</c> messages and regains <c>TokensPerPeriod</c> every <c>ReplenishmentPeriod</c>.</remarks>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>False turns rate limiting off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Limit for all users of one conversation together.</summary>
    public TokenBucketSettings Conversation { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromSeconds(10) };

    /// <summary>Limit for one user across all conversations of a channel.</summary>
    public TokenBucketSettings User { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Most buckets (conversations plus users) kept in memory; idle ones are forgotten first, and while this many are in
    /// use, new conversations and users share one overflow bucket each. Default 50,000 (a few MB at most).
    /// </summary>
    public int MaxPartitions { get; set; } = 50_000;

    /// <summary>
    /// What the bot answers to a message over the limit, in every language; null (the default) = the dialogs'
    /// <c>rate_limited</c> pattern in the user's language.
    /// </summary>
    public string? Message { get; set; }
}

/// <summary>One token bucket's size and refill rate.</summary>
public sealed class TokenBucketSettings
{
    public int TokenLimit { get; set; }
    public int TokensPerPeriod { get; set; }
    public TimeSpan ReplenishmentPeriod { get; set; }
}
