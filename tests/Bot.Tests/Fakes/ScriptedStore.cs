using Chatbot.Storage;
using Chatbot.Storage.InMemory;

namespace Chatbot.Bot.Tests.Fakes;

/// <summary>An in-memory store whose writes can be made to fail before or "crash" after they take effect.</summary>
internal sealed class ScriptedStore(IConversationStore? inner = null) : IConversationStore
{
    private readonly IConversationStore _inner = inner ?? new InMemoryConversationStore();
    private int _failWritesBefore;
    private int _crashWritesAfter;
    private int _failReads;
    private int _conflictWrites;
    private int _lateWrites;

    public int Reads;
    public int Writes;

    /// <summary>Writes and notes the store refused because the document had changed since the writer's ETag (412).</summary>
    public int Conflicts;

    /// <summary>The next N writes throw StoreUnavailableException without writing (crash before commit).</summary>
    public void FailNextWrites(int count) => _failWritesBefore = count;

    /// <summary>The next N writes succeed, then throw (the process "dies" right after the commit).</summary>
    public void CrashAfterNextWrites(int count) => _crashWritesAfter = count;

    /// <summary>
    /// The next N writes time out as far as the caller can tell (StoreUnavailableException) but are applied anyway, as a
    /// store that stalled during the write applies it later.
    /// </summary>
    public void ApplyLateNextWrites(int count) => _lateWrites = count;

    public void FailNextReads(int count) => _failReads = count;

    /// <summary>The next N writes lose a race (412) without writing, as if another instance committed first.</summary>
    public void ConflictNextWrites(int count) => _conflictWrites = count;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failReads) >= 0) throw new StoreUnavailableException("down");
        Interlocked.Increment(ref Reads);
        return _inner.ReadAsync(id, cancellationToken);
    }

    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) =>
        ScriptedWriteAsync(id, () => _inner.WriteAsync(id, content, ifMatch, cancellationToken));

    /// <summary>Notes are on unless turned off (then callers replace the whole document, as with Cosmos).</summary>
    public bool KeepsNotes { get => _keepsNotes && _inner.KeepsNotes; set => _keepsNotes = value; }

    private bool _keepsNotes = true;

    /// <summary>A note is a write like any other for the scripted failures above.</summary>
    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) =>
        KeepsNotes ? ScriptedWriteAsync(id, () => _inner.WriteNoteAsync(id, note, ifMatch, cancellationToken)) : throw new NotSupportedException();

    private async Task<string> ScriptedWriteAsync(string id, Func<Task<string>> write)
    {
        if (Interlocked.Decrement(ref _failWritesBefore) >= 0) throw new StoreUnavailableException("down");
        if (Interlocked.Decrement(ref _conflictWrites) >= 0) throw new ConcurrencyConflictException(id);
        string etag;
        try
        {
            etag = await write();
        }
        catch (ConcurrencyConflictException)
        {
            Interlocked.Increment(ref Conflicts);
            throw;
        }

        Interlocked.Increment(ref Writes);
        if (Interlocked.Decrement(ref _crashWritesAfter) >= 0) throw new SimulatedCrashException();
        if (Interlocked.Decrement(ref _lateWrites) >= 0) throw new StoreUnavailableException("timed out (applied later)");
        return etag;
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => _inner.DeleteAsync(id, cancellationToken);

    public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) => _inner.SetAsideAsync(id, ifMatch, cancellationToken);
}

/// <summary>Stands for the process dying: nothing after the throw point runs.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated crash") { }
}
