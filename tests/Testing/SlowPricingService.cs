using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Testing;

/// <summary>
/// The slow back end of the slow-step tests (issue 16 item 4): a pricing service on a loopback port that answers
/// <c>GET /quote</c> only when <c>answerWhen</c> completes, and the bot (dialogs folder) whose async <c>http</c> step calls it.
/// </summary>
public sealed class SlowPricingService : IAsyncDisposable
{
    /// <summary>The built-in answer to a message that arrives while a slow step is waiting.</summary>
    public const string StillWorking = "I am still working on your last request and will answer here as soon as I have the result.";

    public const string WaitMessage = "One moment, I am asking our pricing service.";

    public const string Answer = "Your quote: 42 EUR.";

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

    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-slow-dialogs-");
    private readonly WebApplication _app;
    private int _calls;
    private int _answered;

    private SlowPricingService(WebApplication app) => _app = app;

    /// <summary>The dialogs folder holding the bot (<c>Dialogs:Path</c>).</summary>
    public string DialogsPath => _dialogs.FullName;

    /// <summary>The service's base URL (<c>Services:Quotes:BaseUrl</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Completes when the bot has called the service.</summary>
    public Task Called => _called.Task;

    public int Calls => Volatile.Read(ref _calls);

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Starts the service and writes the bot; each call answers "42 EUR" once <paramref name="answerWhen"/> completes.</summary>
    public static async Task<SlowPricingService> StartAsync(Func<Task> answerWhen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        SlowPricingService? service = null;
        var app = builder.Build();
        app.MapGet("/quote", async () =>
        {
            Interlocked.Increment(ref service!._calls);
            service._called.TrySetResult();
            await answerWhen();
            Interlocked.Increment(ref service._answered);
            return Results.Json(new { price = "42 EUR" });
        });
        service = new SlowPricingService(app);
        await File.WriteAllTextAsync(Path.Combine(service.DialogsPath, "bot.yaml"), Bot);
        await app.StartAsync();
        service.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _dialogs.Delete(recursive: true);
    }
}
