namespace Chatbot.Channels.DirectLine;

/// <summary>Settings of the built-in Direct Line 3.0 endpoint (configuration section <c>DirectLine</c>, validated at start).</summary>
/// <remarks>
/// Feeds live in memory only: at most <see cref="MaxConversations"/> conversations, each keeping its last
/// <see cref="MaxActivitiesPerConversation"/> activities, dropped after <see cref="ConversationIdleTimeout"/> without use.
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

    /// <summary>Conversations kept in memory; beyond this the least recently used is dropped. Default 1000.</summary>
    public int MaxConversations { get; set; } = 1000;

    /// <summary>A conversation nobody touched for this long is dropped. Default 2 hours.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest activity a client may post, in bytes (413 above). Default 256 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame. Default 30 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the built-in Web Chat page's token endpoint (see <c>MapDirectLinePageToken</c>) issues tokens without the
    /// secret. Default true; set false when the server holds a secret and must not be reachable by anonymous pages.
    /// </summary>
    public bool EnablePageTokens { get; set; } = true;

    /// <summary>The bot's account in Direct Line activities (recipient of user activities). Default <c>bot</c>.</summary>
    public string BotId { get; set; } = "bot";

    /// <summary>The bot's display name. Default <c>Bot</c>.</summary>
    public string BotName { get; set; } = "Bot";
}
