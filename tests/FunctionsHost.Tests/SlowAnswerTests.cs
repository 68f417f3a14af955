using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16 item 4, the LLM half, under the real Functions host on Azurite: an <c>answer</c> step with <c>async: true</c>
/// and a model (a local OpenAI-compatible server through the real Azure OpenAI client) that holds its answer until the
/// test lets it go. The message turn ends with the wait response and typing, a message meanwhile gets "still working",
/// and the generated answer comes once, proactively, through the EventQueue trigger.
/// </summary>
[Collection(SlowAnswerCollection.Name)]
public sealed class SlowAnswerTests(SlowAnswerFunctionsHost fixture)
{
    [Fact]
    public async Task A_slow_model_gets_a_wait_message_at_once_and_its_answer_later_exactly_once()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Model.EnqueueHang(release.Task, SlowAnswerBot.Generated);

        var first = await fixture.TurnAsync(emulator, chat.Message("m-1", SlowAnswerBot.Question));
        Assert.Equal([SlowAnswerBot.WaitMessage], first.Select(m => m.Text));
        Assert.Contains(emulator.Activities, a => a.Type == ActivityTypes.Typing);

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.Model.RequestArrived.Task.WaitAsync(deadline.Token);
        var meanwhile = await fixture.TurnAsync(emulator, chat.Message("m-2", "hello? are you there?"));
        Assert.Equal([SlowPricingService.StillWorking], meanwhile.Select(m => m.Text));

        release.SetResult();
        while (emulator.Messages.Count < 4)
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out; messages: {string.Join(" | ", emulator.Messages.Select(m => m.Text))}\n{fixture.HostLog}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        Assert.Equal([SlowAnswerBot.WaitMessage, SlowPricingService.StillWorking, SlowAnswerBot.Generated, SlowAnswerBot.AnythingElse], emulator.Messages.Select(m => m.Text));
        Assert.Single(fixture.Model.Requests);
        Assert.DoesNotContain(emulator.Requests, r => r.AnsweredStatus >= 500);
    }
}

/// <summary>Local mode with the slow-answer bot and a model server in this process (it only phrases: understanding is lexical).</summary>
public sealed class SlowAnswerFunctionsHost : FunctionsHostFixture
{
    private SlowAnswerBot? _bot;

    public FakeOpenAIServer Model { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync()
    {
        _bot = new SlowAnswerBot();
        Model = await FakeOpenAIServer.StartAsync();
        return new Dictionary<string, string?>
        {
            ["Dialogs__Path"] = _bot.DialogsPath,
            ["Understanding__Mode"] = "lexical",
            ["AzureOpenAI__Endpoint"] = Model.BaseUri.ToString(),
            ["AzureOpenAI__Deployment"] = "gpt-4o",
            ["AzureOpenAI__ApiKey"] = "k",
        };
    }

    protected override async Task StopDependenciesAsync()
    {
        if (Model is not null) await Model.DisposeAsync();
        _bot?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SlowAnswerCollection : ICollectionFixture<SlowAnswerFunctionsHost>
{
    public const string Name = "Functions host, slow answer";
}
