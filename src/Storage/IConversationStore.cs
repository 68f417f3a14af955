namespace Chatbot.Storage;

/// <summary>Keeps one opaque JSON document per conversation, with optimistic concurrency by ETag.</summary>
public interface IConversationStore
{
    /// <summary>Reads the document, or null when the conversation has none yet.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; the caller should answer 503.</exception>
    Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the document when its current ETag equals <paramref name="ifMatch"/>; a null <paramref name="ifMatch"/>
    /// means "create, only if absent". Returns the new ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Someone else wrote first (412/409): reload and re-run.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; nothing was written.</exception>
    Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes the document if present (no error when absent).</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A stored document: UTF-8 JSON content and the ETag that must be matched to replace it.</summary>
public sealed record StoredDocument(string Id, ReadOnlyMemory<byte> Content, string ETag);

/// <summary>The conditional write lost a race: another writer changed the document since it was read.</summary>
public sealed class ConcurrencyConflictException(string id, Exception? inner = null)
    : Exception($"The state of '{id}' was changed by another writer.", inner)
{
    public string DocumentId { get; } = id;
}

/// <summary>The store is unreachable, throttled beyond retries, or timed out. Nothing was written.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The document exceeds the configured size limit and was not written.</summary>
public sealed class DocumentTooLargeException(string id, int bytes, int limit)
    : Exception($"The state of '{id}' is {bytes} bytes, over the limit of {limit}.")
{
    public int Bytes { get; } = bytes;
    public int Limit { get; } = limit;
}
