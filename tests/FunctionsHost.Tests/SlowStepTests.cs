using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16 item 4 under the real Functions host on Azurite: a pricing service that takes 20 s to answer. The message
/// turn ends with the author's wait response and typing before the service has answered, a second message during the
/// wait gets the "still working" rule, and the answer comes once, proactively, through the EventQueue trigger.
/// </summary>
[Collection(SlowStepCollection.Name)]
public sealed class SlowStepTests(SlowStepFunctionsHost fixture)
{
    private const string StillWorking = SlowPricingService.StillWorking;

    [Fact]
    public async Task A_service_that_answers_after_20_s_gets_a_wait_message_at_once_and_the_answer_later_exactly_once()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);

        var first = await fixture.TurnAsync(emulator, chat.Message("m-1", "get a quote"));
        Assert.Equal(["One moment, I am asking our pricing service."], first.Select(m => m.Text));
        Assert.Contains(emulator.Activities, a => a.Type == ActivityTypes.Typing);
        Assert.Equal(0, fixture.Answered); // the turn did not wait for the service

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.Called.WaitAsync(deadline.Token);
        var meanwhile = await fixture.TurnAsync(emulator, chat.Message("m-2", "are you there?"));
        Assert.Equal([StillWorking], meanwhile.Select(m => m.Text));

        while (emulator.Messages.Count < 3)
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out; messages: {string.Join(" | ", emulator.Messages.Select(m => m.Text))}\n{fixture.HostLog}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        Assert.Equal(["One moment, I am asking our pricing service.", StillWorking, "Your quote: 42 EUR."], emulator.Messages.Select(m => m.Text));
        Assert.Equal((1, 1), (fixture.Calls, fixture.Answered));
        Assert.DoesNotContain(emulator.Requests, r => r.AnsweredStatus >= 500);
    }
}

/// <summary>Local mode with a bot whose quote step calls a pricing service (in this process) that answers after 20 s.</summary>
public sealed class SlowStepFunctionsHost : FunctionsHostFixture
{
    private SlowPricingService? _quotes;

    /// <summary>Completes when the host has called the pricing service.</summary>
    public Task Called => _quotes!.Called;

    public int Calls => _quotes!.Calls;

    public int Answered => _quotes!.Answered;

    protected override async Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync()
    {
        // The slow back end of the issue: longer than a channel waits for a turn (Teams: about 15 s).
        _quotes = await SlowPricingService.StartAsync(() => Task.Delay(TimeSpan.FromSeconds(20)));
        return new Dictionary<string, string?>
        {
            ["Dialogs__Path"] = _quotes.DialogsPath,
            ["Services__Quotes__BaseUrl"] = _quotes.BaseUrl,
            ["Understanding__Mode"] = "lexical",
        };
    }

    protected override async Task StopDependenciesAsync()
    {
        if (_quotes is not null) await _quotes.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SlowStepCollection : ICollectionFixture<SlowStepFunctionsHost>
{
    public const string Name = "Functions host, slow step";
}
