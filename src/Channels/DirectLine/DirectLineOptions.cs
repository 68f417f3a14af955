using Chatbot.Channels.Activities;

namespace Chatbot.Channels.DirectLine;

/// <summary>Settings of the built-in Direct Line 3.0 endpoint (configuration section <c>DirectLine</c>, validated at start).</summary>
/// <remarks>
/// Feeds live in memory only: at most <see cref="MaxConversations"/> conversations holding <see cref="MaxTotalBytes"/>
/// together, each keeping its last <see cref="MaxActivitiesPerConversation"/> activities and
/// <see cref="MaxBytesPerConversation"/> bytes, dropped after <see cref="ConversationIdleTimeout"/> without use.
/// docs/security.md explains who can reach what and why each limit is there.
/// </remarks>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret that <c>POST tokens/generate</c> and <c>POST conversations</c> require as a bearer token.
    /// Null or empty = local mode: anyone who can reach the server may start a conversation.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Key (at least 32 characters) that signs conversation tokens. Null = derived from <see cref="Secret"/> when set,
    /// else a random key per process (tokens then do not survive a restart; the page starts a new conversation).
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a token is valid; <c>tokens/refresh</c> issues a new one for the same span. Default 30 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Activities kept per conversation; older ones are dropped from the feed. Default 500.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>Bytes of activity JSON kept per conversation; older activities are dropped first (the newest is always kept). Default 1 MB.</summary>
    public long MaxBytesPerConversation { get; set; } = 1024 * 1024;

    /// <summary>Bytes of activity JSON kept by all conversations together; beyond this conversations are dropped. Default 64 MB.</summary>
    public long MaxTotalBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most bytes of activities in one answer to a GET or one stream frame; the client asks again from the watermark. Default 256 KB.</summary>
    public long MaxPageBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Conversations kept in memory; beyond this one nobody wrote in, else the least recently used, is dropped (never one
    /// whose turn is running). Default 1000.
    /// </summary>
    public int MaxConversations { get; set; } = 1000;

    /// <summary>
    /// Conversations one client (IP address; an IPv6 /64) may hold when it started them without the secret (page tokens,
    /// or local mode); a new one beyond this replaces the client's own least recently used. Default 20.
    /// </summary>
    public int MaxConversationsPerClient { get; set; } = 20;

    /// <summary>
    /// Conversations one client (IP address; an IPv6 /64) may start per minute without the secret (page tokens, or local
    /// mode); more get 429. Bounds how fast one client can take new identities. Default 20.
    /// </summary>
    public int ConversationsPerClientPerMinute { get; set; } = 20;

    /// <summary>
    /// Activities one client (IP address; an IPv6 /64) may post per minute, checked before the body is read or echoed;
    /// more get 429. The bot's own per-user and per-conversation limits (<c>RateLimits:*</c>) apply after it. Default 60.
    /// </summary>
    public int PostsPerClientPerMinute { get; set; } = 60;

    /// <summary>Open WebSocket streams per conversation; a new one beyond this closes the oldest. Default 4.</summary>
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>A conversation nobody touched for this long is dropped. Default 2 hours.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest activity a client may post, in bytes (413 above; never more than <c>Limits:MaxBodyBytes</c>). Default 256 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest upload (<c>POST conversations/{id}/upload</c>, all parts together) in bytes; 413 above. The bytes are
    /// counted, not kept. Default 4 MB.
    /// </summary>
    public int MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame. Default 30 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the built-in Web Chat page's token endpoint (see <c>MapDirectLinePageToken</c>) issues tokens without the
    /// secret, each for a new conversation and a user id the server picks. Default true; set false when the server holds
    /// a secret and must not be reachable by anonymous pages.
    /// </summary>
    public bool EnablePageTokens { get; set; } = true;

    /// <summary>The bot's account in Direct Line activities (recipient of user activities). Default <c>bot</c>.</summary>
    public string BotId { get; set; } = "bot";

    /// <summary>The bot's display name. Default <c>Bot</c>.</summary>
    public string BotName { get; set; } = "Bot";

    /// <summary>The bot as the conversation's account (a new object each time: activities own their accounts).</summary>
    internal ChannelAccount BotAccount() => new() { Id = BotId, Name = BotName, Role = "bot" };
}
