using Chatbot.Channels.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;

namespace Chatbot.Channels.Tests.Auth;

public sealed class ClientSecretAccessTokenProviderTests : IAsyncLifetime
{
    private LocalIdentityServer _server = null!;

    // MSAL stamps expiry from the real clock, so the fake clock starts at real "now".
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CapturingLogger<ClientSecretAccessTokenProvider> _logger = new();

    public async Task InitializeAsync() => _server = await LocalIdentityServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ClientSecretAccessTokenProvider Create(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = LocalIdentityServer.ClientId,
            MicrosoftAppPassword = LocalIdentityServer.ClientSecret,
            ToChannelFromBotLoginUrl = _server.LoginUrl,
        };
        configure?.Invoke(options);
        return new ClientSecretAccessTokenProvider(Options.Create(options), new PinnedHttpClientFactory(TestKeys.Certificate), _time, _logger);
    }

    [Fact]
    public async Task Token_comes_from_the_overridden_login_url_token_endpoint_without_discovery()
    {
        var token = await Create().GetTokenAsync("https://smba.trafficmanager.net/amer/", CancellationToken.None);

        Assert.Equal("access-token-1", token);
        Assert.Equal(["/botframework.com/oauth2/v2.0/token"], _server.TokenPaths);
    }

    [Fact]
    public async Task Token_is_cached_across_many_calls()
    {
        var provider = Create();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync("https://x/", CancellationToken.None).AsTask()));
        for (var i = 0; i < 10; i++)
        {
            tokens = [.. tokens, await provider.GetTokenAsync("https://x/", CancellationToken.None)];
        }

        Assert.All(tokens, t => Assert.Equal("access-token-1", t));
        Assert.Equal(1, _server.TokenRequests);
    }

    [Fact]
    public async Task Token_is_refreshed_about_five_minutes_before_it_expires()
    {
        var provider = Create();
        Assert.Equal("access-token-1", await provider.GetTokenAsync("https://x/", CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("access-token-1", await provider.GetTokenAsync("https://x/", CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("access-token-2", await provider.GetTokenAsync("https://x/", CancellationToken.None));
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task Custom_scope_is_requested_with_the_default_suffix()
    {
        _server.ExpectedScope = "https://api.botframework.us/.default";

        var token = await Create(o => o.ToChannelFromBotOAuthScope = "https://api.botframework.us").GetTokenAsync("https://x/", CancellationToken.None);

        Assert.Equal("access-token-1", token);
    }

    [Fact]
    public async Task Wrong_secret_surfaces_as_an_access_token_error_that_names_the_code_but_not_the_secret()
    {
        var provider = Create(o => o.MicrosoftAppPassword = "wrong-secret-value-xyz");

        var ex = await Assert.ThrowsAsync<AccessTokenException>(async () => await provider.GetTokenAsync("https://x/", CancellationToken.None));

        Assert.Equal($"Could not get a Bot Framework token from {_server.LoginUrl} for app {LocalIdentityServer.ClientId} (invalid_client).", ex.Message);
        Assert.Equal("invalid_client", Assert.IsType<MsalServiceException>(ex.InnerException).ErrorCode);
        Assert.DoesNotContain("wrong-secret-value-xyz", _logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_endpoint_that_is_down_surfaces_as_an_access_token_error_and_is_retried_next_call()
    {
        var provider = Create();
        _server.TokenEndpointStatus = System.Net.HttpStatusCode.BadRequest;

        await Assert.ThrowsAsync<AccessTokenException>(async () => await provider.GetTokenAsync("https://x/", CancellationToken.None));
        var requestsWhileDown = _server.TokenRequests;
        _server.TokenEndpointStatus = System.Net.HttpStatusCode.OK;

        var token = await provider.GetTokenAsync("https://x/", CancellationToken.None);

        Assert.StartsWith("access-token-", token, StringComparison.Ordinal);
        Assert.True(_server.TokenRequests > requestsWhileDown);
    }

    [Fact]
    public async Task Issued_token_is_not_logged()
    {
        await Create().GetTokenAsync("https://x/", CancellationToken.None);

        Assert.NotEmpty(_logger.Lines);
        Assert.DoesNotContain("access-token-1", _logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalIdentityServer.ClientSecret, _logger.AllText, StringComparison.Ordinal);
    }
}
