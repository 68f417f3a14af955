using Azure.Core;
using Chatbot.Channels.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.Auth;

public sealed class ManagedIdentityAccessTokenProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private sealed class CountingCredential(FakeTimeProvider time) : TokenCredential
    {
        public int Calls;
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("async only");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref Calls);
            Scopes.Add(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"msi-token-{n}", time.GetUtcNow().AddHours(1)));
        }
    }

    private ManagedIdentityAccessTokenProvider Create(CountingCredential credential, string? channelService = null) => new(
        Options.Create(new BotAuthenticationOptions { MicrosoftAppType = "UserAssignedMSI", MicrosoftAppId = "client-id", ChannelService = channelService }),
        credential,
        _time,
        new CapturingLogger<ManagedIdentityAccessTokenProvider>());

    [Fact]
    public async Task Managed_identity_token_is_cached_and_requested_for_the_bot_framework_scope()
    {
        var credential = new CountingCredential(_time);
        var provider = Create(credential);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("msi-token-1", await provider.GetTokenAsync("https://x/", CancellationToken.None));
        }

        Assert.Equal(1, credential.Calls);
        Assert.Equal(["https://api.botframework.com/.default"], credential.Scopes[0]);
    }

    [Fact]
    public async Task Managed_identity_token_is_refreshed_near_expiry()
    {
        var credential = new CountingCredential(_time);
        var provider = Create(credential);
        await provider.GetTokenAsync("https://x/", CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(56));

        Assert.Equal("msi-token-2", await provider.GetTokenAsync("https://x/", CancellationToken.None));
    }

    [Fact]
    public async Task Unavailable_managed_identity_surfaces_as_an_access_token_error()
    {
        var credential = new Moq.Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(Moq.It.IsAny<TokenRequestContext>(), Moq.It.IsAny<CancellationToken>()))
            .Returns(ValueTask.FromException<AccessToken>(new Azure.Identity.CredentialUnavailableException("no IMDS here")));
        var provider = new ManagedIdentityAccessTokenProvider(
            Options.Create(new BotAuthenticationOptions { MicrosoftAppType = "UserAssignedMSI", MicrosoftAppId = "client-id" }),
            credential.Object,
            _time,
            new CapturingLogger<ManagedIdentityAccessTokenProvider>());

        var ex = await Assert.ThrowsAsync<AccessTokenException>(async () => await provider.GetTokenAsync("https://x/", CancellationToken.None));

        Assert.Equal("Could not get a Bot Framework token from the managed identity (CredentialUnavailableException).", ex.Message);
    }

    [Fact]
    public async Task Government_bot_asks_for_the_government_scope()
    {
        var credential = new CountingCredential(_time);

        await Create(credential, "https://botframework.azure.us").GetTokenAsync("https://x/", CancellationToken.None);

        Assert.Equal(["https://api.botframework.us/.default"], credential.Scopes[0]);
    }
}
