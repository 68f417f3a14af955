using System.Text;
using System.Text.Json.Nodes;

namespace Chatbot.Storage.Tests.Contract;

/// <summary>
/// The contract every <see cref="IConversationStore"/> keeps (src/Storage/IConversationStore.cs); each store's test class
/// derives from this and supplies a factory, so in-memory, file and Cosmos stores are held to exactly the same behaviour.
/// </summary>
public abstract class ConversationStoreContractTests
{
    /// <summary>The size limit every store under test is created with.</summary>
    protected const int Limit = 4096;

    /// <summary>A store with <see cref="Limit"/>; every call within one test sees the same underlying data.</summary>
    protected abstract IConversationStore CreateStore();

    /// <summary>Another store instance over the same data (another process's view); defaults to the same instance.</summary>
    protected virtual IConversationStore CreatePeerStore() => CreateStore();

    protected static CancellationToken Ct => CancellationToken.None;

    protected static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Reading_a_conversation_that_was_never_written_returns_null()
    {
        var store = CreateStore();
        Assert.Null(await store.ReadAsync("emulator:never-written", Ct));
    }

    [Fact]
    public async Task Create_only_write_stores_the_document_and_returns_the_etag_a_read_sees()
    {
        var store = CreateStore();
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), ifMatch: null, Ct);

        var read = await store.ReadAsync("conv-1", Ct);
        Assert.NotNull(read);
        Assert.Equal("conv-1", read.Id);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString(read.Content.Span));
    }

    [Fact]
    public async Task Create_only_write_of_an_existing_document_conflicts_and_keeps_the_first()
    {
        var store = CreateStore();
        await store.WriteAsync("conv-1", Json("""{"writer":"first"}"""), null, Ct);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.WriteAsync("conv-1", Json("""{"writer":"second"}"""), null, Ct));

        Assert.Equal("conv-1", ex.DocumentId);
        var read = await store.ReadAsync("conv-1", Ct);
        Assert.Equal("""{"writer":"first"}""", Encoding.UTF8.GetString(read!.Content.Span));
    }

    [Fact]
    public async Task A_version_set_aside_leaves_the_conversation_free_to_start_over_and_a_stale_etag_moves_nothing()
    {
        var store = CreateStore();
        var first = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var second = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), first, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SetAsideAsync("conv-1", first, Ct));
        Assert.Equal(second, (await CreatePeerStore().ReadAsync("conv-1", Ct))!.ETag);

        var kept = await store.SetAsideAsync("conv-1", second, Ct);

        Assert.False(string.IsNullOrWhiteSpace(kept));
        Assert.Null(await CreatePeerStore().ReadAsync("conv-1", Ct));
        await store.WriteAsync("conv-1", Json("""{"turn":1,"again":true}"""), null, Ct);
        Assert.Equal("""{"turn":1,"again":true}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SetAsideAsync("conv-2", second, Ct));
    }

    [Fact]
    public async Task Replace_with_the_current_etag_stores_the_new_content_under_a_new_etag()
    {
        var store = CreateStore();
        var first = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);

        var second = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), first, Ct);

        Assert.NotEqual(first, second);
        var read = await store.ReadAsync("conv-1", Ct);
        Assert.Equal(second, read!.ETag);
        Assert.Equal("""{"turn":2}""", Encoding.UTF8.GetString(read.Content.Span));
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_conflicts_and_keeps_the_winner()
    {
        var store = CreateStore();
        var original = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var winner = await store.WriteAsync("conv-1", Json("""{"turn":2,"by":"winner"}"""), original, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.WriteAsync("conv-1", Json("""{"turn":2,"by":"loser"}"""), original, Ct));

        var read = await store.ReadAsync("conv-1", Ct);
        Assert.Equal(winner, read!.ETag);
        Assert.Equal("""{"turn":2,"by":"winner"}""", Encoding.UTF8.GetString(read.Content.Span));
    }

    [Fact]
    public async Task Replace_of_a_document_that_is_gone_conflicts_instead_of_recreating_it()
    {
        var store = CreateStore();
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await store.DeleteAsync("conv-1", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));
        Assert.Null(await store.ReadAsync("conv-1", Ct));
    }

    [Fact]
    public async Task Content_round_trips_byte_for_byte_including_unicode()
    {
        var store = CreateStore();
        // Compact JSON with characters outside ASCII written as UTF-8, the way the state serialiser writes it.
        const string content = """{"v":3,"name":"Zoë Ñúñez","greeting":"こんにちは 👋","quote":"\"hi\"\n","n":-12.5,"list":[1,true,null,{"a":"b"}]}""";
        var bytes = Json(content);

        var etag = await store.WriteAsync("conv-unicode", bytes, null, Ct);
        var read = await store.ReadAsync("conv-unicode", Ct);

        Assert.Equal(etag, read!.ETag);
        Assert.Equal(bytes, read.Content.ToArray());
    }

    [Fact]
    public async Task Escaped_unicode_content_reads_back_as_the_same_json()
    {
        var store = CreateStore();
        const string content = """{"name":"Zo\u00EB","emoji":"\uD83D\uDC4B","html":"\u003Cb\u003E"}""";

        await store.WriteAsync("conv-escaped", Json(content), null, Ct);
        var read = await store.ReadAsync("conv-escaped", Ct);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), JsonNode.Parse(read!.Content.Span)),
            $"read back {Encoding.UTF8.GetString(read.Content.Span)}");
    }

    [Fact]
    public async Task Delete_removes_the_document_and_a_new_conversation_can_start_under_the_same_id()
    {
        var store = CreateStore();
        await store.WriteAsync("conv-1", Json("""{"turn":9}"""), null, Ct);

        await store.DeleteAsync("conv-1", Ct);

        Assert.Null(await store.ReadAsync("conv-1", Ct));
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task Deleting_a_document_that_does_not_exist_is_not_an_error()
    {
        var store = CreateStore();
        await store.DeleteAsync("conv-never", Ct);
        Assert.Null(await store.ReadAsync("conv-never", Ct));
    }

    [Fact]
    public async Task Ids_are_exact_case_and_channel_style_characters_are_kept_apart()
    {
        var store = CreateStore();
        string[] ids =
        [
            "Conv-A", "conv-a",
            DocumentIds.ForConversation("emulator", "0f8a7f10-3c5b-11ef-9aa2-8b1f3c7d0c11|livechat"),
            DocumentIds.ForConversation("msteams", "19:meeting_abc@thread.v2;messageid=1712345678901"),
            DocumentIds.ForConversation("directline", "Ab1/Cd2?x#y%z"),
            "webchat:unicode-ü-日本",
        ];
        foreach (var id in ids)
        {
            await store.WriteAsync(id, Json($$"""{"id":"{{System.Text.Json.JsonEncodedText.Encode(id)}}"}"""), null, Ct);
        }

        foreach (var id in ids)
        {
            var read = await store.ReadAsync(id, Ct);
            Assert.True(read is not null, $"'{id}' was not found after it was written");
            Assert.Equal(id, JsonNode.Parse(read.Content.Span)!["id"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("emulator/conv")]
    [InlineData("a\\b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a%2Fb")]
    [InlineData("tab\there")]
    public async Task Ids_cosmos_would_reject_are_refused_by_every_store(string id)
    {
        var store = CreateStore();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadAsync(id, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.WriteAsync(id, Json("{}"), null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeleteAsync(id, Ct));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_stored_under_a_shortened_id_and_read_back()
    {
        var store = CreateStore();
        var key = DocumentIds.ForConversation("msteams", "19:" + new string('x', 400) + "@thread.v2");

        var etag = await store.WriteAsync(key, Json("""{"turn":1}"""), null, Ct);
        await store.WriteAsync(key, Json("""{"turn":2}"""), etag, Ct);

        var read = await store.ReadAsync(key, Ct);
        Assert.Equal(key, read!.Id);
        Assert.Equal("""{"turn":2}""", Encoding.UTF8.GetString(read.Content.Span));
        await store.DeleteAsync(key, Ct);
        Assert.Null(await store.ReadAsync(key, Ct));
    }

    // F9 of the red-team run: a crafted short conversation id continued a victim's order.
    [Fact]
    public async Task A_crafted_short_conversation_id_never_reads_the_state_of_a_long_one()
    {
        var (longId, crafted) = CollidingIds.UnderTheOldScheme();
        var store = CreateStore();
        var victim = DocumentIds.ForConversation("msteams", longId);
        await store.WriteAsync(victim, Json("""{"order":"the victim's"}"""), null, Ct);

        var attacker = await store.ReadAsync(DocumentIds.ForConversation("msteams", crafted), Ct);

        Assert.Null(attacker);
        Assert.Equal("""{"order":"the victim's"}""", Encoding.UTF8.GetString((await store.ReadAsync(victim, Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_document_over_the_limit_is_refused_and_the_stored_one_is_kept()
    {
        var store = CreateStore();
        var etag = await store.WriteAsync("conv-big", Json("""{"small":true}"""), null, Ct);
        var big = Json($$"""{"blob":"{{new string('x', Limit)}}"}""");

        var ex = await Assert.ThrowsAsync<DocumentTooLargeException>(() => store.WriteAsync("conv-big", big, etag, Ct));

        Assert.Equal(big.Length, ex.Bytes);
        Assert.Equal(Limit, ex.Limit);
        Assert.Equal(etag, (await store.ReadAsync("conv-big", Ct))!.ETag);
    }

    [Fact]
    public async Task A_document_exactly_at_the_limit_is_stored()
    {
        var store = CreateStore();
        const string prefix = "{\"blob\":\"";
        var content = Json(prefix + new string('x', Limit - prefix.Length - 2) + "\"}");
        Assert.Equal(Limit, content.Length);

        await store.WriteAsync("conv-limit", content, null, Ct);

        Assert.Equal(content, (await store.ReadAsync("conv-limit", Ct))!.Content.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"unterminated\":")]
    [InlineData("{} {}")]
    [InlineData("not json")]
    public async Task Content_that_is_not_one_json_value_is_refused_and_nothing_is_written(string content)
    {
        var store = CreateStore();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.WriteAsync("conv-bad", Json(content), null, Ct));
        Assert.Null(await store.ReadAsync("conv-bad", Ct));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_increments_lose_no_update()
    {
        const int writers = 24;
        var stores = new[] { CreateStore(), CreatePeerStore() };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await IncrementAsync(stores[i % stores.Length], "conv-counter", Ct);
            }, Ct))
            .ToArray();

        start.SetResult();
        var attempts = await Task.WhenAll(tasks);

        var read = await stores[0].ReadAsync("conv-counter", Ct);
        Assert.Equal(writers, JsonNode.Parse(read!.Content.Span)!["count"]!.GetValue<int>());
        Assert.All(attempts, a => Assert.True(a >= 1));
    }

    [Fact]
    public async Task An_index_key_finds_the_conversation_that_registered_it_and_an_unknown_key_none()
    {
        var index = new ConversationIndex(CreateStore());
        var alice = new IndexedConversation("msteams", "a:1Xq9/alice?");

        Assert.Equal(IndexWrite.Added, await index.SetAsync("order:AB12345", alice, replace: false, Ct));

        Assert.Equal(alice, await new ConversationIndex(CreatePeerStore()).FindAsync("order:AB12345", Ct));
        Assert.Null(await index.FindAsync("order:AB99999", Ct));
        Assert.Equal(IndexWrite.Unchanged, await index.SetAsync("order:AB12345", alice, replace: false, Ct));
    }

    [Fact]
    public async Task A_key_another_conversation_holds_stays_with_it_unless_the_new_one_replaces_it()
    {
        var index = new ConversationIndex(CreateStore());
        var alice = new IndexedConversation("webchat", "alice");
        var mallory = new IndexedConversation("webchat", "mallory");
        await index.SetAsync("order:AB12345", alice, replace: false, Ct);

        Assert.Equal(IndexWrite.HeldByAnother, await index.SetAsync("order:AB12345", mallory, replace: false, Ct));
        Assert.Equal(alice, await index.FindAsync("order:AB12345", Ct));

        Assert.Equal(IndexWrite.Moved, await index.SetAsync("order:AB12345", mallory, replace: true, Ct));
        Assert.Equal(mallory, await index.FindAsync("order:AB12345", Ct));
    }

    [Fact]
    public async Task Index_entries_and_conversations_never_share_a_document_even_for_look_alike_names()
    {
        var store = CreateStore();
        var index = new ConversationIndex(store);
        // A channel named like the index prefix, and a key named like a conversation key: neither reaches the other.
        var conversationKey = DocumentIds.ForConversation("~key", "order:AB12345");
        await store.WriteAsync(conversationKey, Json("""{"turn":1}"""), null, Ct);
        await store.WriteAsync(DocumentIds.ForConversation("order", "AB12345"), Json("""{"turn":1}"""), null, Ct);

        Assert.Null(await index.FindAsync("order:AB12345", Ct));
        await index.SetAsync("order:AB12345", new IndexedConversation("webchat", "alice"), replace: false, Ct);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await store.ReadAsync(conversationKey, Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_long_key_with_characters_ids_refuse_is_kept_and_found_by_exactly_that_key()
    {
        var index = new ConversationIndex(CreateStore());
        var key = "ticket:" + new string('x', 300) + "/#?%~";
        var bob = new IndexedConversation("directline", "bob");

        await index.SetAsync(key, bob, replace: false, Ct);

        Assert.Equal(bob, await index.FindAsync(key, Ct));
        Assert.Null(await index.FindAsync(key[..^1], Ct));
        await index.DeleteAsync(key, Ct);
        Assert.Null(await index.FindAsync(key, Ct));
    }

    [Fact]
    public async Task Racing_registrations_of_one_key_leave_exactly_one_holder()
    {
        var stores = new[] { CreateStore(), CreatePeerStore() };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 6)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await new ConversationIndex(stores[i % 2]).SetAsync("order:race", new IndexedConversation("webchat", "c" + i), replace: false, Ct);
            }, Ct))
            .ToArray();

        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r == IndexWrite.Added);
        Assert.Equal(5, results.Count(r => r == IndexWrite.HeldByAnother));
        var holder = await new ConversationIndex(stores[0]).FindAsync("order:race", Ct);
        Assert.Equal("c" + Array.IndexOf(results, IndexWrite.Added), holder!.ConversationId);
    }

    // Notes (the delivery record of a turn, issue 19): stores that keep them hold them to one contract; the others say so.

    [Fact]
    public async Task A_note_is_read_back_with_the_unchanged_content_under_a_new_etag_by_every_instance()
    {
        var store = CreateStore();
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1,"owed":true}"""), null, Ct);
        if (!store.KeepsNotes)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => store.WriteNoteAsync("conv-1", Json("""{"delivered":true}"""), committed, Ct));
            Assert.Null((await store.ReadAsync("conv-1", Ct))!.Note);
            return;
        }

        var noted = await store.WriteNoteAsync("conv-1", Json("""{"delivered":true}"""), committed, Ct);

        Assert.NotEqual(committed, noted);
        foreach (var reader in new[] { store, CreatePeerStore() })
        {
            var read = (await reader.ReadAsync("conv-1", Ct))!;
            Assert.Equal(noted, read.ETag);
            Assert.Equal("""{"turn":1,"owed":true}""", Encoding.UTF8.GetString(read.Content.Span));
            Assert.Equal("""{"delivered":true}""", Encoding.UTF8.GetString(read.Note!.Value.Span));
        }
    }

    [Fact]
    public async Task A_writer_holding_the_etag_from_before_the_note_conflicts_and_the_note_survives()
    {
        var store = CreateStore();
        if (!store.KeepsNotes) return; // the contract above: such a store refuses notes
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var noted = await store.WriteNoteAsync("conv-1", Json("""{"n":1}"""), committed, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CreatePeerStore().WriteAsync("conv-1", Json("""{"turn":2}"""), committed, Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CreatePeerStore().WriteNoteAsync("conv-1", Json("""{"n":2}"""), committed, Ct));

        var read = (await store.ReadAsync("conv-1", Ct))!;
        Assert.Equal((noted, """{"turn":1}""", """{"n":1}"""), (read.ETag, Encoding.UTF8.GetString(read.Content.Span), Encoding.UTF8.GetString(read.Note!.Value.Span)));
    }

    [Fact]
    public async Task The_next_write_replaces_content_and_note_and_a_note_then_needs_the_new_etag()
    {
        var store = CreateStore();
        if (!store.KeepsNotes) return;
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var noted = await store.WriteNoteAsync("conv-1", Json("""{"n":1}"""), committed, Ct);
        var second = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), noted, Ct);

        var read = (await CreatePeerStore().ReadAsync("conv-1", Ct))!;
        Assert.Equal((second, """{"turn":2}"""), (read.ETag, Encoding.UTF8.GetString(read.Content.Span)));
        Assert.Null(read.Note);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteNoteAsync("conv-1", Json("""{"n":2}"""), noted, Ct));
        var again = await store.WriteNoteAsync("conv-1", Json("""{"n":2}"""), second, Ct);
        var replaced = await store.WriteNoteAsync("conv-1", Json("""{"n":3}"""), again, Ct);
        Assert.Equal("""{"n":3}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Note!.Value.Span));
        Assert.Equal(replaced, (await store.ReadAsync("conv-1", Ct))!.ETag);
    }

    [Fact]
    public async Task A_note_on_a_missing_document_conflicts_and_a_note_that_is_not_json_is_refused()
    {
        var store = CreateStore();
        if (!store.KeepsNotes) return;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteNoteAsync("conv-none", Json("{}"), "\"x\"", Ct));
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteNoteAsync("conv-1", Json("{\"n\":"), committed, Ct));
        await store.DeleteAsync("conv-1", Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteNoteAsync("conv-1", Json("{}"), committed, Ct));
    }

    /// <summary>The pipeline's loop in miniature: read, change, write with If-Match, and on a conflict start over.</summary>
    protected static async Task<int> IncrementAsync(IConversationStore store, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync(id, cancellationToken);
            var count = current is null ? 0 : JsonNode.Parse(current.Content.Span)!["count"]!.GetValue<int>();
            try
            {
                await store.WriteAsync(id, Json($$"""{"count":{{count + 1}}}"""), current?.ETag, cancellationToken);
                return attempt;
            }
            catch (ConcurrencyConflictException)
            {
                // Someone else wrote in between: reload and re-apply, exactly what a turn does on 412.
            }
        }
    }
}
