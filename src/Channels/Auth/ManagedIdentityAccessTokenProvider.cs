using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Auth;

/// <summary>Outbound tokens for UserAssignedMSI bots: the managed identity whose client id is <c>MicrosoftAppId</c>.</summary>
internal sealed class ManagedIdentityAccessTokenProvider : IAccessTokenProvider
{
    private readonly AccessTokenCache _cache;

    /// <summary>Creates the provider with Azure.Identity's <see cref="ManagedIdentityCredential"/>.</summary>
    public ManagedIdentityAccessTokenProvider(IOptions<BotAuthenticationOptions> options, TimeProvider timeProvider, ILogger<ManagedIdentityAccessTokenProvider> logger)
        : this(options, CreateCredential(options), timeProvider, logger)
    {
    }

    /// <summary>Creates the provider over any credential (tests, or hosts that build their own).</summary>
    public ManagedIdentityAccessTokenProvider(IOptions<BotAuthenticationOptions> options, TokenCredential credential, TimeProvider timeProvider, ILogger<ManagedIdentityAccessTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var context = new TokenRequestContext([AuthenticationEndpoints.From(options.Value).TokenScope]);
        _cache = new AccessTokenCache(
            async ct =>
            {
                AccessToken token;
                try
                {
                    token = await credential.GetTokenAsync(context, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is AuthenticationFailedException or CredentialUnavailableException or RequestFailedException or OperationCanceledException)
                {
                    throw new AccessTokenException($"Could not get a Bot Framework token from the managed identity ({ex.GetType().Name}).", ex);
                }

                AuthLog.TokenAcquired(logger, "managed identity", token.ExpiresOn);
                return new CachedToken(token.Token, token.ExpiresOn);
            },
            timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken) =>
        await _cache.GetAsync(cancellationToken).ConfigureAwait(false);

    private static ManagedIdentityCredential CreateCredential(IOptions<BotAuthenticationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientId = AuthenticationEndpoints.From(options.Value).AppId
            ?? throw new InvalidOperationException("MicrosoftAppId (the managed identity's client id) is required for UserAssignedMSI.");
        return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
