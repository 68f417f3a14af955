using System.Runtime.InteropServices;
using Chatbot.Storage.Resilience;

namespace Chatbot.Storage.Remembering;

/// <summary>
/// Remembers, per conversation, the version this process last read or wrote (its bytes, note and ETag) and serves
/// <see cref="IConversationStore.ReadLastKnownAsync"/> from it: the first read of a turn then costs no store request.
/// Every other read goes to the store and refreshes the copy. Bounded by count and bytes (<see cref="RememberOptions"/>),
/// least recently used first out.
/// </summary>
/// <remarks>
/// Correct because a copy is only ever confirmed by a conditional write (docs/exactly-once.md): a stale one (another
/// process wrote since) makes the commit fail with 412 and the turn re-runs from a real read. So the copy is only ever
/// set from what the store answered: a successful read, a successful write (the bytes written), a successful note on the
/// remembered version. A write or note that failed in any way (conflict, timeout: it may still be applied later), a
/// delete and a failed read drop it. No copy is served while the store's circuit is open: the turn fails at once, as
/// without copies. Results of operations that started before the copy last changed never replace it (stamps).
/// <para>
/// A conversation another process writes too (a conflict on a write or note, or a read that finds another version than
/// the copy) is marked shared and its copy is no longer served while this process remembers it: where consecutive turns
/// of a conversation land on different processes, a copy would be stale more often than not, and each stale one costs
/// a refused write and a second run of the turn. So that costs at most one refused write per conversation and process.
/// </para>
/// </remarks>
internal sealed class RememberingConversationStore : DelegatingConversationStore
{
    // The objects around one entry (the entry, its StoredDocument, dictionary slot, array headers), roughly.
    internal const int EntryOverheadBytes = 200;

    private readonly Lock _lock = new();
    private readonly LeastRecentlyUsed<Entry> _entries;
    private readonly IConversationStoreHealth _health;
    private long _clock;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="health"/> (the circuit breaker's) says when no copy may be served.</summary>
    public RememberingConversationStore(IConversationStore inner, RememberOptions options, IConversationStoreHealth? health = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _entries = new LeastRecentlyUsed<Entry>(options.MaxDocuments, options.MaxBytes);
        _health = health ?? AlwaysAvailableStoreHealth.Instance;
    }

    /// <summary>The store this one remembers for (the circuit breaker, when enabled).</summary>
    internal IConversationStore Wrapped => Inner;

    /// <summary>Entries held (copies and the marks of dropped ones), for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>Bytes counted against <see cref="RememberOptions.MaxBytes"/>, for tests.</summary>
    internal long Bytes
    {
        get
        {
            lock (_lock) return _entries.Bytes;
        }
    }

    public override Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken)
    {
        // A store known to be down (circuit open) gets the read, which fails at once: no turn runs on a copy then.
        if (_health.IsAvailable)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(id, out var entry) && entry.Document is { } remembered && !entry.Shared)
                {
                    _entries.Use(entry);
                    return Task.FromResult<StoredDocument?>(remembered);
                }
            }
        }

        return ReadAsync(id, cancellationToken);
    }

    public override async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var stamp = Interlocked.Increment(ref _clock);
        StoredDocument? stored;
        try
        {
            stored = await Inner.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Forget(id);
            throw;
        }

        Keep(id, stored is null ? null : Own(stored), stamp, fromStore: true);
        return stored;
    }

    public override async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var stamp = Interlocked.Increment(ref _clock);
        string etag;
        try
        {
            etag = await Inner.WriteAsync(id, content, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A conflict: another writer, the copy is stale. Anything else (timeout, unavailable) may still be applied
            // later: unknown.
            Forget(id, shared: ex is ConcurrencyConflictException);
            throw;
        }

        // Copied: the caller's buffer is reused once this task completes (the store itself copied or sent it already).
        Keep(id, new StoredDocument(id, content.ToArray(), etag) { Remembered = true }, stamp);
        return etag;
    }

    public override async Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
    {
        var stamp = Interlocked.Increment(ref _clock);
        string etag;
        try
        {
            etag = await Inner.WriteNoteAsync(id, note, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Forget(id, shared: ex is ConcurrencyConflictException);
            throw;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Stamp > stamp)
            {
                return etag; // changed since this note started: that is newer
            }

            if (entry?.Document is { } remembered && string.Equals(remembered.ETag, ifMatch, StringComparison.Ordinal))
            {
                // The store attached the note to exactly the remembered version: the same content, the new note and ETag.
                Set(id, entry, remembered with { ETag = etag, Note = note.ToArray() }, stamp);
                return etag;
            }
        }

        Forget(id); // the content the note belongs to is not the remembered one: nothing to serve
        return etag;
    }

    public override async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        Forget(id);
        try
        {
            await Inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget(id);
        }
    }

    public override async Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken)
    {
        Forget(id);
        try
        {
            return await Inner.SetAsideAsync(id, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget(id);
        }
    }

    // A read's result, held as it came unless its buffer is much larger than the document (a response buffer).
    private static StoredDocument Own(StoredDocument stored)
    {
        var content = Footprint(stored.Content) > 2 * stored.Content.Length + 512 ? stored.Content.ToArray() : stored.Content;
        return stored with { Content = content, Remembered = true };
    }

    /// <summary>
    /// Drops the copy, leaving a mark newer than every operation in flight, so none of their results brings it back;
    /// <paramref name="shared"/>: another process writes this conversation too.
    /// </summary>
    private void Forget(string id, bool shared = false)
    {
        var stamp = Interlocked.Increment(ref _clock);
        lock (_lock)
        {
            _entries.TryGetValue(id, out var entry);
            Set(id, entry, null, stamp).Shared |= shared;
        }
    }

    private void Keep(string id, StoredDocument? document, long stamp, bool fromStore = false)
    {
        lock (_lock)
        {
            _entries.TryGetValue(id, out var entry);
            if (entry is not null && entry.Stamp > stamp) return;
            // The store holds another version than the one this process last read or wrote: someone else wrote it.
            var elsewhere = fromStore && entry?.Document is { } remembered && !string.Equals(remembered.ETag, document?.ETag, StringComparison.Ordinal);
            Set(id, entry, document, stamp).Shared |= elsewhere;
        }
    }

    // Under the lock.
    private Entry Set(string id, Entry? entry, StoredDocument? document, long stamp)
    {
        entry ??= new Entry(id);
        entry.Document = document;
        entry.Stamp = stamp;
        _entries.Put(entry, EntryOverheadBytes + 2L * id.Length
            + (document is null ? 0 : Footprint(document.Content) + (document.Note is { } note ? Footprint(note) : 0) + 2L * document.ETag.Length));
        return entry;
    }

    private static int Footprint(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array ? array.Length : bytes.Length;

    private sealed class Entry(string id) : LeastRecentlyUsed<Entry>.Node(id)
    {
        public StoredDocument? Document;
        public long Stamp;
        public bool Shared; // another process writes this conversation too: its copy is not served
    }
}
