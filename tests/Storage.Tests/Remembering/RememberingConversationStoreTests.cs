using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.File;
using Chatbot.Storage.InMemory;
using Chatbot.Storage.Remembering;
using Chatbot.Storage.Resilience;
using Chatbot.Storage.Tests.Contract;
using Chatbot.Storage.Tests.Cosmos;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Remembering;

/// <summary>
/// The copy of each conversation's last version: served only by <see cref="IConversationStore.ReadLastKnownAsync"/>, set
/// only from what the store answered, dropped when a write's outcome is unknown, not served while the store is down, bounded.
/// </summary>
public sealed class RememberingConversationStoreTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-remember-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task After_a_write_and_a_note_the_last_known_version_is_served_from_memory_exactly_as_the_store_reads_it()
    {
        var store = Remember(FileStore());
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1,"text":"grüß dich"}"""), null, Ct);
        var noted = await store.WriteNoteAsync("conv-1", Json("""{"id":"a1","delivered":true}"""), etag, Ct);

        var remembered = await store.ReadLastKnownAsync("conv-1", Ct);
        var stored = await FileStore().ReadAsync("conv-1", Ct); // another process's view: from the files

        Assert.NotNull(remembered);
        Assert.True(remembered.Remembered);
        Assert.False(stored!.Remembered);
        Assert.Equal((noted, Text(stored.Content), Text(stored.Note!.Value)), (remembered.ETag, Text(remembered.Content), Text(remembered.Note!.Value)));
    }

    [Fact]
    public async Task Only_the_turns_first_read_is_served_from_memory_every_other_read_asks_the_store()
    {
        var inner = new CountingStore(new InMemoryConversationStore());
        var store = Remember(inner);
        await store.WriteAsync("conv-1", Json("{}"), null, Ct);

        Assert.True((await store.ReadLastKnownAsync("conv-1", Ct))!.Remembered);
        Assert.False((await store.ReadAsync("conv-1", Ct))!.Remembered);
        Assert.Null(await store.ReadLastKnownAsync("never-written", Ct)); // nothing remembered: asks the store
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public async Task A_copy_another_process_made_stale_is_refused_by_the_conditional_write_and_the_next_read_asks_the_store()
    {
        var a = Remember(FileStore());
        var b = Remember(FileStore()); // another process on the same folder
        var first = await a.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var seenByB = await b.ReadLastKnownAsync("conv-1", Ct);
        await b.WriteAsync("conv-1", Json("""{"turn":2}"""), seenByB!.ETag, Ct);

        var stale = await a.ReadLastKnownAsync("conv-1", Ct);
        Assert.Equal((first, """{"turn":1}"""), (stale!.ETag, Text(stale.Content)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => a.WriteAsync("conv-1", Json("""{"turn":2}"""), stale.ETag, Ct));

        var current = await a.ReadLastKnownAsync("conv-1", Ct);
        Assert.False(current!.Remembered);
        Assert.Equal("""{"turn":2}""", Text(current.Content));
    }

    [Fact]
    public async Task A_conversation_another_process_writes_too_is_read_from_the_store_from_then_on()
    {
        var a = Remember(FileStore());
        var b = Remember(FileStore());
        var etag = await a.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await a.WriteAsync("conv-2", Json("""{"turn":1}"""), null, Ct);
        await b.WriteAsync("conv-1", Json("""{"turn":2}"""), (await b.ReadAsync("conv-1", Ct))!.ETag, Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => a.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));

        var current = await a.ReadLastKnownAsync("conv-1", Ct);
        await a.WriteAsync("conv-1", Json("""{"turn":3}"""), current!.ETag, Ct);

        Assert.False((await a.ReadLastKnownAsync("conv-1", Ct))!.Remembered); // written elsewhere too: no copy served
        Assert.True((await a.ReadLastKnownAsync("conv-2", Ct))!.Remembered);  // only this process writes it

        // Found by a read as well (a turn that wrote nothing confirms its copy with one).
        await b.WriteAsync("conv-2", Json("""{"turn":2}"""), (await b.ReadAsync("conv-2", Ct))!.ETag, Ct);
        Assert.Equal("""{"turn":2}""", Text((await a.ReadAsync("conv-2", Ct))!.Content));
        Assert.False((await a.ReadLastKnownAsync("conv-2", Ct))!.Remembered);
    }

    [Fact]
    public async Task A_write_that_timed_out_drops_the_copy_even_when_the_store_applied_it()
    {
        var inner = new LateStore(new InMemoryConversationStore());
        var store = Remember(inner);
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        inner.ApplyThenTimeOut = true;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));

        var next = await store.ReadLastKnownAsync("conv-1", Ct);
        Assert.False(next!.Remembered);
        Assert.Equal("""{"turn":2}""", Text(next.Content)); // what the store holds, not the copy from before
    }

    [Fact]
    public async Task A_note_that_failed_and_a_delete_drop_the_copy()
    {
        var inner = new LateStore(new InMemoryConversationStore());
        var store = Remember(inner);
        var etag = await store.WriteAsync("conv-1", Json("{}"), null, Ct);
        inner.ApplyThenTimeOut = true;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteNoteAsync("conv-1", Json("{}"), etag, Ct));
        inner.ApplyThenTimeOut = false;
        Assert.False((await store.ReadLastKnownAsync("conv-1", Ct))!.Remembered);

        await store.WriteAsync("conv-2", Json("{}"), null, Ct);
        await store.DeleteAsync("conv-2", Ct);
        Assert.Null(await store.ReadLastKnownAsync("conv-2", Ct));
    }

    [Fact]
    public async Task While_the_circuit_is_open_no_copy_is_served_and_the_turns_read_fails_at_once()
    {
        var time = new FakeTimeProvider();
        var inner = new LateStore(new InMemoryConversationStore());
        var breaker = new CircuitBreakingConversationStore(inner, new StoreCircuitBreakerOptions { MinimumThroughput = 2 }, time);
        var store = new RememberingConversationStore(breaker, new RememberOptions(), breaker);
        await store.WriteAsync("conv-1", Json("{}"), null, Ct);
        inner.Down = true;
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("other", Ct));
        }

        Assert.False(breaker.IsAvailable);
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadLastKnownAsync("conv-1", Ct));
        Assert.Contains("Storage:CircuitBreaker", refused.Message, StringComparison.Ordinal);

        inner.Down = false;
        time.Advance(TimeSpan.FromSeconds(6)); // the break is over: the next operation probes the store
        Assert.Equal("{}", Text((await store.ReadLastKnownAsync("conv-1", Ct))!.Content));
    }

    [Fact]
    public async Task Copies_are_bounded_by_count_least_recently_used_first_out()
    {
        var inner = new CountingStore(new InMemoryConversationStore());
        var store = Remember(inner, new RememberOptions { MaxDocuments = 3 });
        foreach (var id in new[] { "c1", "c2", "c3" }) await store.WriteAsync(id, Json("{}"), null, Ct);
        Assert.True((await store.ReadLastKnownAsync("c1", Ct))!.Remembered); // c1 used: c2 is now the oldest

        await store.WriteAsync("c4", Json("{}"), null, Ct);

        Assert.Equal(3, store.Count);
        Assert.False((await store.ReadLastKnownAsync("c2", Ct))!.Remembered);
        Assert.True((await store.ReadLastKnownAsync("c4", Ct))!.Remembered);
    }

    [Fact]
    public async Task Copies_are_bounded_by_bytes()
    {
        var store = Remember(new InMemoryConversationStore(maxDocumentBytes: 1 << 20), new RememberOptions { MaxBytes = 65_536 });
        var document = Json($$"""{"text":"{{new string('x', 10_000)}}"}""");
        for (var i = 0; i < 20; i++) await store.WriteAsync($"c{i}", document, null, Ct);

        Assert.InRange(store.Bytes, 1, 65_536);
        Assert.InRange(store.Count, 5, 6);
        Assert.True((await store.ReadLastKnownAsync("c19", Ct))!.Remembered);
        Assert.False((await store.ReadLastKnownAsync("c0", Ct))!.Remembered);
    }

    [Fact]
    public async Task A_read_that_started_before_a_write_never_replaces_the_newer_copy_when_it_ends_after_it()
    {
        var inner = new LateStore(new InMemoryConversationStore());
        var store = Remember(inner);
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inner.HoldReads = release.Task;

        var slowRead = store.ReadAsync("conv-1", Ct); // reads turn 1, answers later
        inner.HoldReads = null;
        await store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct);
        release.SetResult();
        Assert.Equal("""{"turn":1}""", Text((await slowRead)!.Content));

        var remembered = await store.ReadLastKnownAsync("conv-1", Ct);
        Assert.Equal((true, """{"turn":2}"""), (remembered!.Remembered, Text(remembered.Content)));
    }

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static RememberingConversationStore Remember(IConversationStore inner, RememberOptions? options = null) =>
        new(inner, options ?? new RememberOptions());

    private FileConversationStore FileStore()
    {
        var store = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = _folder }), TimeProvider.System);
        _owned.Add(store);
        return store;
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private sealed class CountingStore(IConversationStore inner) : DelegatingConversationStore(inner)
    {
        public int Reads;

        public override Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            return Inner.ReadAsync(id, cancellationToken);
        }
    }

    /// <summary>A store that can be down, can apply a write and then time out (D1), and can hold a read's answer back.</summary>
    private sealed class LateStore(IConversationStore inner) : DelegatingConversationStore(inner)
    {
        public bool Down { get; set; }

        public bool ApplyThenTimeOut { get; set; }

        public Task? HoldReads { get; set; }

        public override async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
        {
            if (Down) throw new StoreUnavailableException("down");
            var hold = HoldReads;
            var stored = await Inner.ReadAsync(id, cancellationToken);
            if (hold is not null) await hold;
            return stored;
        }

        public override async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
        {
            if (Down) throw new StoreUnavailableException("down");
            var etag = await Inner.WriteAsync(id, content, ifMatch, cancellationToken);
            return ApplyThenTimeOut ? throw new StoreUnavailableException("timed out (applied)") : etag;
        }

        public override async Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
        {
            var etag = await Inner.WriteNoteAsync(id, note, ifMatch, cancellationToken);
            return ApplyThenTimeOut ? throw new StoreUnavailableException("timed out (applied)") : etag;
        }
    }
}

/// <summary>The whole store contract through the remembering wrapper, over files (each instance another process).</summary>
public sealed class RememberingFileStoreContractTests : ConversationStoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-remember-contract-" + Guid.NewGuid().ToString("N"));
    private readonly List<FileConversationStore> _stores = [];

    protected override IConversationStore CreateStore()
    {
        var store = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = _folder, MaxDocumentBytes = Limit }), TimeProvider.System);
        _stores.Add(store);
        return new RememberingConversationStore(store, new RememberOptions());
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Against the Cosmos DB test server: what the copy saves on the wire, and what it serves.</summary>
[Collection(CosmosServerCollection.Name)]
public sealed class RememberingCosmosStoreTests(CosmosServerFixture server) : IDisposable
{
    private readonly string _container = "r" + Guid.NewGuid().ToString("N");
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task A_turn_after_one_in_the_same_process_costs_no_point_read_and_sees_the_same_document_as_another_process()
    {
        var store = new RememberingConversationStore(NewStore(), new RememberOptions());
        var peer = NewStore(); // another process, its own client
        await store.WriteAsync("warm-up", "{}"u8.ToArray(), null, CancellationToken.None);

        var before = await server.DocumentRequestsAsync(_container);
        var missing = await store.ReadLastKnownAsync("conv-1", CancellationToken.None);                               // new conversation: GET
        var etag = await store.WriteAsync("conv-1", """{"turn":1,"text":"é"}"""u8.ToArray(), missing?.ETag, CancellationToken.None); // POST
        var next = await store.ReadLastKnownAsync("conv-1", CancellationToken.None);                                  // from memory
        var after = await server.DocumentRequestsAsync(_container);

        Assert.Equal(1, after.GetValueOrDefault("GET") - before.GetValueOrDefault("GET"));
        Assert.Equal((true, etag), (next!.Remembered, next.ETag));
        var stored = await peer.ReadAsync("conv-1", CancellationToken.None);
        Assert.Equal(etag, stored!.ETag);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored.Content.Span), JsonNode.Parse(next.Content.Span)));
        await store.WriteAsync("conv-1", """{"turn":2}"""u8.ToArray(), next.ETag, CancellationToken.None); // the copy's ETag is the store's
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private CosmosConversationStore NewStore()
    {
        var store = new CosmosConversationStore(Options.Create(server.CreateOptions(_container)), TimeProvider.System);
        _owned.Add(store);
        return store;
    }
}
