using System.Net;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 19 (first turn after start): the server takes requests only once the bot is ready (dialogs loaded, pipeline
/// built, warmed by a turn of its own), so the first user's message never waits behind the start-up work; and that
/// warm-up turn is invisible: nothing is sent to a channel or stored.
/// </summary>
public sealed class StartupOrderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_server_starts_taking_requests_only_once_the_dialogs_are_loaded()
    {
        var probe = new ServerStartProbe();
        await using var host = new BotServerHost().WithServices(s =>
        {
            // The real definitions, loaded only after the server started or 2 s passed, whichever is first: a server
            // that started before its dialogs were loaded shows as "not loaded" below.
            var real = s.Single(d => d.ServiceType == typeof(IDialogDefinitionsProvider));
            s.Remove(real);
            s.AddSingleton(sp =>
            {
                probe.ServerStarted.Task.Wait(TimeSpan.FromSeconds(2));
                var definitions = (IDialogDefinitionsProvider)real.ImplementationFactory!(sp);
                probe.DefinitionsLoaded = true;
                return definitions;
            });
            // Hosted services start after the server's own (the server listens in its StartAsync).
            s.AddHostedService(_ => probe);
        });
        using var client = host.CreateClient();

        Assert.True(probe.DefinitionsLoadedWhenServerStarted);
        using var ready = await client.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Starting_the_server_sends_and_stores_nothing_and_the_first_message_is_answered_as_usual()
    {
        await using var channel = await LocalConnectorServer.StartAsync();
        await using var host = new BotServerHost();
        using var client = host.CreateClient();

        // Started (and warmed): no conversation state written, nothing sent.
        Assert.Empty(Directory.EnumerateFiles(host.StateFolder, "*.json", SearchOption.AllDirectories));
        Assert.Empty(channel.Requests);

        var chat = ChannelConversation.Emulator(channel.ServiceUrl);
        var body = new StringContent(ActivitySerializer.Serialize(chat.Message("m-1", "hi")), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/messages", body).WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // One conversation (the user's) stored, its answer sent: the warm-up's own turn left no trace.
        Assert.NotEmpty(channel.Messages);
        Assert.Single(Directory.EnumerateFiles(host.StateFolder, "*.json", SearchOption.AllDirectories));
    }

    private sealed class ServerStartProbe : IHostedService
    {
        public TaskCompletionSource ServerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool DefinitionsLoaded { get; set; }

        public bool DefinitionsLoadedWhenServerStarted { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            DefinitionsLoadedWhenServerStarted = DefinitionsLoaded;
            ServerStarted.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
