using System.Collections.Concurrent;

namespace Chatbot.Storage.InMemory;

/// <summary>A process-local store for tests and benchmarks; same concurrency contract as Cosmos.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private long _etagCounter;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_documents.TryGetValue(id, out var doc) ? doc : null);
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var etag = $"\"{Interlocked.Increment(ref _etagCounter):x}\"";
        var next = new StoredDocument(id, content.ToArray(), etag);
        if (ifMatch is null)
        {
            if (!_documents.TryAdd(id, next)) throw new ConcurrencyConflictException(id);
            return Task.FromResult(etag);
        }

        if (!_documents.TryGetValue(id, out var current) || current.ETag != ifMatch
            || !_documents.TryUpdate(id, next, current))
        {
            throw new ConcurrencyConflictException(id);
        }

        return Task.FromResult(etag);
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        _documents.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
