using System.Collections.Concurrent;

namespace Chatbot.Storage.InMemory;

/// <summary>A process-local store for tests and benchmarks; same contract as Cosmos (ids, size limit, JSON content, ETags).</summary>
public sealed class InMemoryConversationStore(int maxDocumentBytes = StorageLimits.DefaultMaxDocumentBytes) : IConversationStore
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private long _etagCounter;

    /// <summary>How many documents the store holds (for tests).</summary>
    public int Count => _documents.Count;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        DocumentIds.Validate(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_documents.TryGetValue(id, out var doc) ? doc : null);
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        DocumentIds.Validate(id);
        cancellationToken.ThrowIfCancellationRequested();
        StorageLimits.EnsureFits(id, content, maxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, content.Span);

        // The copy keeps the caller's buffer (often pooled) out of the store.
        var etag = $"\"{Interlocked.Increment(ref _etagCounter):x}\"";
        var next = new StoredDocument(id, content.ToArray(), etag);
        if (ifMatch is null)
        {
            if (!_documents.TryAdd(id, next)) throw new ConcurrencyConflictException(id);
            return Task.FromResult(etag);
        }

        // ETags are unique per write, so comparing the whole record (same ETag) is an exact compare-and-swap.
        if (!_documents.TryGetValue(id, out var current) || !string.Equals(current.ETag, ifMatch, StringComparison.Ordinal)
            || !_documents.TryUpdate(id, next, current))
        {
            throw new ConcurrencyConflictException(id);
        }

        return Task.FromResult(etag);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        DocumentIds.Validate(id);
        cancellationToken.ThrowIfCancellationRequested();
        _documents.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
