using System.Net;
using Chatbot.Channels.Activities;
using Chatbot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16 item 4 under the real Functions host on Azurite: a pricing service that takes 20 s to answer. The message
/// turn ends with the author's wait response and typing before the service has answered, a second message during the
/// wait gets the "still working" rule, and the answer comes once, proactively, through the EventQueue trigger.
/// </summary>
[Collection(SlowStepCollection.Name)]
public sealed class SlowStepTests(SlowStepFunctionsHost fixture)
{
    private const string StillWorking = "I am still working on your last request and will answer here as soon as I have the result.";

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
    private const string Bot = """
        bot:
          id: slow
          name: Slow
          languages: [en]
        services:
          quotes:
            base_url: { config: "Services:Quotes:BaseUrl" }
            timeout: 60s
            retry: 0
        flows:
          quote:
            description: Get a price quote
            examples: { en: [get a quote, price quote] }
            slots: { price: text }
            steps:
              - http: quotes
                path: /quote
                async: true
                wait: one_moment
                result: { price: $.price }
                on_error: failed
              - end: quoted
              - id: failed
                end: quote_failed
        responses:
          one_moment: { text: { en: "One moment, I am asking our pricing service." } }
          quoted: { text: { en: "Your quote: {{ price }}." } }
          quote_failed: { text: { en: "Sorry, no quote right now." } }
        """;

    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-slow-dialogs-");
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _quotes;
    private int _calls;
    private int _answered;

    /// <summary>Completes when the host has called the pricing service.</summary>
    public Task Called => _called.Task;

    public int Calls => Volatile.Read(ref _calls);

    public int Answered => Volatile.Read(ref _answered);

    protected override async Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dialogs.FullName, "bot.yaml"), Bot);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _quotes = builder.Build();
        _quotes.MapGet("/quote", async () =>
        {
            Interlocked.Increment(ref _calls);
            _called.TrySetResult();
            // The slow back end of the issue: longer than a channel waits for a turn (Teams: about 15 s).
            await Task.Delay(TimeSpan.FromSeconds(20));
            Interlocked.Increment(ref _answered);
            return Results.Json(new { price = "42 EUR" });
        });
        await _quotes.StartAsync();
        var baseUrl = _quotes.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Dictionary<string, string?>
        {
            ["Dialogs__Path"] = _dialogs.FullName,
            ["Services__Quotes__BaseUrl"] = baseUrl,
            ["Understanding__Mode"] = "lexical",
        };
    }

    protected override async Task StopDependenciesAsync()
    {
        if (_quotes is not null) await _quotes.DisposeAsync();
        _dialogs.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SlowStepCollection : ICollectionFixture<SlowStepFunctionsHost>
{
    public const string Name = "Functions host, slow step";
}
