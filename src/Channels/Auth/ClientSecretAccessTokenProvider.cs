using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Chatbot.Channels.Auth;

/// <summary>
/// Outbound tokens for MultiTenant and SingleTenant bots: MSAL client credentials with the app password, scope
/// <c>{ToChannelFromBotOAuthScope}/.default</c>. When <c>ToChannelFromBotLoginUrl</c> is overridden (tests, sovereign
/// clouds) MSAL is told not to validate the authority nor run instance discovery, so the only request is
/// <c>POST {url}/oauth2/v2.0/token</c> — that is what makes it work offline against a local token endpoint.
/// </summary>
internal sealed class ClientSecretAccessTokenProvider : IAccessTokenProvider
{
    private readonly AccessTokenCache _cache;

    /// <summary>Creates the provider; token requests use the <see cref="BotAuthenticationDefaults.HttpClientName"/> client.</summary>
    public ClientSecretAccessTokenProvider(IOptions<BotAuthenticationOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<ClientSecretAccessTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = AuthenticationEndpoints.From(options.Value);
        if (!endpoints.HasAppId || endpoints.AppPassword is null)
        {
            throw new InvalidOperationException("MicrosoftAppId and MicrosoftAppPassword are required for client-secret Bot Framework tokens.");
        }

        var app = ConfidentialClientApplicationBuilder.Create(endpoints.AppId)
            .WithClientSecret(endpoints.AppPassword)
            .WithAuthority(endpoints.LoginUrl, validateAuthority: !endpoints.LoginUrlOverridden)
            .WithInstanceDiscovery(!endpoints.LoginUrlOverridden)
            .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory))
            .Build();
        string[] scopes = [endpoints.TokenScope];

        _cache = new AccessTokenCache(
            async ct =>
            {
                // Our cache decides when to refresh (by TimeProvider); MSAL's own cache would hand back the old token.
                Microsoft.Identity.Client.AuthenticationResult result;
                try
                {
                    result = await app.AcquireTokenForClient(scopes).WithForceRefresh(true).ExecuteAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is MsalException or HttpRequestException or OperationCanceledException)
                {
                    var code = ex is MsalException msal ? msal.ErrorCode : ex.GetType().Name;
                    throw new AccessTokenException($"Could not get a Bot Framework token from {endpoints.LoginUrl} for app {endpoints.AppId} ({code}).", ex);
                }

                AuthLog.TokenAcquired(logger, "client secret", result.ExpiresOn);
                return new CachedToken(result.AccessToken, result.ExpiresOn);
            },
            timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken) =>
        await _cache.GetAsync(cancellationToken).ConfigureAwait(false);

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(BotAuthenticationDefaults.HttpClientName);
    }
}
