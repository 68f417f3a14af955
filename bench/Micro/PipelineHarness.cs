using System.Text;
using Chatbot.Bot;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The whole bot pipeline in process (no Kestrel, no network): POST body -> endpoint -> state read -> engine ->
/// state write -> reply handed to the connector. Counts storage operations and replies per turn.
/// </summary>
/// <remarks>
/// Without settings the store is a bare in-memory store. With settings (<c>Storage:*</c>, <c>CosmosDb:*</c>) the store
/// is the one <c>AddChatbot</c> composes from them, as BotServer does (circuit breaker included), with the counter
/// wrapped around it; <paramref name="configure"/> runs after <c>AddChatbot</c> (e.g. to pin a test certificate).
/// </remarks>
internal sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IActivityEndpoint _endpoint;
    private int _activitySeq;

    public CountingStore Store { get; private set; } = null!;

    public CountingConnector Connector { get; } = new();

    public PipelineHarness(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["Dialogs:Path"] = BenchDialog.Folder() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        if (settings is null)
        {
            Store = new CountingStore(new InMemoryConversationStore());
            services.AddSingleton<IConversationStore>(Store);
        }

        services.AddSingleton<IConnectorClient>(Connector);
        services.AddChatbot(configuration);
        if (settings is not null)
        {
            // The composed store (whatever AddChatbot registered for these settings) behind the counter.
            var composed = services.Last(d => d.ServiceType == typeof(IConversationStore));
            services.Remove(composed);
            services.AddSingleton<IConversationStore>(sp => Store = new CountingStore(
                composed.ImplementationFactory?.Invoke(sp) as IConversationStore
                ?? composed.ImplementationInstance as IConversationStore
                ?? (IConversationStore)ActivatorUtilities.CreateInstance(sp, composed.ImplementationType!)));
        }

        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _endpoint = _services.GetRequiredService<IActivityEndpoint>();
        EngineType = _services.GetRequiredService<IDialogEngine>().GetType().Name;
        _ = _services.GetRequiredService<IConversationStore>();
    }

    /// <summary>The services, for a store's own type (e.g. to name the concrete store).</summary>
    public IServiceProvider Services => _services;

    public string EngineType { get; }

    /// <summary>Posts one message activity and returns the HTTP status.</summary>
    public async Task<int> PostAsync(string conversationId, string text)
    {
        var context = MessageRequest(_services, "http://127.0.0.1:1", conversationId, text, Interlocked.Increment(ref _activitySeq));
        await _endpoint.HandleAsync(context).ConfigureAwait(false);
        return context.Response.StatusCode;
    }

    /// <summary>The POST of one message activity as the load generator sends it (Emulator channel, a named recipient).</summary>
    internal static DefaultHttpContext MessageRequest(IServiceProvider services, string serviceUrl, string conversationId, string text, int id)
    {
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"type":"message","id":"a-{{{id}}}","timestamp":"2026-11-27T06:00:00Z","channelId":"emulator","serviceUrl":"{{{serviceUrl}}}","text":"{{{text}}}","locale":"en-US","from":{"id":"u-{{{conversationId}}}","name":"User","role":"user"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"conversation":{"id":"{{{conversationId}}}"}}""");
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = Stream.Null;
        return context;
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>Counts reads and writes and remembers the largest document written.</summary>
internal sealed class CountingStore(IConversationStore inner) : IConversationStore
{
    public int Reads;
    public int Remembered;
    public int Writes;
    public long BytesWritten;
    public int MaxDocumentBytes;
    public string? LastDocument;
    public bool Record { get; set; } = true;

    public IConversationStore Inner => inner;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        return inner.ReadAsync(id, cancellationToken);
    }

    /// <summary>Counted as a read only when the store was asked (not served from the process's copy, Storage:Remember).</summary>
    public async Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await inner.ReadLastKnownAsync(id, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref stored is { Remembered: true } ? ref Remembered : ref Reads);
        return stored;
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Writes);
        Interlocked.Add(ref BytesWritten, content.Length);
        if (content.Length > MaxDocumentBytes)
        {
            MaxDocumentBytes = content.Length;
        }

        if (Record)
        {
            LastDocument = Encoding.UTF8.GetString(content.Span);
        }
        return inner.WriteAsync(id, content, ifMatch, cancellationToken);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

    public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) => inner.SetAsideAsync(id, ifMatch, cancellationToken);

    public bool KeepsNotes => inner.KeepsNotes;

    /// <summary>Counted as a write (of the note's bytes): the delivery record, when the store keeps notes.</summary>
    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Writes);
        Interlocked.Add(ref BytesWritten, note.Length);
        return inner.WriteNoteAsync(id, note, ifMatch, cancellationToken);
    }
}

/// <summary>A connector that accepts every activity and keeps the last reply text.</summary>
internal sealed class CountingConnector : IConnectorClient
{
    private static readonly Task<ResourceResponse> Accepted = Task.FromResult(new ResourceResponse { Id = "r" });
    public int Sends;
    public List<string> Texts { get; } = [];
    public bool Record { get; set; }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Sends);
        if (Record && activity.Type == ActivityTypes.Message)
        {
            lock (Texts) Texts.Add(activity.Text ?? "");
        }

        return Accepted;
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Accepted;

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
}
