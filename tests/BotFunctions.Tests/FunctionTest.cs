using Chatbot.Bot;
using Chatbot.Bot.Hosting;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Chatbot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotFunctions.Tests;

/// <summary>
/// A local Connector sink and the Functions app's services (the real AddChatbot, in-memory state so every run starts
/// fresh, no typing delay), made per test class and torn down after it.
/// </summary>
public abstract class FunctionTest : IAsyncLifetime
{
    /// <summary>The channel the replies go to.</summary>
    protected LocalConnectorServer Channel { get; private set; } = null!;

    /// <summary>The app's services, as the Functions worker builds them.</summary>
    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>The path the channel serves under (Teams serves from e.g. <c>/emea/</c>).</summary>
    protected virtual string ChannelPath => "";

    /// <summary>Settings besides the typing delay.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Channel = await LocalConnectorServer.StartAsync(ChannelPath);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Turn:TypingDelay", "00:00:00"), .. Settings])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        // Fresh state per test run (the default local file store would remember activity ids across runs).
        services.AddSingleton<IConversationStore, InMemoryConversationStore>();
        services.AddChatbot(configuration);
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
