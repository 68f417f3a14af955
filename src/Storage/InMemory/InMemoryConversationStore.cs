namespace Chatbot.Storage.InMemory;

/// <summary>
/// A process-local store for tests, benchmarks and demos; same contract as Cosmos (ids, size limit, JSON content, ETags,
/// key check). Bounded (<c>Storage:InMemory</c>): a conversation not written for the TTL expires (as Cosmos DB's
/// <c>ttl</c>), and beyond the count or byte bound the least recently used conversation is dropped. A dropped
/// conversation reads as absent: its next turn starts a new one, and a writer still holding its ETag gets a conflict
/// (ETags are never reused).
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    // The objects around one conversation (entry, StoredDocument, dictionary slot, array headers), roughly.
    internal const int EntryOverheadBytes = 200;

    // Expired conversations are invisible at once (checked on every access); their memory is reclaimed by a sweep at
    // most this often (or once per TTL when shorter), run by a write.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    // By document id, as Cosmos keys them: long keys share the shortening (and its mismatch check) with the real stores.
    private readonly LeastRecentlyUsed<Entry> _documents;
    private readonly int _maxDocumentBytes;
    private readonly TimeProvider _time;
    private readonly long _ttl; // in TimeProvider timestamp ticks; 0 = none
    private readonly long _sweepEvery;
    private long _nextSweep;
    private long _etagCounter;

    /// <summary>A store with the default bounds (<c>Storage:InMemory</c>: 30-day TTL, 10,000 conversations, 16 MB).</summary>
    public InMemoryConversationStore(int maxDocumentBytes = StorageLimits.DefaultMaxDocumentBytes)
        : this(new InMemoryStoreOptions(), TimeProvider.System, maxDocumentBytes)
    {
    }

    internal InMemoryConversationStore(InMemoryStoreOptions options, TimeProvider time, int maxDocumentBytes = StorageLimits.DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _maxDocumentBytes = maxDocumentBytes;
        _documents = new LeastRecentlyUsed<Entry>(options.MaxDocuments, options.MaxBytes);
        _ttl = options.TimeToLiveSeconds > 0 ? options.TimeToLiveSeconds * time.TimestampFrequency : 0;
        _sweepEvery = Math.Min(_ttl, (long)(SweepInterval.TotalSeconds * time.TimestampFrequency));
        _nextSweep = time.GetTimestamp() + _sweepEvery;
    }

    /// <summary>How many documents the store holds (expired ones until the next sweep), for tests.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _documents.Count;
        }
    }

    /// <summary>Bytes counted against <see cref="InMemoryStoreOptions.MaxBytes"/>, for tests.</summary>
    internal long Bytes
    {
        get
        {
            lock (_lock) return _documents.Bytes;
        }
    }

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        string key;
        StoredDocument document;
        lock (_lock)
        {
            if (Current(documentId, _time.GetTimestamp()) is not { } entry)
            {
                return Task.FromResult<StoredDocument?>(null);
            }

            _documents.Use(entry);
            (key, document) = (entry.ConversationKey, entry.Document);
        }

        DocumentEnvelope.EnsureBelongsTo(id, documentId, key);
        return Task.FromResult<StoredDocument?>(document);
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        StorageLimits.EnsureFits(id, content, _maxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, content.Span);

        // The copy keeps the caller's buffer (often pooled) out of the store.
        var etag = NextETag();
        var document = new StoredDocument(id, content.ToArray(), etag);
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            SweepIfDue(now);
            var current = Current(documentId, now);
            // ETags are unique per write, so an equal ETag is an exact compare-and-swap.
            if (ifMatch is null ? current is not null : current is null || !Matches(current, id, ifMatch))
            {
                throw new ConcurrencyConflictException(id);
            }

            Put(current ?? new Entry(documentId, id), document, now);
        }

        return Task.FromResult(etag);
    }

    public bool KeepsNotes => true;

    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        StorageLimits.EnsureFits(id, note, _maxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, note.Span);
        var etag = NextETag();
        var copy = note.ToArray();
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (Current(documentId, now) is not { } current || !Matches(current, id, ifMatch))
            {
                throw new ConcurrencyConflictException(id);
            }

            // A new version for the TTL too, as Cosmos DB's replace of the document would be.
            Put(current, current.Document with { ETag = etag, Note = copy }, now);
        }

        return Task.FromResult(etag);
    }

    /// <inheritdoc />
    /// <remarks>Kept in this store under <c>damaged.&lt;n&gt;.&lt;document id&gt;</c>, bounded and expiring like any document.</remarks>
    public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (Current(documentId, now) is not { } current || !Matches(current, id, ifMatch))
            {
                throw new ConcurrencyConflictException(id);
            }

            _documents.Remove(current);
            var keptId = $"damaged.{Interlocked.Increment(ref _etagCounter):x}.{documentId}";
            var kept = new Entry(keptId, keptId);
            Put(kept, current.Document with { Id = keptId }, now);
            return Task.FromResult(keptId);
        }
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_documents.TryGetValue(documentId, out var entry) && string.Equals(entry.ConversationKey, id, StringComparison.Ordinal))
            {
                _documents.Remove(entry);
            }
        }

        return Task.CompletedTask;
    }

    // Under the lock: the document's entry unless it expired (then dropped).
    private Entry? Current(string documentId, long now)
    {
        if (!_documents.TryGetValue(documentId, out var entry)) return null;
        if (!Expired(entry, now)) return entry;
        _documents.Remove(entry);
        return null;
    }

    private bool Expired(Entry entry, long now) => _ttl > 0 && now - entry.WrittenAt >= _ttl;

    private static bool Matches(Entry entry, string id, string ifMatch) =>
        string.Equals(entry.ConversationKey, id, StringComparison.Ordinal) && string.Equals(entry.Document.ETag, ifMatch, StringComparison.Ordinal);

    // Under the lock.
    private void Put(Entry entry, StoredDocument document, long now)
    {
        entry.Document = document;
        entry.WrittenAt = now;
        _documents.Put(entry, EntryOverheadBytes + 2L * (entry.Key.Length + entry.ConversationKey.Length + document.ETag.Length)
            + document.Content.Length + (document.Note?.Length ?? 0));
    }

    // Under the lock.
    private void SweepIfDue(long now)
    {
        if (_ttl == 0 || now < _nextSweep) return;
        _nextSweep = now + _sweepEvery;
        _documents.RemoveWhere(entry => Expired(entry, now));
    }

    private string NextETag() => $"\"{Interlocked.Increment(ref _etagCounter):x}\"";

    private sealed class Entry(string documentId, string conversationKey) : LeastRecentlyUsed<Entry>.Node(documentId)
    {
        public string ConversationKey { get; } = conversationKey;
        public StoredDocument Document = null!;
        public long WrittenAt;
    }
}
