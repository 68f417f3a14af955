using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.Auth;

public sealed class BotAuthenticationServiceCollectionExtensionsTests : IAsyncLifetime
{
    private LocalIdentityServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalIdentityServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddBotAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        // How a host or end-to-end test trusts a local issuer: configure the named client's primary handler.
        services.AddHttpClient(BotAuthenticationDefaults.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => PinnedHttpClientFactory.CreateHandler(TestKeys.Certificate));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task No_app_id_registers_anonymous_inbound_and_no_outbound_token()
    {
        using var provider = Build([]);

        var token = await provider.GetRequiredService<IAccessTokenProvider>().GetTokenAsync("http://localhost:1/", CancellationToken.None);
        var inbound = await provider.GetRequiredService<IRequestAuthenticator>().AuthenticateAsync(null, new Activity { ChannelId = "emulator" }, CancellationToken.None);

        Assert.Null(token);
        Assert.IsType<NoAccessTokenProvider>(provider.GetRequiredService<IAccessTokenProvider>());
        Assert.True(inbound.Succeeded);
    }

    [Fact]
    public void Registration_replaces_earlier_stand_ins_and_is_not_undone_by_later_TryAdd()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(Moq.Mock.Of<IRequestAuthenticator>());
        services.AddSingleton(Moq.Mock.Of<IAccessTokenProvider>());

        services.AddBotAuthentication(new ConfigurationBuilder().Build());
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, Moq.Mock.Of<IRequestAuthenticator>());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<JwtRequestAuthenticator>(Assert.Single(provider.GetServices<IRequestAuthenticator>()));
        Assert.IsType<NoAccessTokenProvider>(Assert.Single(provider.GetServices<IAccessTokenProvider>()));
    }

    [Fact]
    public void Managed_identity_app_type_registers_the_managed_identity_provider()
    {
        using var provider = Build(new() { ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppId"] = "client-id" });

        Assert.IsType<ManagedIdentityAccessTokenProvider>(provider.GetRequiredService<IAccessTokenProvider>());
    }

    [Fact]
    public async Task Configured_bot_validates_inbound_and_gets_outbound_tokens_through_the_named_http_client()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var provider = Build(
            new()
            {
                ["MicrosoftAppId"] = LocalIdentityServer.ClientId,
                ["MicrosoftAppPassword"] = LocalIdentityServer.ClientSecret,
                ["ToBotFromChannelOpenIdMetadataUrl"] = _server.ChannelMetadataUrl,
                ["ToChannelFromBotLoginUrl"] = _server.LoginUrl,
            },
            time);
        var activity = new Activity { Type = "message", ChannelId = "msteams", ServiceUrl = TokenMinter.ServiceUrl };
        var claims = TokenMinter.ChannelClaims(time.GetUtcNow());
        claims["aud"] = LocalIdentityServer.ClientId;
        var token = TokenMinter.Sign(claims, TestKeys.Channel1);

        var inbound = await provider.GetRequiredService<IRequestAuthenticator>().AuthenticateAsync("Bearer " + token, activity, CancellationToken.None);

        var outbound = await provider.GetRequiredService<IAccessTokenProvider>().GetTokenAsync(TokenMinter.ServiceUrl, CancellationToken.None);

        Assert.True(inbound.Succeeded, inbound.FailureReason);
        Assert.Equal("urn:botframework:azure", inbound.CallerId);
        Assert.Equal("access-token-1", outbound);
    }
}
