namespace Chatbot.Storage;

/// <summary>Forwards every call to an inner store; a wrapper overrides only the concern it adds.</summary>
internal abstract class DelegatingConversationStore(IConversationStore inner) : IConversationStore
{
    /// <summary>The wrapped store.</summary>
    protected IConversationStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
        => Inner.ReadAsync(id, cancellationToken);

    // Forwarded, not left to the interface's default (which would call this wrapper's ReadAsync): a wrapper inside this
    // one may remember the document.
    public virtual Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken)
        => Inner.ReadLastKnownAsync(id, cancellationToken);

    public virtual Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
        => Inner.WriteAsync(id, content, ifMatch, cancellationToken);

    public virtual Task DeleteAsync(string id, CancellationToken cancellationToken)
        => Inner.DeleteAsync(id, cancellationToken);

    public virtual bool KeepsNotes => Inner.KeepsNotes;

    public virtual Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
        => Inner.WriteNoteAsync(id, note, ifMatch, cancellationToken);

    public virtual Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken)
        => Inner.SetAsideAsync(id, ifMatch, cancellationToken);
}
