using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

// Not "...Tests.Connector": that namespace would shadow Chatbot.Channels.Connector for sibling test folders.
namespace Chatbot.Channels.Tests.ConnectorTests;

public sealed class ConnectorServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_registered_client_sends_through_the_http_client_factory()
    {
        await using var server = await FakeChannelServer.StartAsync();
        using var provider = Services(s => s.AddConnectorClient(o => o.MaxRetries = 1)).BuildServiceProvider();

        var client = provider.GetRequiredService<IConnectorClient>();
        var response = await client.SendAsync(
            new Activity
            {
                Type = ActivityTypes.Message,
                ServiceUrl = server.BaseAddress.ToString(),
                Conversation = new ConversationAccount { Id = "c1" },
                ReplyToId = "r1",
            },
            CancellationToken.None);

        Assert.IsType<ConnectorClient>(client);
        Assert.Equal("activity-1", response.Id);
        Assert.Equal("/v3/conversations/c1/activities/r1", Assert.Single(server.Requests).RawTarget);
    }

    [Fact]
    public void Options_bind_from_the_connector_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connector:MaxRetries"] = "5",
                ["Connector:BaseDelay"] = "00:00:00.250",
                ["Connector:MaxDelay"] = "00:00:04",
                ["Connector:Timeout"] = "00:00:20",
                ["Connector:AllowedServiceUrlHosts:0"] = "smba.trafficmanager.net",
                ["Connector:AllowedServiceUrlHosts:1"] = "*.botframework.com",
            })
            .Build();
        using var provider = Services(s => s.AddConnectorClient(configuration.GetSection("Connector"))).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectorClientOptions>>().Value;

        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(4), options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal(["smba.trafficmanager.net", "*.botframework.com"], options.AllowedServiceUrlHosts);
    }

    [Fact]
    public void Bad_options_stop_the_host_at_start_with_every_problem_named()
    {
        using var provider = Services(s => s.AddConnectorClient(o =>
        {
            o.MaxRetries = -1;
            o.BaseDelay = TimeSpan.FromSeconds(10);
            o.MaxDelay = TimeSpan.FromSeconds(1);
            o.Timeout = TimeSpan.Zero;
            o.AllowedServiceUrlHosts = ["https://smba.trafficmanager.net/amer/", "169.254.169.254", "*.com", "*.Botframework.com"];
        })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Connector:MaxRetries must be between 0 and 10 (was -1).",
                "Connector:MaxDelay must be at least Connector:BaseDelay.",
                "Connector:Timeout must be positive (or infinite).",
                "Connector:AllowedServiceUrlHosts has 'https://smba.trafficmanager.net/amer/', which is not a host name or '*.suffix' pattern.",
                "Connector:AllowedServiceUrlHosts has '169.254.169.254', which is a link-local (cloud metadata) address and is never called.",
                "Connector:AllowedServiceUrlHosts has '*.com', which allows every host under a top-level domain (name the channel's domain, e.g. '*.botframework.com').",
            ],
            error.Failures);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        using var provider = Services(s => s.AddConnectorClient()).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Empty(provider.GetRequiredService<IOptions<ConnectorClientOptions>>().Value.AllowedServiceUrlHosts);
    }

    private static ServiceCollection Services(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Mock.Of<IAccessTokenProvider>());
        register(services);
        return services;
    }
}
