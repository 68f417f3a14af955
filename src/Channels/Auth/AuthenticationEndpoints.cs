namespace Chatbot.Channels.Auth;

/// <summary>
/// The effective endpoints after defaults: each setting falls back independently to its cloud default, so overriding one
/// (e.g. a local metadata URL in tests) never drops the others (the JS SDK's trap).
/// </summary>
internal sealed record AuthenticationEndpoints(
    string AppType,
    string? AppId,
    string? AppPassword,
    string? TenantId,
    bool IsGovernment,
    string ChannelOpenIdMetadataUrl,
    string EmulatorOpenIdMetadataUrl,
    string ChannelTokenIssuer,
    string LoginUrl,
    bool LoginUrlOverridden,
    string OAuthScope,
    IReadOnlySet<string> EmulatorIssuers)
{
    // Entra tenants whose tokens the Emulator sends (public cloud), v1 and v2 issuer forms.
    private static readonly string[] PublicEmulatorTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];
    private const string GovernmentEmulatorTenant = "cab8a31a-1906-4287-a0d8-4eef66b95f6e";

    public bool HasAppId => !string.IsNullOrWhiteSpace(AppId);

    public string CallerId => IsGovernment ? BotAuthenticationDefaults.GovernmentAzureCallerId : BotAuthenticationDefaults.PublicAzureCallerId;

    /// <summary>The scope requested for outbound tokens: the resource plus <c>/.default</c>.</summary>
    public string TokenScope => OAuthScope.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? OAuthScope : OAuthScope.TrimEnd('/') + "/.default";

    public static AuthenticationEndpoints From(BotAuthenticationOptions o)
    {
        var gov = string.Equals(o.ChannelService?.Trim().TrimEnd('/'), BotAuthenticationDefaults.GovernmentChannelService, StringComparison.OrdinalIgnoreCase);
        var appType = Normalise(o.MicrosoftAppType) ?? BotAuthenticationDefaults.MultiTenant;
        var tenant = Normalise(o.MicrosoftAppTenantId);
        var loginOverride = Normalise(o.ToChannelFromBotLoginUrl)?.TrimEnd('/');

        string login;
        if (loginOverride is not null)
        {
            login = loginOverride;
        }
        else if (string.Equals(appType, BotAuthenticationDefaults.SingleTenant, StringComparison.OrdinalIgnoreCase) && tenant is not null)
        {
            login = (gov ? BotAuthenticationDefaults.Government.LoginHost : BotAuthenticationDefaults.Public.LoginHost) + "/" + tenant;
        }
        else
        {
            login = gov ? BotAuthenticationDefaults.Government.ToChannelFromBotLoginUrl : BotAuthenticationDefaults.Public.ToChannelFromBotLoginUrl;
        }

        var issuers = new HashSet<string>(StringComparer.Ordinal);
        if (gov)
        {
            issuers.Add($"https://sts.windows.net/{GovernmentEmulatorTenant}/");
            issuers.Add($"https://login.microsoftonline.us/{GovernmentEmulatorTenant}/v2.0");
        }
        else
        {
            foreach (var t in PublicEmulatorTenants)
            {
                issuers.Add($"https://sts.windows.net/{t}/");
                issuers.Add($"https://login.microsoftonline.com/{t}/v2.0");
            }
        }

        // A single-tenant bot also accepts Emulator tokens issued by its own tenant.
        if (tenant is not null)
        {
            issuers.Add($"https://sts.windows.net/{tenant}/");
            issuers.Add((gov ? BotAuthenticationDefaults.Government.LoginHost : BotAuthenticationDefaults.Public.LoginHost) + $"/{tenant}/v2.0");
        }

        return new AuthenticationEndpoints(
            appType,
            Normalise(o.MicrosoftAppId),
            Normalise(o.MicrosoftAppPassword),
            tenant,
            gov,
            Normalise(o.ToBotFromChannelOpenIdMetadataUrl) ?? (gov ? BotAuthenticationDefaults.Government.ToBotFromChannelOpenIdMetadataUrl : BotAuthenticationDefaults.Public.ToBotFromChannelOpenIdMetadataUrl),
            Normalise(o.ToBotFromEmulatorOpenIdMetadataUrl) ?? (gov ? BotAuthenticationDefaults.Government.ToBotFromEmulatorOpenIdMetadataUrl : BotAuthenticationDefaults.Public.ToBotFromEmulatorOpenIdMetadataUrl),
            Normalise(o.ToBotFromChannelTokenIssuer) ?? (gov ? BotAuthenticationDefaults.Government.ToBotFromChannelTokenIssuer : BotAuthenticationDefaults.Public.ToBotFromChannelTokenIssuer),
            login,
            loginOverride is not null,
            Normalise(o.ToChannelFromBotOAuthScope) ?? (gov ? BotAuthenticationDefaults.Government.ToChannelFromBotOAuthScope : BotAuthenticationDefaults.Public.ToChannelFromBotOAuthScope),
            issuers);
    }

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
