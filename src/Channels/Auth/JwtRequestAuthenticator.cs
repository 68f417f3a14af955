using Chatbot.Channels.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Channels.Auth;

/// <summary>
/// Validates Bot Framework bearer tokens: Azure channel tokens (issuer, audience, RS256/384/512, lifetime with 5 minutes of
/// skew, <c>serviceurl</c>, key endorsements) and Emulator tokens (Entra v1/v2). With no app id, requests without a token are
/// accepted as anonymous (local Emulator mode) but a present token is still rejected. Never throws for bad tokens.
/// </summary>
internal sealed class JwtRequestAuthenticator : IRequestAuthenticator
{
    private const int MaxTokenLength = BearerTokenRules.MaxTokenLength;
    private static readonly TimeSpan ClockSkew = BearerTokenRules.ClockSkew;
    private static readonly IReadOnlyList<string> AllowedAlgorithms = BearerTokenRules.AllowedAlgorithms;
    private static readonly Task<AuthenticationResult> AnonymousResult = Task.FromResult(AuthenticationResult.Anonymous);

    private readonly AuthenticationEndpoints _endpoints;
    private readonly OpenIdKeyCache _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Made at the first token, not with the authenticator: an instance that never sees one (local mode, the file store)
    // then never loads the IdentityModel assemblies before its first reply (bench/RESULTS.md, issue 19 session 8).
    private JsonWebTokenHandler? _handler;

    // Two turns racing here may each make one; either is fine (the handler keeps no per-token state).
    private JsonWebTokenHandler Handler => _handler ??= new() { MaximumTokenSizeInBytes = MaxTokenLength };

    /// <summary>Creates the authenticator; metadata and keys are fetched with the <see cref="BotAuthenticationDefaults.HttpClientName"/> client.</summary>
    public JwtRequestAuthenticator(IOptions<BotAuthenticationOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<JwtRequestAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoints = AuthenticationEndpoints.From(options.Value);
        _time = timeProvider;
        _logger = logger;
        _keys = new OpenIdKeyCache(httpClientFactory, timeProvider, logger);
    }

