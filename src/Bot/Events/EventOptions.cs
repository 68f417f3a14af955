using Chatbot.Bot.Configuration;

namespace Chatbot.Bot.Events;

/// <summary>Settings of <c>POST /api/events</c> (configuration section <c>Events</c>).</summary>
public sealed class EventOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// The shared key callers send in <c>X-Chatbot-Event-Key</c>. Unset (and no <see cref="Auth"/>) = the endpoint is
    /// off (answers 404), so a deployment never accepts events from anyone by accident. A secret: keep it in Key Vault.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// The Storage queue events travel through (<c>Events:Queue</c>): the Functions trigger reads it, and delayed events
    /// (reminders, expiry) are written to it. BotServer uses it only with <c>Queues:ConnectionString</c>.
    /// </summary>
    public string Queue { get; set; } = "chatbot-events";

    /// <summary>Entra ID bearer tokens as an alternative to the key (either passes when both are configured).</summary>
    public EventAuthOptions Auth { get; set; } = new();

    /// <summary>
    /// Events per authenticated caller (the key is one caller, each Entra client app another), per instance; over it
    /// the endpoint answers 429 with Retry-After. Default: bursts of 200, then 100 a second.
    /// </summary>
    public TokenBucketSettings RateLimit { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}

/// <summary>Entra ID (or any OpenID Connect issuer) for <c>POST /api/events</c> (section <c>Events:Auth</c>).</summary>
public sealed class EventAuthOptions
{
    /// <summary>
    /// The issuer's authority, e.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>; its
    /// <c>/.well-known/openid-configuration</c> names the issuer and the signing keys. Unset = no Entra ID.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for: the app id URI or client id of the bot's events API.</summary>
    public string? Audience { get; set; }

    /// <summary>Client app ids (<c>azp</c>, or <c>appid</c> in v1 tokens) allowed to post events.</summary>
    public string[] AllowedClientIds { get; set; } = [];

    /// <summary>App roles (<c>roles</c> claim) any of which lets a caller post events, e.g. <c>Events.Send</c>.</summary>
    public string[] AllowedRoles { get; set; } = [];

    /// <summary>
    /// Tenant ids (<c>tid</c>) whose tokens are accepted. Required when the authority serves every tenant
    /// (<c>common</c>, <c>organizations</c>): there another tenant's admin could give their own app an allowed role.
    /// When set, a single-tenant authority's tokens are checked against it too.
    /// </summary>
    public string[] AllowedTenants { get; set; } = [];

    /// <summary>True when tokens are checked: an authority and an audience are set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);
}
