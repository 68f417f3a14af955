using System.Net;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;
using Chatbot.Understanding.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 19: as shipped (default configuration) the server answers its first message with the lexical recognizer and
/// only then begins loading the embedded model, so the load does not compete with the first turn; an idle server
/// loads it soon after start; readiness says "ready (warming up)" until the model is loaded.
/// </summary>
public sealed class EmbeddedModelLoadTests : ChannelServerTest
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource<int> _loadBegan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The real model behind a load that says when it begins (with the replies the channel had by then) and waits to be released.
    protected override BotServerHost CreateHost() =>
        new BotServerHost().WithServices(s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            s.AddSingleton(sp => new EmbeddedModelLoader(
                () =>
                {
                    _loadBegan.TrySetResult(Channel.Messages.Count);
                    _release.Task.Wait();
                    return MiniLmModel.GetShared();
                },
                startGate: sp.GetRequiredService<EmbeddedModelLoadGate>().Opened));
        });

    public override async Task DisposeAsync()
    {
        _release.TrySetResult();
        await base.DisposeAsync();
    }

    private async Task<(HttpStatusCode, string)> ReadinessAsync()
    {
        using var response = await Client.GetAsync("/api/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_first_message_is_answered_before_the_model_starts_loading_and_readiness_says_warming_up_until_it_is_loaded()
    {
        var loader = Host.GetRequiredService<EmbeddedModelLoader>();
        // The pipeline (built while the server started) asked for the model; the load waits for the first request.
        Assert.Equal(EmbeddedModelState.Waiting, loader.State);

        var chat = ChannelConversation.Emulator(Channel.ServiceUrl);
        var body = new StringContent(ActivitySerializer.Serialize(chat.Message("m-1", "where is my order")), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/messages", body)).StatusCode);

        // Answered (lexically: nothing else was there) before the load began.
        Assert.Contains("order number", Channel.Messages.Single().Text, StringComparison.Ordinal);
        Assert.Equal(1, await _loadBegan.Task.WaitAsync(Deadline));
        Assert.Equal(EmbeddedModelState.Loading, loader.State);
        Assert.Equal((HttpStatusCode.OK, "ready (warming up)"), await ReadinessAsync());

        _release.SetResult();
        await loader.Start().WaitAsync(Deadline);

        Assert.Equal(EmbeddedModelState.Ready, loader.State);
        Assert.Equal((HttpStatusCode.OK, "ready"), await ReadinessAsync());
    }

    [Fact]
    public async Task A_server_that_gets_no_request_loads_the_model_a_second_after_start()
    {
        var loader = Host.GetRequiredService<EmbeddedModelLoader>();
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(EmbeddedModelState.Waiting, loader.State);

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, await _loadBegan.Task.WaitAsync(Deadline));
        _release.SetResult();
        await loader.Start().WaitAsync(Deadline);
        Assert.Equal(EmbeddedModelState.Ready, loader.State);
    }
}
