using Chatbot.Storage.InMemory;
using Chatbot.Storage.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.InMemory;

public sealed class InMemoryConversationStoreTests : ConversationStoreContractTests
{
    private readonly InMemoryConversationStore _store = new(Limit);

    protected override IConversationStore CreateStore() => _store;

    [Fact]
    public async Task The_caller_changing_its_buffer_after_a_write_does_not_change_the_stored_state()
    {
        var buffer = Json("""{"n":1}""");
        await _store.WriteAsync("conv-1", buffer, null, Ct);

        buffer[5] = (byte)'9';

        Assert.Equal("""{"n":1}""", System.Text.Encoding.UTF8.GetString((await _store.ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_cancelled_call_does_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WriteAsync("conv-1", Json("{}"), null, cts.Token));
        Assert.Equal(0, _store.Count);
    }

    private readonly FakeTimeProvider _time = new();

    private InMemoryConversationStore Bounded(int ttlSeconds = 3600, int maxDocuments = 10_000, long maxBytes = 1 << 24) =>
        new(new InMemoryStoreOptions { TimeToLiveSeconds = ttlSeconds, MaxDocuments = maxDocuments, MaxBytes = maxBytes }, _time, Limit);

    [Fact]
    public async Task A_conversation_not_written_for_the_ttl_is_gone_and_a_writer_holding_its_etag_gets_a_conflict()
    {
        var store = Bounded(ttlSeconds: 60);
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await store.ReadAsync("conv-1", Ct));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await store.ReadAsync("conv-1", Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteNoteAsync("conv-1", Json("{}"), etag, Ct));
        var fresh = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct); // a new conversation, created as any other
        Assert.NotEqual(etag, fresh);
    }

    [Fact]
    public async Task The_ttl_counts_from_the_last_write_or_note_as_in_cosmos_not_from_the_last_read()
    {
        var store = Bounded(ttlSeconds: 60);
        var etag = await store.WriteAsync("written", Json("{}"), null, Ct);
        await store.WriteAsync("read", Json("{}"), null, Ct);

        _time.Advance(TimeSpan.FromSeconds(40));
        await store.WriteNoteAsync("written", Json("""{"delivered":true}"""), etag, Ct);
        Assert.NotNull(await store.ReadAsync("read", Ct));
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.NotNull(await store.ReadAsync("written", Ct));
        Assert.Null(await store.ReadAsync("read", Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_ttl_of_zero_or_minus_one_never_expires(int ttlSeconds)
    {
        var store = Bounded(ttlSeconds);
        await store.WriteAsync("conv-1", Json("{}"), null, Ct);

        _time.Advance(TimeSpan.FromDays(400));

        Assert.NotNull(await store.ReadAsync("conv-1", Ct));
    }

    [Fact]
    public async Task Expired_conversations_no_one_reads_again_are_dropped_by_a_later_write()
    {
        var store = Bounded(ttlSeconds: 30);
        for (var i = 0; i < 5; i++)
        {
            await store.WriteAsync($"old-{i}", Json("{}"), null, Ct);
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        await store.WriteAsync("new", Json("{}"), null, Ct);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Beyond_the_count_bound_the_least_recently_used_conversation_is_dropped()
    {
        var store = Bounded(maxDocuments: 3);
        await store.WriteAsync("a", Json("{}"), null, Ct);
        await store.WriteAsync("b", Json("{}"), null, Ct);
        await store.WriteAsync("c", Json("{}"), null, Ct);
        await store.ReadAsync("a", Ct); // used: b is now the least recently used

        await store.WriteAsync("d", Json("{}"), null, Ct);

        Assert.Null(await store.ReadAsync("b", Ct));
        foreach (var id in new[] { "a", "c", "d" })
        {
            Assert.NotNull(await store.ReadAsync(id, Ct));
        }

        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Beyond_the_byte_bound_the_least_recently_used_conversations_are_dropped_and_the_bytes_stay_under_it()
    {
        var store = new InMemoryConversationStore(new InMemoryStoreOptions { MaxBytes = 65_536 }, _time, maxDocumentBytes: 30_000);
        var big = Json($$"""{"blob":"{{new string('x', 25_000)}}"}""");
        await store.WriteAsync("a", big, null, Ct);
        await store.WriteAsync("b", big, null, Ct);

        await store.WriteAsync("c", big, null, Ct);

        Assert.Null(await store.ReadAsync("a", Ct));
        Assert.NotNull(await store.ReadAsync("b", Ct));
        Assert.NotNull(await store.ReadAsync("c", Ct));
        Assert.InRange(store.Bytes, 50_000, 65_536);
    }

    [Fact]
    public async Task A_turn_whose_conversation_was_dropped_meanwhile_gets_a_conflict_and_its_re_run_finds_a_new_conversation()
    {
        var store = Bounded(maxDocuments: 1);
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var read = await store.ReadAsync("conv-1", Ct); // the turn's read

        await store.WriteAsync("conv-2", Json("{}"), null, Ct); // another conversation pushes conv-1 out

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), read!.ETag, Ct));
        Assert.Null(await store.ReadAsync("conv-1", Ct)); // the re-run's read
        Assert.NotEqual(etag, await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct));
    }

    [Fact]
    public async Task Deleting_and_replacing_conversations_leaves_no_bytes_counted_for_what_is_gone()
    {
        var store = Bounded();
        var etag = await store.WriteAsync("conv-1", Json("""{"n":1}"""), null, Ct);
        await store.WriteAsync("conv-1", Json("""{"n":22222}"""), etag, Ct);
        var one = store.Bytes;
        await store.WriteAsync("conv-2", Json("""{"n":1}"""), null, Ct);

        await store.DeleteAsync("conv-2", Ct);

        Assert.Equal(one, store.Bytes);
        await store.DeleteAsync("conv-1", Ct);
        Assert.Equal((0, 0L), (store.Count, store.Bytes));
    }
}
