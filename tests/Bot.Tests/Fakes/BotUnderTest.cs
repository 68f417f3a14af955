using System.Text;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Tests.Fakes;

/// <summary>The real pipeline from <c>AddChatbot</c> with a counter engine, a scripted store, fake time and a local Connector.</summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private int _nextId;

    private BotUnderTest(ServiceProvider services, LocalConnectorServer connector)
    {
        Services = services;
        Connector = connector;
    }

    public ServiceProvider Services { get; }
    public LocalConnectorServer Connector { get; }
    public IActivityEndpoint Endpoint => Services.GetRequiredService<IActivityEndpoint>();
    public CounterEngine Engine { get; } = new();
    public ScriptedStore Store { get; } = new();
    public WatchedClock Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public static async Task<BotUnderTest> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var connector = await LocalConnectorServer.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "false",
            ["Turn:TypingDelay"] = "00:00:00",
        }).AddInMemoryCollection(settings ?? []).Build();

        BotUnderTest? bot = null;
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(config);
        collection.AddSingleton<IDialogEngine>(_ => bot!.Engine);
        collection.AddSingleton<IConversationStore>(_ => bot!.Store);
        collection.AddSingleton<TimeProvider>(_ => bot!.Time);
        collection.AddChatbot(config);
        services?.Invoke(collection);
        bot = new BotUnderTest(collection.BuildServiceProvider(), connector);
        return bot;
    }

    public Activity Message(string text, string conversationId = "conv-1", string? id = null, string userId = "user-1") => new()
    {
        Type = ActivityTypes.Message,
        Id = id ?? $"act-{Interlocked.Increment(ref _nextId)}",
        ChannelId = "emulator",
        ServiceUrl = Connector.ServiceUrl,
        From = new ChannelAccount { Id = userId, Name = "User" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "Bot" },
        Conversation = new ConversationAccount { Id = conversationId },
        Text = text,
        Locale = "en-US",
    };

    public Task<Response> PostAsync(Activity activity, string? authorization = null) =>
        PostRawAsync(ActivitySerializer.Serialize(activity), authorization: authorization);

    public async Task<Response> PostRawAsync(string body, string contentType = "application/json", string method = "POST", string? authorization = null, bool sendLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        if (sendLength) context.Request.ContentLength = bytes.Length;
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        await Endpoint.HandleAsync(context);
        return new Response(context.Response.StatusCode, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response.Headers.Allow.ToString(), context.Response.Headers.RetryAfter.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

internal sealed record Response(int Status, string Body, string Allow, string RetryAfter);
