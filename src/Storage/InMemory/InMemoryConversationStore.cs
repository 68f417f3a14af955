using System.Collections.Concurrent;

namespace Chatbot.Storage.InMemory;

/// <summary>A process-local store for tests and benchmarks; same contract as Cosmos (ids, size limit, JSON content, ETags, key check).</summary>
public sealed class InMemoryConversationStore(int maxDocumentBytes = StorageLimits.DefaultMaxDocumentBytes) : IConversationStore
{
    // By document id, as Cosmos keys them: long keys share the shortening (and its mismatch check) with the real stores.
    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);
    private long _etagCounter;

    /// <summary>How many documents the store holds (for tests).</summary>
    public int Count => _documents.Count;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_documents.TryGetValue(documentId, out var entry))
        {
            return Task.FromResult<StoredDocument?>(null);
        }

        DocumentEnvelope.EnsureBelongsTo(id, documentId, entry.Key);
        return Task.FromResult<StoredDocument?>(entry.Document);
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        StorageLimits.EnsureFits(id, content, maxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, content.Span);

        // The copy keeps the caller's buffer (often pooled) out of the store.
        var etag = NextETag();
        var next = new Entry(id, new StoredDocument(id, content.ToArray(), etag));
        if (ifMatch is null)
        {
            if (!_documents.TryAdd(documentId, next)) throw new ConcurrencyConflictException(id);
            return Task.FromResult(etag);
        }

        // ETags are unique per write, so comparing the whole record (same ETag) is an exact compare-and-swap.
        if (!_documents.TryGetValue(documentId, out var current) || !string.Equals(current.Key, id, StringComparison.Ordinal)
            || !string.Equals(current.Document.ETag, ifMatch, StringComparison.Ordinal)
            || !_documents.TryUpdate(documentId, next, current))
        {
            throw new ConcurrencyConflictException(id);
        }

        return Task.FromResult(etag);
    }

    public bool KeepsNotes => true;

    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        StorageLimits.EnsureFits(id, note, maxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, note.Span);
        if (!_documents.TryGetValue(documentId, out var current) || !string.Equals(current.Key, id, StringComparison.Ordinal)
            || !string.Equals(current.Document.ETag, ifMatch, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(id);
        }

        var etag = NextETag();
        if (!_documents.TryUpdate(documentId, current with { Document = current.Document with { ETag = etag, Note = note.ToArray() } }, current))
        {
            throw new ConcurrencyConflictException(id);
        }

        return Task.FromResult(etag);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        cancellationToken.ThrowIfCancellationRequested();
        if (_documents.TryGetValue(documentId, out var entry) && string.Equals(entry.Key, id, StringComparison.Ordinal))
        {
            _documents.TryRemove(new KeyValuePair<string, Entry>(documentId, entry));
        }

        return Task.CompletedTask;
    }

    private string NextETag() => $"\"{Interlocked.Increment(ref _etagCounter):x}\"";

    private sealed record Entry(string Key, StoredDocument Document);
}
