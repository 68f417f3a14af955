namespace Chatbot.Channels.Auth;

/// <summary>Public-cloud and US Government endpoint defaults of the Bot Framework protocol, and names shared with hosts.</summary>
internal static class BotAuthenticationDefaults
{
    /// <summary>Name of the <see cref="System.Net.Http.IHttpClientFactory"/> client used for metadata, keys and tokens (hosts/tests may configure its handler).</summary>
    public const string HttpClientName = "Chatbot.Auth";

    /// <summary>Values of <c>MicrosoftAppType</c>.</summary>
    public const string MultiTenant = "MultiTenant";

    /// <summary>Single-tenant app registration (needs <c>MicrosoftAppTenantId</c>).</summary>
    public const string SingleTenant = "SingleTenant";

    /// <summary>User-assigned managed identity; <c>MicrosoftAppId</c> is its client id.</summary>
    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary><c>ChannelService</c> value selecting the US Government cloud.</summary>
    public const string GovernmentChannelService = "https://botframework.azure.us";

    /// <summary>Trusted caller id stamped on activities from public Azure channels.</summary>
    public const string PublicAzureCallerId = "urn:botframework:azure";

    /// <summary>Trusted caller id stamped on activities from US Government channels.</summary>
    public const string GovernmentAzureCallerId = "urn:botframework:azureusgov";

    /// <summary>Public cloud endpoints.</summary>
    public static class Public
    {
        /// <summary>OpenID metadata of channel tokens.</summary>
        public const string ToBotFromChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
        /// <summary>OpenID metadata of Emulator tokens.</summary>
        public const string ToBotFromEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";
        /// <summary>Issuer of channel tokens.</summary>
        public const string ToBotFromChannelTokenIssuer = "https://api.botframework.com";
        /// <summary>Authority of outbound multi-tenant tokens.</summary>
        public const string ToChannelFromBotLoginUrl = "https://login.microsoftonline.com/botframework.com";
        /// <summary>Authority host of single-tenant tokens (the tenant id is appended).</summary>
        public const string LoginHost = "https://login.microsoftonline.com";
        /// <summary>Resource of outbound tokens.</summary>
        public const string ToChannelFromBotOAuthScope = "https://api.botframework.com";
    }

    /// <summary>US Government cloud endpoints (selected by <c>ChannelService</c>).</summary>
    public static class Government
    {
        /// <summary>OpenID metadata of channel tokens.</summary>
        public const string ToBotFromChannelOpenIdMetadataUrl = "https://login.botframework.azure.us/v1/.well-known/openidconfiguration";
        /// <summary>OpenID metadata of Emulator tokens.</summary>
        public const string ToBotFromEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration";
        /// <summary>Issuer of channel tokens.</summary>
        public const string ToBotFromChannelTokenIssuer = "https://api.botframework.us";
        /// <summary>Authority of outbound multi-tenant tokens.</summary>
        public const string ToChannelFromBotLoginUrl = "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us";
        /// <summary>Authority host of single-tenant tokens (the tenant id is appended).</summary>
        public const string LoginHost = "https://login.microsoftonline.us";
        /// <summary>Resource of outbound tokens.</summary>
        public const string ToChannelFromBotOAuthScope = "https://api.botframework.us";
    }
}
