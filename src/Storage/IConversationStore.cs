namespace Chatbot.Storage;

/// <summary>Keeps one opaque JSON document per conversation, with optimistic concurrency by ETag.</summary>
public interface IConversationStore
{
    /// <summary>Reads the document, or null when the conversation has none yet.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; the caller should answer 503.</exception>
    Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the document as this process last read or wrote it, when a wrapper remembers it
    /// (<see cref="StoredDocument.Remembered"/>; <c>Storage:Remember</c>), else as <see cref="ReadAsync"/>. A remembered
    /// version may be stale (another process may have written since): use it only where a conditional write
    /// (<c>If-Match</c> its ETag) follows and confirms it, never to answer without writing or to wait for another writer.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now (a store known to be down serves no copy).</exception>
    Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken) => ReadAsync(id, cancellationToken);

    /// <summary>
    /// Writes the document when its current ETag equals <paramref name="ifMatch"/>; a null <paramref name="ifMatch"/>
    /// means "create, only if absent". Returns the new ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Someone else wrote first (412/409): reload and re-run.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; nothing was written.</exception>
    Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes the document if present (no error when absent).</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="WriteNoteAsync"/> is available and cheaper than replacing the document (it writes only the
    /// note); false when callers must replace the whole document instead.
    /// </summary>
    bool KeepsNotes { get; }

    /// <summary>
    /// Attaches a small JSON note to the document whose current ETag is <paramref name="ifMatch"/>, replacing any earlier
    /// note, without rewriting the content; returns the new ETag (so, as for a write, a writer holding the old ETag
    /// conflicts). <see cref="ReadAsync"/> returns the note with the content until the next
    /// <see cref="WriteAsync"/> replaces both. A note is never more durable than the content: after a crash it can be
    /// gone (with the version it was written on, or alone), never damaged or attached to another version.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The document changed or is gone since <paramref name="ifMatch"/>.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; the note was not written.</exception>
    /// <exception cref="NotSupportedException"><see cref="KeepsNotes"/> is false.</exception>
    Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the version whose ETag is <paramref name="ifMatch"/> out of the conversation's place and keeps it for the
    /// operator (never deleted), so the conversation can start over: a create (null If-Match) then succeeds. For a document
    /// that cannot be read, the ETag is <see cref="DamagedDocumentException.ETag"/>. Returns where it was kept, for the log.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The document changed or is gone since <paramref name="ifMatch"/>.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; nothing was moved.</exception>
    Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken);
}

/// <summary>A stored document: UTF-8 JSON content and the ETag that must be matched to replace it.</summary>
public sealed record StoredDocument(string Id, ReadOnlyMemory<byte> Content, string ETag)
{
    /// <summary>The note attached to this version (<see cref="IConversationStore.WriteNoteAsync"/>), or null.</summary>
    public ReadOnlyMemory<byte>? Note { get; init; }

    /// <summary>
    /// True when this is the version this process last read or wrote, served from memory without asking the store
    /// (<see cref="IConversationStore.ReadLastKnownAsync"/>): possibly stale, confirmed only by a conditional write.
    /// </summary>
    public bool Remembered { get; init; }
}

/// <summary>The conditional write lost a race: another writer changed the document since it was read.</summary>
public sealed class ConcurrencyConflictException(string id, Exception? inner = null)
    : Exception($"The state of '{id}' was changed by another writer.", inner)
{
    public string DocumentId { get; } = id;
}

/// <summary>The store is unreachable, throttled beyond retries, or timed out. Nothing was written.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The stored document cannot be read as a conversation document (damaged: cut short, not JSON, the wrong shape, or another
/// conversation's). It stays where it is, and every write of the conversation conflicts, until
/// <see cref="IConversationStore.SetAsideAsync"/> moves it aside with <see cref="ETag"/>.
/// </summary>
public sealed class DamagedDocumentException(string id, string etag, string message, Exception? inner = null) : Exception(message, inner)
{
    public string DocumentId { get; } = id;

    /// <summary>The ETag of the damaged version, for <see cref="IConversationStore.SetAsideAsync"/>.</summary>
    public string ETag { get; } = etag;
}

/// <summary>The document exceeds the configured size limit and was not written.</summary>
public sealed class DocumentTooLargeException(string id, int bytes, int limit)
    : Exception($"The state of '{id}' is {bytes} bytes, over the limit of {limit}.")
{
    public int Bytes { get; } = bytes;
    public int Limit { get; } = limit;
}
