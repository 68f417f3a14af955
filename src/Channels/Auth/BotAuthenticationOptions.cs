namespace Chatbot.Channels.Auth;

/// <summary>
/// Bot Framework identity and authentication endpoints, bound from the configuration root with the names users of the
/// Microsoft SDK already know. Null or empty means "the default for the selected cloud"; each setting falls back on its own.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary><c>MultiTenant</c> (default), <c>SingleTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's app id (or the managed identity's client id). Empty = local mode: no auth in or out.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret for MultiTenant and SingleTenant bots.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The bot's Entra tenant; required for SingleTenant.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata whose JWKS signs tokens from Azure Bot Service channels.</summary>
    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }

    /// <summary>OpenID metadata whose JWKS signs Emulator (Entra) tokens.</summary>
    public string? ToBotFromEmulatorOpenIdMetadataUrl { get; set; }

    /// <summary>The <c>iss</c> of channel tokens.</summary>
    public string? ToBotFromChannelTokenIssuer { get; set; }

    /// <summary>The authority the bot gets its outbound token from; when set, tokens come from <c>{url}/oauth2/v2.0/token</c> without discovery.</summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>The resource of outbound tokens (<c>/.default</c> is appended).</summary>
    public string? ToChannelFromBotOAuthScope { get; set; }

    /// <summary>Empty for the public cloud; <c>https://botframework.azure.us</c> selects US Government defaults.</summary>
    public string? ChannelService { get; set; }
}
