using System.Security.Cryptography;
using System.Text;
using Chatbot.Channels.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Bot.Events;

/// <summary>
/// Who posted an event: the shared key (<c>X-Chatbot-Event-Key</c>, compared in constant time) or an Entra ID bearer
/// token (issuer and signing keys from the authority's OpenID metadata, audience, lifetime, and an allowed client app
/// id or role). Either passes when both are configured. The caller's name partitions the rate limit.
/// </summary>
internal sealed partial class EventCallerAuthenticator
{
    /// <summary>The named HttpClient that fetches the authority's metadata and keys.</summary>
    public const string HttpClientName = "Chatbot.Events.Auth";

    /// <summary>The header that carries the shared key.</summary>
    public const string KeyHeader = "X-Chatbot-Event-Key";

    private const int MaxTokenLength = BearerTokenRules.MaxTokenLength;

    private readonly byte[]? _keyHash;
    private readonly EventAuthOptions _auth;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    // Made at the first token, not with the authenticator: an instance that never sees one (local mode, the file store)
    // then never loads the IdentityModel assemblies before its first reply (bench/RESULTS.md, issue 19 session 8).
    private JsonWebTokenHandler? _handler;

    // Two turns racing here may each make one; either is fine (the handler keeps no per-token state).
    private JsonWebTokenHandler Handler => _handler ??= new() { MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly ILogger _logger;

    public EventCallerAuthenticator(IOptions<EventOptions> options, IHttpClientFactory httpClients, ILogger<EventCallerAuthenticator> logger)
    {
        var value = options.Value;
        _keyHash = value.Key is { Length: > 0 } key ? Hash(key) : null;
        _auth = value.Auth;
        _logger = logger;
        if (_auth.Enabled)
        {
            var metadataUrl = _auth.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                metadataUrl, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = true });
        }
    }

    /// <summary>True when some way in is configured; otherwise the endpoint is off.</summary>
    public bool Enabled => _keyHash is not null || _metadata is not null;

    /// <summary>The <c>WWW-Authenticate</c> values of a 401: each configured way in.</summary>
    public string[] Challenges =>
        [.. new[] { _keyHash is null ? null : KeyHeader, _metadata is null ? null : $"Bearer realm=\"events\", audience=\"{_auth.Audience}\"" }.OfType<string>()];

    /// <summary>What a 401 says: how to authenticate here.</summary>
    public string Instructions =>
        (_keyHash is not null, _metadata is not null) switch
        {
            (true, true) => $"Send the event key in the {KeyHeader} header or an Entra ID bearer token.",
            (true, false) => $"Send the event key in the {KeyHeader} header.",
            _ => "Send an Entra ID bearer token for the events audience.",
        };

    /// <summary>The caller's name (<c>key</c> or <c>app:&lt;client id&gt;</c>), or null when neither way passes.</summary>
    public async Task<string?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = request.Headers[KeyHeader].ToString();
        if (_keyHash is not null && presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(presented), _keyHash))
        {
            return "key";
        }

        var authorization = request.Headers.Authorization.ToString();
        if (_metadata is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var (client, failure) = await ValidateAsync(authorization["Bearer ".Length..].Trim(), cancellationToken).ConfigureAwait(false);
            if (client is not null) return "app:" + client;
            LogTokenRejected(_logger, failure!);
            return null;
        }

        LogUnauthorized(_logger);
        return null;
    }

    private async Task<(string? Client, string? Failure)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > MaxTokenLength) return (null, "empty or oversized token");
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return (null, "malformed token");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // The authority is unreachable and nothing is cached: nobody can be verified now.
            return (null, "the authority's metadata is unavailable: " + ex.Message);
        }

        var result = await Handler.ValidateTokenAsync(jwt, Parameters(configuration)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys may have rolled over since the metadata was cached: fetch once more (the manager rate-limits refreshes).
            _metadata!.RequestRefresh();
            configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await Handler.ValidateTokenAsync(jwt, Parameters(configuration)).ConfigureAwait(false);
        }

        if (!result.IsValid) return (null, result.Exception?.GetType().Name ?? "invalid token");
        if (!jwt.TryGetPayloadValue<object>("exp", out _)) return (null, "token has no expiry");

        // A multi-tenant authority vouches for every tenant's tokens: only the listed tenants may post (a tenant's admin
        // can give their own app any role name, Events.Send included).
        var tenant = jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if ((_auth.AllowedTenants.Length > 0 || configuration.Issuer.Contains("{tenantid}", StringComparison.Ordinal))
            && !_auth.AllowedTenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
        {
            return (null, $"tenant {tenant ?? "(none)"} is not allowed (Events:Auth:AllowedTenants)");
        }

        var client = jwt.TryGetPayloadValue<string>("azp", out var azp) && azp.Length > 0 ? azp
            : jwt.TryGetPayloadValue<string>("appid", out var appId) && appId.Length > 0 ? appId
            : null;
        if (client is null) return (null, "token names no client app (azp/appid)");
        var roles = jwt.TryGetPayloadValue<string[]>("roles", out var r) ? r : [];
        var allowed = _auth.AllowedClientIds.Contains(client, StringComparer.OrdinalIgnoreCase)
            || roles.Any(role => _auth.AllowedRoles.Contains(role, StringComparer.Ordinal));
        return allowed ? (client, null) : (null, $"client app {client} is not allowed (Events:Auth:AllowedClientIds / AllowedRoles)");
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidateIssuer = true,
        // Entra's common metadata names the issuer with a {tenantid} placeholder: the token's tid fills it in.
        IssuerValidator = (issuer, token, _) =>
        {
            var expected = configuration.Issuer;
            if (expected.Contains("{tenantid}", StringComparison.Ordinal) && token is JsonWebToken j && j.TryGetPayloadValue<string>("tid", out var tid))
            {
                expected = expected.Replace("{tenantid}", tid, StringComparison.Ordinal);
            }

            return string.Equals(issuer, expected, StringComparison.Ordinal) ? issuer : throw new SecurityTokenInvalidIssuerException("invalid issuer");
        },
        ValidateAudience = true,
        ValidAudience = _auth.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = BearerTokenRules.ClockSkew,
        RequireSignedTokens = true,
        ValidAlgorithms = BearerTokenRules.AllowedAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,
    };

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: missing or wrong key, no bearer token")]
    private static partial void LogUnauthorized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: bearer token rejected ({Reason})")]
    private static partial void LogTokenRejected(ILogger logger, string reason);
}
