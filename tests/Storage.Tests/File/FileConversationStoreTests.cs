using System.Text;
using Chatbot.Storage.File;
using Chatbot.Storage.Tests.Contract;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Tests.File;

public sealed class FileConversationStoreTests : ConversationStoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-file-store-" + Guid.NewGuid().ToString("N"));
    private readonly List<FileConversationStore> _stores = [];

    // Each call is a separate instance over the same folder: separate in-process gates, so only the lock file protects
    // them from each other, exactly as for two BotServer processes sharing the folder.
    protected override IConversationStore CreateStore() => NewStore();

    private FileConversationStore NewStore(TimeSpan? lockTimeout = null, TimeProvider? time = null, TimeSpan? flushInterval = null)
    {
        var store = new FileConversationStore(
            Options.Create(new FileStoreOptions
            {
                FilePath = _folder,
                MaxDocumentBytes = Limit,
                LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
                FlushInterval = flushInterval ?? new FileStoreOptions().FlushInterval,
            }),
            time ?? TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_state_lives_in_one_readable_json_file_per_conversation_and_nothing_beside_it()
    {
        var store = NewStore();
        var id = DocumentIds.ForConversation("emulator", "abc|livechat");
        await store.WriteAsync(id, Json("""{"turn":1}"""), null, Ct);
        var etag = (await store.ReadAsync(id, Ct))!.ETag;
        // Longer than the last write, which reuses this version's file: what is left of it must be cut.
        await store.WriteAsync(id, Json("""{"turn":2,"pad":"0123456789012345678901234567890123456789"}"""), etag, Ct);
        etag = (await store.ReadAsync(id, Ct))!.ETag;
        await store.WriteAsync(id, Json("""{"turn":3}"""), etag, Ct);
        etag = (await store.ReadAsync(id, Ct))!.ETag;
        await store.WriteAsync(id, Json("""{"turn":2}"""), etag, Ct);

        var file = Assert.Single(Directory.GetFiles(_folder, "*.json"));
        // No temp file per write and no swap file per conversation: the version before is the swap file of the
        // conversation's lock stripe (on Linux; exchanged, not renamed, so reused by the stripe's next write).
        Assert.Equal([file], Directory.GetFiles(_folder));
        var locks = Directory.GetFiles(Path.Combine(_folder, ".locks")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(OperatingSystem.IsLinux() ? 2 : 1, locks.Length);
        Assert.Equal(locks[0]![..2], locks[^1]![..2]);
        Assert.StartsWith("emulator_abc_livechat.", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.EndsWith(".json", file, StringComparison.Ordinal);
        Assert.Equal("""{"id":"emulator:abc|livechat","note":null,"state":{"turn":2}}""", await System.IO.File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task A_note_is_written_into_the_state_file_and_a_new_store_on_the_folder_reads_it_back_whole()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = NewStore(time: time, flushInterval: TimeSpan.FromSeconds(1));
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, store.UnflushedCount);
        const string record = """{"id":"a1","delivered":true,"replies":null,"text":"Grüße \"x\""}""";

        var noted = await store.WriteNoteAsync("conv-1", Json(record), committed, Ct);

        // One file per conversation: no side file, and the note is flushed with the batch like a commit.
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal($$$"""{"id":"conv-1","note":{{{record}}},"state":{"turn":1}}""", await System.IO.File.ReadAllTextAsync(file, Ct));
        Assert.Equal(OperatingSystem.IsWindows() ? 0 : 1, store.UnflushedCount);
        // As a restarted process would: a new store on the folder, nothing in memory.
        var read = (await NewStore().ReadAsync("conv-1", Ct))!;
        Assert.Equal((noted, """{"turn":1}""", record), (read.ETag, Encoding.UTF8.GetString(read.Content.Span), Encoding.UTF8.GetString(read.Note!.Value.Span)));
        Assert.StartsWith(committed[..^1] + "+", noted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_after_a_note_writes_the_state_without_it()
    {
        var store = NewStore();
        var committed = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var noted = await store.WriteNoteAsync("conv-1", Json("""{"delivered":true}"""), committed, Ct);

        var next = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), noted, Ct);

        var read = (await NewStore().ReadAsync("conv-1", Ct))!;
        Assert.Equal((next, """{"turn":2}""", (ReadOnlyMemory<byte>?)null), (read.ETag, Encoding.UTF8.GetString(read.Content.Span), read.Note));
        Assert.Equal("""{"id":"conv-1","note":null,"state":{"turn":2}}""", await System.IO.File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder, "*.json")), Ct));
        await NewStore().WriteNoteAsync("conv-1", Json("{}"), next, Ct);
        await store.DeleteAsync("conv-1", Ct);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    // LegacyFolder: what the store of session 17 (notes in a side file, <file>.rec) left, written by that build:
    // conv-noted (a commit and its note), conv-cleared (note, then a commit that cleared it), conv-plain (a commit).
    private Dictionary<string, string> CopyLegacyFolder()
    {
        var legacy = Path.Combine(AppContext.BaseDirectory, "File", "LegacyFolder");
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(legacy).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            System.IO.File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        // The ETags that build answered, as "<id> <etag>" lines.
        return System.IO.File.ReadAllLines(Path.Combine(legacy, "etags.txt")).Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact]
    public async Task A_folder_an_older_version_wrote_reads_with_its_side_file_notes_and_etags_and_the_next_write_removes_the_side_file()
    {
        var etags = CopyLegacyFolder();
        var store = NewStore();

        var noted = (await store.ReadAsync("emulator:conv-noted", Ct))!;
        var cleared = (await store.ReadAsync("emulator:conv-cleared", Ct))!;
        var plain = (await store.ReadAsync("emulator:conv-plain", Ct))!;

        // The same versions and ETags the older process answered: a turn it had in flight still matches.
        Assert.Equal((etags["emulator:conv-noted"], """{"id":"a1","delivered":true}"""), (noted.ETag, Encoding.UTF8.GetString(noted.Note!.Value.Span)));
        Assert.Equal((etags["emulator:conv-cleared"], """{"turn":2}""", (ReadOnlyMemory<byte>?)null), (cleared.ETag, Encoding.UTF8.GetString(cleared.Content.Span), cleared.Note));
        Assert.Equal((etags["emulator:conv-plain"], (ReadOnlyMemory<byte>?)null), (plain.ETag, plain.Note));
        Assert.Equal(2, Directory.GetFiles(_folder, "*.rec").Length);

        var next = await store.WriteAsync("emulator:conv-noted", Json("""{"turn":2}"""), noted.ETag, Ct);
        var note = await store.WriteNoteAsync("emulator:conv-cleared", Json("""{"id":"b2","delivered":true}"""), cleared.ETag, Ct);

        Assert.Empty(Directory.GetFiles(_folder, "*.rec"));
        var reopened = NewStore();
        var afterCommit = (await reopened.ReadAsync("emulator:conv-noted", Ct))!;
        var afterNote = (await reopened.ReadAsync("emulator:conv-cleared", Ct))!;
        Assert.Equal((next, (ReadOnlyMemory<byte>?)null), (afterCommit.ETag, afterCommit.Note));
        Assert.Equal((note, """{"turn":2}""", """{"id":"b2","delivered":true}"""), (afterNote.ETag, Encoding.UTF8.GetString(afterNote.Content.Span), Encoding.UTF8.GetString(afterNote.Note!.Value.Span)));
    }

    [Theory]
    [InlineData("torn")]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("other content, same header")]
    [InlineData("left from an earlier version of the state")]
    public async Task An_older_versions_torn_garbage_or_stale_side_file_is_ignored_the_state_reads_intact_and_can_be_written(string damage)
    {
        CopyLegacyFolder();
        var noteFile = Assert.Single(Directory.GetFiles(_folder, "emulator_conv-noted.*.rec"));
        var bytes = await System.IO.File.ReadAllBytesAsync(noteFile, Ct);
        var id = "emulator:conv-noted";
        switch (damage)
        {
            case "torn": await System.IO.File.WriteAllBytesAsync(noteFile, bytes[..^5], Ct); break; // an OS crash kept part of the unflushed write
            case "empty": await System.IO.File.WriteAllBytesAsync(noteFile, [], Ct); break;
            case "garbage": await System.IO.File.WriteAllBytesAsync(noteFile, Json("\0\0\0\0 not a note"), Ct); break;
            case "other content, same header": await System.IO.File.WriteAllBytesAsync(noteFile, [.. bytes[..^6], .. Json("false}")], Ct); break; // the hash no longer matches
            default:
                // The process died between replacing the state file and clearing the note of the version before.
                id = "emulator:conv-cleared";
                noteFile = Assert.Single(Directory.GetFiles(_folder, "emulator_conv-cleared.*.rec"));
                bytes = await System.IO.File.ReadAllBytesAsync(noteFile, Ct);
                bytes[0] = (byte)'c';
                await System.IO.File.WriteAllBytesAsync(noteFile, bytes, Ct);
                break;
        }

        var read = (await NewStore().ReadAsync(id, Ct))!;

        Assert.Null(read.Note);
        Assert.Equal(FileConversationStore.ETagOf(read.Content.Span), read.ETag);
        Assert.StartsWith("""{"turn":""", Encoding.UTF8.GetString(read.Content.Span), StringComparison.Ordinal);
        await NewStore().WriteAsync(id, Json("""{"turn":3}"""), read.ETag, Ct);
        Assert.Null((await NewStore().ReadAsync(id, Ct))!.Note);
        Assert.False(System.IO.File.Exists(noteFile));
    }

    [Fact]
    public async Task A_file_that_records_another_conversations_key_is_refused_not_continued()
    {
        var store = NewStore();
        var key = DocumentIds.ForConversation("msteams", new string('a', 300));
        await store.WriteAsync(key, Json("""{"order":"victim"}"""), null, Ct);
        var file = Assert.Single(Directory.GetFiles(_folder));
        var text = await System.IO.File.ReadAllTextAsync(file, Ct);
        Assert.Contains($"\"key\":\"{key}\"", text, StringComparison.Ordinal);
        await System.IO.File.WriteAllTextAsync(file, text.Replace($"\"key\":\"{key}\"", "\"key\":\"msteams:someone-else\"", StringComparison.Ordinal), Ct);

        var ex = await Assert.ThrowsAsync<DamagedDocumentException>(() => store.ReadAsync(key, Ct));

        Assert.Contains("belongs to another conversation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_etag_is_the_hash_of_the_content_so_it_survives_a_restart()
    {
        var etag = await NewStore().WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);

        var afterRestart = await NewStore().ReadAsync("conv-1", Ct);

        Assert.Equal(etag, afterRestart!.ETag);
        Assert.Matches("^\"[0-9a-f]{64}\"$", etag);
    }

    [Theory]
    [InlineData("""{"id":"conv-1","state":{"tur""")] // cut short
    [InlineData("")] // zero bytes (an OS crash on a file system that does not order data before the rename)
    [InlineData("not json at all")]
    [InlineData("""[{"id":"conv-1","state":{}}]""")] // JSON of the wrong shape
    [InlineData("""{"id":"conv-1","note":null}""")] // no state
    [InlineData("""{"id":"conv-1","state":{"turn":1}} trailing""")]
    [InlineData("\u0000\u0000\u0000\u0000")]
    public async Task A_damaged_file_is_reported_with_its_path_never_overwritten_and_set_aside_whole(string damage)
    {
        var store = NewStore();
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var file = Assert.Single(Directory.GetFiles(_folder));
        await System.IO.File.WriteAllTextAsync(file, damage, Ct);

        var read = await Assert.ThrowsAsync<DamagedDocumentException>(() => store.ReadAsync("conv-1", Ct));
        Assert.Contains(file, read.Message, StringComparison.Ordinal);
        Assert.Equal("conv-1", read.DocumentId);
        await Assert.ThrowsAsync<DamagedDocumentException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), null, Ct));
        await Assert.ThrowsAsync<DamagedDocumentException>(() => NewStore().ReadAsync("conv-1", Ct));
        Assert.Equal(damage, await System.IO.File.ReadAllTextAsync(file, Ct));

        var kept = await NewStore().SetAsideAsync("conv-1", read.ETag, Ct);

        Assert.StartsWith(file + ".damaged-", kept, StringComparison.Ordinal);
        Assert.Equal(damage, await System.IO.File.ReadAllTextAsync(kept, Ct));
        Assert.Null(await store.ReadAsync("conv-1", Ct));
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await NewStore().ReadAsync("conv-1", Ct))!.Content.Span));
        Assert.Equal(damage, await System.IO.File.ReadAllTextAsync(kept, Ct));
    }

    [Fact]
    public async Task A_damaged_file_changed_again_since_it_was_read_is_not_set_aside()
    {
        var store = NewStore();
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var file = Assert.Single(Directory.GetFiles(_folder));
        await System.IO.File.WriteAllTextAsync(file, "garbage one", Ct);
        var read = await Assert.ThrowsAsync<DamagedDocumentException>(() => store.ReadAsync("conv-1", Ct));
        await System.IO.File.WriteAllTextAsync(file, "garbage two", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SetAsideAsync("conv-1", read.ETag, Ct));

        Assert.Equal([file], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_state_file_changed_from_outside_right_after_this_store_wrote_and_read_it_is_read_as_it_now_is()
    {
        var store = NewStore();
        var written = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        Assert.Equal(written, (await store.ReadAsync("conv-1", Ct))!.ETag);
        var file = Assert.Single(Directory.GetFiles(_folder));
        // The same length, one byte different: what another process (or an editor) leaves there.
        var text = await System.IO.File.ReadAllTextAsync(file, Ct);
        await System.IO.File.WriteAllTextAsync(file, text.Replace("\"turn\":1", "\"turn\":7", StringComparison.Ordinal), Ct);

        var read = await store.ReadAsync("conv-1", Ct);

        Assert.Equal("""{"turn":7}""", Encoding.UTF8.GetString(read!.Content.Span));
        Assert.Equal(FileConversationStore.ETagOf(read.Content.Span), read.ETag);
        Assert.NotEqual(written, read.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), written, Ct));
        var next = await store.WriteAsync("conv-1", Json("""{"turn":8}"""), read.ETag, Ct);
        Assert.Equal(next, (await store.ReadAsync("conv-1", Ct))!.ETag);
        Assert.Equal("""{"turn":8}""", Encoding.UTF8.GetString((await NewStore().ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_file_holding_another_conversation_is_reported_not_served()
    {
        var store = NewStore();
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var file = Assert.Single(Directory.GetFiles(_folder));
        await System.IO.File.WriteAllTextAsync(file, """{"id":"conv-2","state":{"turn":5}}""", Ct);

        var ex = await Assert.ThrowsAsync<DamagedDocumentException>(() => store.ReadAsync("conv-1", Ct));
        Assert.Contains("conv-2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_waits_for_another_process_holding_the_lock_and_reports_unavailable_after_the_timeout()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = NewStore(TimeSpan.FromSeconds(5), time);
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);

        await AssertWriteWaitsForEveryHeldStripeAsync(store, time, (await store.ReadAsync("conv-1", Ct))!.ETag);
    }

    // The store keeps each stripe's lock file open between writes. Someone deleting the lock folder leaves that descriptor
    // on a file without a name, while another process opening the path gets a new file and locks it: a lock taken on the
    // old one would let both write the conversation at once (an update lost). The kept file must be opened again.
    [Fact]
    public async Task A_write_after_the_lock_folder_was_deleted_waits_for_the_process_holding_the_new_lock_file()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = NewStore(TimeSpan.FromSeconds(5), time);
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        var etag = (await store.ReadAsync("conv-1", Ct))!.ETag;
        Directory.Delete(Path.Combine(_folder, ".locks"), recursive: true);
        Directory.CreateDirectory(Path.Combine(_folder, ".locks"));

        await AssertWriteWaitsForEveryHeldStripeAsync(store, time, etag);

        await store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct);
        Assert.Equal("""{"turn":2}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span));
    }

    // Another process holds every lock stripe (an open FileShare.None handle is the same OS lock it would hold): a write of
    // "conv-1" waits, then reports unavailable after Storage:LockTimeout (5 s), and turn 1 stays stored.
    private async Task AssertWriteWaitsForEveryHeldStripeAsync(FileConversationStore store, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, string etag)
    {
        var lockFolder = Path.Combine(_folder, ".locks");
        var held = Enumerable.Range(0, 64)
            .Select(i => new FileStream(Path.Combine(lockFolder, $"{i:D2}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            .ToList();
        try
        {
            var write = store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct);
            Assert.False(write.IsCompleted);

            while (!write.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Yield();
            }

            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => write);
            Assert.Contains("Storage:LockTimeout", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            held.ForEach(h => h.Dispose());
        }

        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task The_folder_is_created_on_first_write()
    {
        var store = NewStore();
        Assert.False(Directory.Exists(_folder));

        await store.WriteAsync("conv-1", Json("{}"), null, Ct);

        Assert.True(Directory.Exists(_folder));
    }

    [Fact]
    public void File_names_differ_for_ids_that_differ_only_in_case_or_in_replaced_characters()
    {
        Assert.NotEqual(FileConversationStore.FileNameFor("Conv"), FileConversationStore.FileNameFor("conv"));
        Assert.NotEqual(FileConversationStore.FileNameFor("a:b"), FileConversationStore.FileNameFor("a|b"));
        Assert.True(FileConversationStore.FileNameFor(new string('x', 255)).Length < 120);
    }

    [Fact]
    public async Task Writes_are_flushed_to_disk_once_per_file_within_the_flush_interval_and_all_at_dispose()
    {
        if (OperatingSystem.IsWindows()) return; // Windows flushes every write (docs/exactly-once.md)
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = NewStore(time: time, flushInterval: TimeSpan.FromSeconds(1));

        // Three turns of one conversation and one of another: readable at once, two files waiting for one flush each.
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        etag = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct);
        await store.WriteAsync("conv-1", Json("""{"turn":3}"""), etag, Ct);
        await store.WriteAsync("conv-2", Json("""{"turn":1}"""), null, Ct);
        Assert.Equal("""{"turn":3}""", Encoding.UTF8.GetString((await NewStore().ReadAsync("conv-1", Ct))!.Content.Span));
        Assert.Equal(2, store.UnflushedCount);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, store.UnflushedCount);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, store.UnflushedCount);

        // A graceful stop flushes what is still waiting.
        await store.WriteAsync("conv-3", Json("{}"), null, Ct);
        Assert.Equal(1, store.UnflushedCount);
        store.Dispose();
        Assert.Equal(0, store.UnflushedCount);
        Assert.Equal(3, Directory.GetFiles(_folder, "*.json").Length);
    }

    [Fact]
    public async Task With_a_flush_interval_of_zero_every_write_is_flushed_before_it_returns()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = NewStore(time: time, flushInterval: TimeSpan.Zero);
        await store.WriteAsync("conv-1", Json("{}"), null, Ct);
        Assert.Equal(0, store.UnflushedCount);
    }

    [Fact]
    public async Task Conversations_written_in_turns_leave_one_file_each_and_each_reads_back_its_own_latest_state()
    {
        // More conversations than lock stripes, so conversations share a stripe and its swap file: each write of one puts
        // the version it replaces where the next write of another will be written.
        var store = NewStore();
        var ids = Enumerable.Range(0, 150).Select(i => $"conv-{i}").ToArray();
        var etags = new string?[ids.Length];
        for (var turn = 1; turn <= 3; turn++)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                etags[i] = await store.WriteAsync(ids[i], Json($$"""{"conversation":{{i}},"turn":{{turn}},"pad":"{{new string('x', (i * 7 + turn * 13) % 50)}}"}"""), etags[i], Ct);
            }
        }

        Assert.Equal(ids.Length, Directory.GetFiles(_folder).Length);
        Assert.True(Directory.GetFiles(Path.Combine(_folder, ".locks"), "*.swap").Length <= 64);
        var fresh = NewStore();
        for (var i = 0; i < ids.Length; i++)
        {
            var read = (await fresh.ReadAsync(ids[i], Ct))!;
            Assert.Equal((etags[i], $$"""{"conversation":{{i}},"turn":3,"pad":"{{new string('x', (i * 7 + 39) % 50)}}"}"""), (read.ETag, Encoding.UTF8.GetString(read.Content.Span)));
        }
    }

    [Fact]
    public async Task A_reader_or_flush_still_holding_a_replaced_version_does_not_block_the_writes_that_reuse_its_file()
    {
        if (OperatingSystem.IsWindows()) return; // Windows renames over the state file, which an open handle refuses there (as before)
        var store = NewStore();
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        etag = await store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct);
        var state = Assert.Single(Directory.GetFiles(_folder, "*.json"));

        // As a slow reader (or the batched flush) would: the file of version 2 stays open while it is replaced twice,
        // and the second replacement writes into that very file (the stripe's swap file by then).
        using (var held = new FileStream(state, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            etag = await store.WriteAsync("conv-1", Json("""{"turn":3}"""), etag, Ct);
            etag = await store.WriteAsync("conv-1", Json("""{"turn":4}"""), etag, Ct);
        }

        var read = (await NewStore().ReadAsync("conv-1", Ct))!;
        Assert.Equal((etag, """{"turn":4}"""), (read.ETag, Encoding.UTF8.GetString(read.Content.Span)));
    }

    // ops4's trial: with the state folder replaced by a file while BotServer ran, a message turn answered 500, not the
    // 503 a store that cannot be reached gets (channels retry a 503; a 500 reads as our bug).
    [Fact]
    public async Task A_state_folder_replaced_by_a_file_is_a_store_that_cannot_be_reached()
    {
        var store = NewStore();
        var id = DocumentIds.ForConversation("emulator", "broken-folder");
        await store.WriteAsync(id, Json("""{"turn":1}"""), null, Ct);
        Directory.Delete(_folder, recursive: true);
        await System.IO.File.WriteAllTextAsync(_folder, "not a folder", Ct);
        try
        {
            var fresh = DocumentIds.ForConversation("emulator", "another");
            await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                var read = await store.ReadAsync(fresh, Ct);
                await store.WriteAsync(fresh, Json("""{"turn":1}"""), read?.ETag, Ct);
            });
            await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                var read = await store.ReadAsync(id, Ct);
                await store.WriteAsync(id, Json("""{"turn":2}"""), read?.ETag ?? "gone", Ct);
            });
        }
        finally
        {
            System.IO.File.Delete(_folder);
        }
    }
}
