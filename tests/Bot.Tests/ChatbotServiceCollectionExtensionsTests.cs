using Chatbot.Bot.Configuration;
using Chatbot.Bot.DirectLine;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Bot.Pipeline;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace Chatbot.Bot.Tests;

public sealed class ChatbotServiceCollectionExtensionsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Theory]
    [InlineData("Limits:MaxBodyBytes", "0", "Limits:MaxBodyBytes must ")]
    [InlineData("Limits:MaxJsonDepth", "1000", "Limits:MaxJsonDepth must ")]
    [InlineData("Turn:RecentActivityCount", "0", "Turn:RecentActivityCount must ")]
    [InlineData("Turn:TypingTimeout", "00:01:00", "Turn:TypingTimeout must ")]
    [InlineData("Turn:SendReserve", "00:00:12", "Turn:SendReserve must be at least 0 and less than Turn:Deadline")]
    [InlineData("RateLimits:User:TokenLimit", "-1", "RateLimits:User:TokenLimit must ")]
    [InlineData("RateLimits:Conversation:ReplenishmentPeriod", "00:00:00", "RateLimits:Conversation:ReplenishmentPeriod must ")]
    [InlineData("Dialogs:Path", " ", "Dialogs:Path must ")]
    [InlineData("AzureOpenAI:Endpoint", "my-account.openai.azure.com", "AzureOpenAI:Endpoint must be an absolute http(s) URL")]
    [InlineData("AzureOpenAI:Deployment", "gpt-4o", "AzureOpenAI:Deployment is set but AzureOpenAI:Endpoint is missing")]
    [InlineData("OpenAI:Endpoint", "http://localhost:11434/v1", "OpenAI:Model must be set")]
    [InlineData("Storage:Provider", "Redis", "Storage:Provider must be one of")]
    [InlineData("Handoff:HubChannelIds:0", " ", "Handoff:HubChannelIds:0 must be a channel id")]
    [InlineData("Handoff:HubChannelIds:0", "WebChat", "Handoff:HubChannelIds:0 is 'WebChat', a channel users write on")]
    public async Task Invalid_options_stop_the_host_at_start_naming_the_setting(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddChatbot(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?> HubChannelsWhereUsersWrite => new()
    {
        // Before: each started, and any user of that channel could silence the bot or take a conversation from its agent.
        { "emulator", "", "Handoff:HubChannelIds:1 is 'emulator', a channel users write on" },
        { "directline", "", "Handoff:HubChannelIds:1 is 'directline', the channel of the built-in Direct Line endpoint" },
        { "directline", "DirectLine:Secret=s3cret-of-the-hub", "Handoff:HubChannelIds:1 is 'directline', the channel of the built-in Direct Line endpoint" },
        { "directline", "DirectLine:EnablePageTokens=false", "Handoff:HubChannelIds:1 is 'directline', the channel of the built-in Direct Line endpoint" },
        { "directline", "DirectLine:Secret=s3cret-of-the-hub;DirectLine:EnablePageTokens=false", null },
        { "omnichannel", "", null },
    };

    [Theory]
    [MemberData(nameof(HubChannelsWhereUsersWrite))]
    public async Task A_deployed_bot_with_the_built_in_direct_line_refuses_at_start_a_hub_channel_its_users_write_on(string hub, string settings, string? message)
    {
        var builder = Host.CreateApplicationBuilder();
        var values = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "secret",
            ["Handoff:HubChannelIds:0"] = "omnichannel",
            ["Handoff:HubChannelIds:1"] = hub,
        };
        foreach (var pair in settings.Split(';', StringSplitOptions.RemoveEmptyEntries)) values[pair.Split('=')[0]] = pair.Split('=')[1];
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddChatbot(builder.Configuration);
        builder.Services.AddChatbotDirectLine(builder.Configuration);
        using var host = builder.Build();

        if (message is null)
        {
            Assert.Equal(["omnichannel", hub], host.Services.GetRequiredService<IOptions<HandoffOptions>>().Value.HubChannelIds);
            return;
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_local_mode_the_emulator_may_be_named_as_the_hubs_channel_as_it_may_send_hub_events_anyway()
    {
        var services = new ServiceCollection();
        services.AddChatbot(Config(new() { ["Handoff:HubChannelIds:0"] = "emulator" }));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["emulator"], provider.GetRequiredService<IOptions<HandoffOptions>>().Value.HubChannelIds);
    }

    [Fact]
    public void Services_registered_before_AddChatbot_replace_the_local_defaults()
    {
        var store = new InMemoryConversationStore();
        var engine = Mock.Of<IDialogEngine>();
        var services = new ServiceCollection();
        services.AddSingleton<IConversationStore>(store);
        services.AddSingleton(engine);
        services.AddChatbot(Config([]));
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<IConversationStore>());
        Assert.Same(engine, provider.GetRequiredService<IDialogEngine>());
    }

    [Fact]
    public async Task Wrappers_run_outermost_first_and_see_every_activity()
    {
        var order = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChatbot(Config([]))
            .Use((_, inner) => new Recording("first", order, inner))
            .Use((_, inner) => new Recording("second", order, inner));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ITurnHandler>()
            .HandleAsync(new TurnContext(new() { Type = "event" }, Channels.Auth.AuthenticationResult.Anonymous), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public void Dialogs_path_resolves_against_the_content_root_when_the_folder_is_there()
    {
        var root = Directory.CreateTempSubdirectory();
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "bots"));
            var environment = Mock.Of<IHostEnvironment>(e => e.ContentRootPath == root.FullName);

            var resolved = ChatbotServiceCollectionExtensions.ResolveDialogsPath("bots", environment);

            Assert.Equal(Path.Combine(root.FullName, "bots"), resolved);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Defaults_match_the_documented_limits()
    {
        using var provider = new ServiceCollection().AddLogging().AddChatbot(Config([])).Services.BuildServiceProvider();
        var limits = provider.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var turn = provider.GetRequiredService<IOptions<TurnOptions>>().Value;

        Assert.Equal((262144, 64), (limits.MaxBodyBytes, limits.MaxJsonDepth));
        Assert.Equal((32, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12)), (turn.RecentActivityCount, turn.RedeliveryLease, turn.Deadline));
        Assert.Equal((TimeSpan.FromSeconds(6), 16, 10_000), (turn.MaxQueueWait, turn.MaxQueuedTurns, turn.MaxOrderedConversations));
    }

    private sealed class Recording(string name, List<string> order, ITurnHandler inner) : DelegatingTurnHandler(inner)
    {
        public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            order.Add(name);
            return base.HandleAsync(turn, cancellationToken);
        }
    }
}
