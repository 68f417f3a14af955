using System.Text;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.Remembering;
using Chatbot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Tests.Fakes;

/// <summary>
/// The real pipeline from <c>AddChatbot</c> with a counter engine (or the real engine over given dialogs), a scripted
/// store, fake time and a local Connector.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private readonly BotUnderTest? _sharing;
    private int _nextId;
    private volatile bool _killed;

    private BotUnderTest(LocalConnectorServer connector, BotUnderTest? sharing, IConversationStore? store)
    {
        Connector = connector;
        _sharing = sharing;
        Store = sharing?.Store ?? new ScriptedStore(store);
        Time = sharing?.Time ?? new WatchedClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    }

    public ServiceProvider Services { get; private set; } = null!;
    public LocalConnectorServer Connector { get; }
    public IActivityEndpoint Endpoint => Services.GetRequiredService<IActivityEndpoint>();
    public CounterEngine Engine { get; } = new();
    public ScriptedStore Store { get; }
    public WatchedClock Time { get; }

    /// <summary>This instance's copy of each conversation's last version (<c>remember: true</c>), else null.</summary>
    public RememberingConversationStore? Remembering { get; private set; }

    /// <summary>
    /// Starts a bot. With <paramref name="sharing"/>, a second instance ("another process") over the same store, clock
    /// and channel, with its own pipeline, engine and in-process state. <paramref name="store"/>: the store under the
    /// scripted one (in memory when null).
    /// </summary>
    /// <param name="remember">This instance keeps its own copy of each conversation's last version (Storage:Remember, as
    /// BotServer composes the file and Cosmos DB stores) in front of the shared store.</param>
    /// <param name="dialogs">When set, the real dialog engine runs these dialogs (with the understanding and phrasing
    /// <c>AddChatbot</c> composes from <paramref name="settings"/>) instead of the counter engine.</param>
    public static async Task<BotUnderTest> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, BotUnderTest? sharing = null, IConversationStore? store = null, bool remember = false, Chatbot.Dialogs.Runtime.CompiledBot? dialogs = null)
    {
        var connector = sharing?.Connector ?? await LocalConnectorServer.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "false",
            ["Turn:TypingDelay"] = "00:00:00",
            ["Emulator:Trace"] = "false", // tests count the channel's requests; trace tests turn it on
        }).AddInMemoryCollection(settings ?? []).Build();

        var bot = new BotUnderTest(connector, sharing, store);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(config);
        if (dialogs is null) collection.AddSingleton<IDialogEngine>(bot.Engine);
        else collection.AddSingleton<IDialogDefinitionsProvider>(new StaticDefinitionsProvider(dialogs));
        collection.AddSingleton<IConversationStore>(remember
            ? bot.Remembering = new RememberingConversationStore(new ProcessStore(bot), new RememberOptions())
            : new ProcessStore(bot));
        collection.AddSingleton<TimeProvider>(bot.Time);
        collection.AddChatbot(config);
        services?.Invoke(collection);
        bot.Services = collection.BuildServiceProvider();
        return bot;
    }

    /// <summary>Stands for kill -9 of this instance: from now on its store calls fail as if the process were gone.</summary>
    public void Kill() => _killed = true;

    /// <summary>
    /// Advances the fake clock in small steps while <paramref name="work"/> runs (it waits on timers: backoff, polling,
    /// leases), until it completes or <paramref name="until"/> holds; then awaits it (bounded in real time).
    /// </summary>
    public async Task<T> PumpAsync<T>(Task<T> work, Func<bool>? until = null, TimeSpan? step = null)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!work.IsCompleted && until?.Invoke() != true)
        {
            if (DateTime.UtcNow > bound) throw new TimeoutException("The work did not finish while the fake clock was advanced.");
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(2)));
            if (!work.IsCompleted && until?.Invoke() != true) Time.Advance(step ?? TimeSpan.FromMilliseconds(20));
        }

        return await work.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Advances the fake clock in small steps until <paramref name="until"/> holds (bounded in real time).</summary>
    public async Task PumpUntilAsync(Func<bool> until)
    {
        var never = new TaskCompletionSource<bool>();
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!until())
        {
            if (DateTime.UtcNow > bound) throw new TimeoutException("The condition did not hold while the fake clock was advanced.");
            await Task.WhenAny(never.Task, Task.Delay(TimeSpan.FromMilliseconds(2)));
            if (!until()) Time.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>
    /// The redelivery race: this instance sends its first reply and the channel has not acknowledged it yet when the channel
    /// redelivers the same activity to <paramref name="other"/>. Asserts that the redelivery is still waiting a second (fake
    /// time) later, then lets the channel acknowledge; returns both statuses and when the redelivery was posted.
    /// </summary>
    public async Task<(int Original, int Redelivery, DateTimeOffset RedeliveredAt)> RedeliverWhileSendingAsync(BotUnderTest other, Activity activity)
    {
        var replyArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channelAcknowledges = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Connector.OnRequest = _ =>
        {
            replyArrived.TrySetResult();
            return channelAcknowledges.Task;
        };

        var original = PostAsync(activity);
        await replyArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var start = Time.GetUtcNow();
        var redelivery = other.PostAsync(activity);
        await other.PumpUntilAsync(() => redelivery.IsCompleted || other.Time.GetUtcNow() >= start.AddSeconds(1)); // other polls meanwhile
        Assert.False(redelivery.IsCompleted, "the redelivery did not wait for the instance that is still sending");
        Connector.OnRequest = null;
        channelAcknowledges.SetResult();

        var originalStatus = (await original.WaitAsync(TimeSpan.FromSeconds(30))).Status;
        return (originalStatus, (await other.PumpAsync(redelivery)).Status, start);
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
        if (_sharing is null) await Connector.DisposeAsync();
    }

    /// <summary>This instance's view of the shared store: gone once the instance is killed.</summary>
    private sealed class ProcessStore(BotUnderTest bot) : IConversationStore
    {
        public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken) =>
            bot._killed ? throw new SimulatedCrashException() : bot.Store.ReadAsync(id, cancellationToken);

        public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) =>
            bot._killed ? throw new SimulatedCrashException() : bot.Store.WriteAsync(id, content, ifMatch, cancellationToken);

        public Task DeleteAsync(string id, CancellationToken cancellationToken) => bot.Store.DeleteAsync(id, cancellationToken);

        public bool KeepsNotes => bot.Store.KeepsNotes;

        public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) =>
            bot._killed ? throw new SimulatedCrashException() : bot.Store.WriteNoteAsync(id, note, ifMatch, cancellationToken);

        public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) =>
            bot._killed ? throw new SimulatedCrashException() : bot.Store.SetAsideAsync(id, ifMatch, cancellationToken);
    }
}

internal static class BotServices
{
    /// <summary>The instance's conversation gate; <c>Waiting(channel, conversation)</c> counts turns queued behind the running one.</summary>
    public static GateView GetGate(this IServiceProvider services) => new(services.GetRequiredService<Chatbot.Bot.Middleware.Ordering.ConversationGate>());

    public sealed class GateView(Chatbot.Bot.Middleware.Ordering.ConversationGate gate)
    {
        public int Count => gate.Count;

        public int Waiting(string channelId, string conversationId) => gate.Waiting(Chatbot.Bot.Pipeline.ConversationKey.For(channelId, conversationId));
    }
}

internal sealed record Response(int Status, string Body, string Allow, string RetryAfter);