    /// <inheritdoc />
    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = await ValidateAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            AuthLog.Rejected(_logger, ForLog(activity.ChannelId), result.FailureReason ?? "invalid token");
        }

        return result;
    }

    // Not async, and no IdentityModel type in it: the checks that need no token library answer here, so an instance that
    // never sees a token (local mode) never loads the IdentityModel assemblies; an async method's state machine would load
    // them with its first call, whichever branch runs (bench/RESULTS.md, issue 19 session 24).
    private Task<AuthenticationResult> ValidateAsync(string? header, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return _endpoints.HasAppId ? Task.FromResult(AuthenticationResult.Fail("missing Authorization header")) : AnonymousResult;
        }

        if (!_endpoints.HasAppId)
        {
            return Task.FromResult(AuthenticationResult.Fail("a token was sent but no MicrosoftAppId is configured, so no audience can match"));
        }

        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticationResult.Fail("Authorization header is not a Bearer token"));
        }

        var token = header[Scheme.Length..].Trim();
        if (token.Length == 0)
        {
            return Task.FromResult(AuthenticationResult.Fail("empty bearer token"));
        }

        if (token.Length > MaxTokenLength)
        {
            return Task.FromResult(AuthenticationResult.Fail("token too large"));
        }

        return ValidateTokenAsync(token, activity, cancellationToken);
    }

    private async Task<AuthenticationResult> ValidateTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return AuthenticationResult.Fail("malformed token");
        }

        if (jwt.IsEncrypted)
        {
            return AuthenticationResult.Fail("malformed token");
        }

        // Which issuer minted it decides the rules and the key set; anything else is rejected before any key fetch.
        var issuer = jwt.Issuer;
        bool isEmulator;
        if (_endpoints.EmulatorIssuers.Contains(issuer))
        {
            isEmulator = true;
        }
        else if (string.Equals(issuer, _endpoints.ChannelTokenIssuer, StringComparison.Ordinal))
        {
            isEmulator = false;
        }
        else
        {
            return AuthenticationResult.Fail("invalid issuer");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg))
        {
            return AuthenticationResult.Fail("unsupported signing algorithm");
        }

        // The kid names the key; a header with only the certificate thumbprint (x5t) names it that way instead, and the
        // key it names is held to the same rules (endorsements included) as one found by its kid.
        KeyReference reference;
        if (!string.IsNullOrEmpty(jwt.Kid))
        {
            reference = new KeyReference(jwt.Kid, IsThumbprint: false);
        }
        else if (!string.IsNullOrEmpty(jwt.X5t))
        {
            reference = new KeyReference(jwt.X5t, IsThumbprint: true);
        }
        else
        {
            return AuthenticationResult.Fail("token has no key id");
        }

        var metadataUrl = isEmulator ? _endpoints.EmulatorOpenIdMetadataUrl : _endpoints.ChannelOpenIdMetadataUrl;
        var lookup = await _keys.FindKeyAsync(metadataUrl, reference, cancellationToken).ConfigureAwait(false);
        if (lookup.Status == KeyLookupStatus.Unavailable)
        {
            return AuthenticationResult.Unverifiable("signing keys unavailable");
        }

        if (lookup.Status == KeyLookupStatus.RefreshFailed)
        {
            return AuthenticationResult.Unverifiable("unknown signing key and the key set could not be refreshed");
        }

        if (lookup.Key is null)
        {
            return AuthenticationResult.Fail("unknown signing key");
        }

        var signingKey = lookup.Key.Key;
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = true,
            ValidAudience = _endpoints.AppId,
            // Lifetime is checked below against the injected TimeProvider (this TokenValidationParameters has none).
            ValidateLifetime = false,
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedAlgorithms,
            // We pick the key by kid (or x5t) ourselves; only that key may verify the signature. A resolver, because the
            // handler's own matching knows a JWK's x5t only when it equals the key's kid.
            IssuerSigningKeyResolver = (_, _, _, _) => [signingKey],
            TryAllIssuerSigningKeys = false,
            ValidateIssuerSigningKey = false,
        };

        TokenValidationResult validation;
        try
        {
            validation = await Handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException)
        {
            return AuthenticationResult.Fail(Describe(ex));
        }

        if (!validation.IsValid)
        {
            return AuthenticationResult.Fail(Describe(validation.Exception));
        }

        var failure = CheckLifetime(jwt) ?? (isEmulator ? CheckEmulatorClaims(jwt) : CheckChannelClaims(jwt, lookup.Key, activity));
        if (failure is not null)
        {
            return AuthenticationResult.Fail(failure);
        }

        AuthLog.Accepted(_logger, isEmulator ? "emulator" : "channel", ForLog(activity.ChannelId));

        // The caller id is derived from what we verified, never copied from the activity on the wire.
        return new AuthenticationResult(true, null, _endpoints.AppId, isEmulator ? null : _endpoints.CallerId);
    }

    private string? CheckLifetime(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<object>("exp", out _))
        {
            return "token has no expiry";
        }

        // The skew is applied to now, not to the token's times: an exp or nbf at the end of the calendar reads as
        // DateTime.MaxValue/MinValue, and adding the skew to those threw (a 500 instead of a 401).
        var now = _time.GetUtcNow().UtcDateTime;
        DateTime validTo, validFrom;
        try
        {
            validTo = jwt.ValidTo;
            validFrom = jwt.TryGetPayloadValue<object>("nbf", out _) ? jwt.ValidFrom : DateTime.MinValue;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or SecurityTokenException)
        {
            return "invalid token lifetime";
        }

        if (validTo <= now - ClockSkew)
        {
            return "token expired";
        }

        if (validFrom > now + ClockSkew)
        {
            return "token not yet valid";
        }

        return null;
    }

    private static string? CheckChannelClaims(JsonWebToken jwt, SigningKey key, Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            return "activity has no channelId";
        }

        if (key.Endorsements is null || !key.Endorsements.Contains(activity.ChannelId))
        {
            return "signing key is not endorsed for this channel";
        }

        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) || string.IsNullOrEmpty(claimed))
        {
            return "token has no serviceurl claim";
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return "activity has no serviceUrl";
        }

        // Ordinal, tolerating only a trailing '/' difference: the Connector client joins paths either way, and anything
        // looser (case, host normalisation) would widen what a token minted for one serviceUrl can be replayed against.
        return string.Equals(claimed.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.Ordinal)
            ? null
            : "serviceurl claim does not match the activity's serviceUrl";
    }

    private string? CheckEmulatorClaims(JsonWebToken jwt)
    {
        jwt.TryGetPayloadValue<string>("ver", out var version);
        string claim;
        if (string.IsNullOrEmpty(version) || version == "1.0")
        {
            claim = "appid";
        }
        else if (version == "2.0")
        {
            claim = "azp";
        }
        else
        {
            return "unsupported token version";
        }

        return jwt.TryGetPayloadValue<string>(claim, out var appId) && string.Equals(appId, _endpoints.AppId, StringComparison.Ordinal)
            ? null
            : $"{claim} claim does not match the bot's app id";
    }

    // The channel id is unauthenticated input on a rejected request: keep it short and free of control characters.
    private static string? ForLog(string? channelId)
    {
        if (channelId is null)
        {
            return null;
        }

        var shortened = channelId.Length > 32 ? channelId[..32] + "…" : channelId;
        return string.Create(shortened.Length, shortened, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "invalid token lifetime",
        SecurityTokenInvalidAudienceException => "invalid audience",
        SecurityTokenInvalidIssuerException => "invalid issuer",
        SecurityTokenInvalidAlgorithmException => "unsupported signing algorithm",
        // The key was found (by kid or x5t) before the handler ran, so "key not found" there means that key did not
        // verify the signature; the handler says so for a header without a kid.
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException or ArgumentException or FormatException => "malformed token",
        _ => "invalid token",
    };
}
