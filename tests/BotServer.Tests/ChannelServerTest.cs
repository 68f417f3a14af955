using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// BotServer in process, a local channel its replies go to, and a client for it: the set-up of the exchange tests. A test
/// class says only what differs: the host's settings (<see cref="CreateHost"/>), the channel's path (Teams regions), and
/// services the bot calls (started before <c>base.InitializeAsync()</c>, stopped after <c>base.DisposeAsync()</c>).
/// </summary>
public abstract class ChannelServerTest : IAsyncLifetime
{
    /// <summary>The channel's Connector: every reply the bot sends arrives here.</summary>
    protected LocalConnectorServer Channel { get; private set; } = null!;

    /// <summary>A new Emulator conversation on <see cref="Channel"/>.</summary>
    protected ChannelConversation Chat { get; private set; } = null!;

    /// <summary>The server under test.</summary>
    protected BotServerHost Host { get; private set; } = null!;

    /// <summary>A client of <see cref="Host"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>The channel's path prefix: "" for the Emulator and Web Chat, a region such as "amer" for Teams.</summary>
    protected virtual string ChannelPath => "";

    /// <summary>The server, created after the channel and the services have started; the sample bot by default.</summary>
    protected virtual BotServerHost CreateHost() => new();

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Channel = await LocalConnectorServer.StartAsync(ChannelPath);
        Chat = ChannelConversation.Emulator(Channel.ServiceUrl);
        Host = CreateHost();
        Client = Host.CreateClient();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
