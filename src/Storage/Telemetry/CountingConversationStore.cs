namespace Chatbot.Storage.Telemetry;

/// <summary>
/// Counts reads, writes, conflicts and bytes. Cheap enough to wrap the shared store once per turn, so the pipeline and the
/// bench can report the storage cost of each turn (target: 1 read, at most 1 write).
/// </summary>
public sealed class CountingConversationStore(IConversationStore inner) : DelegatingConversationStore(inner)
{
    private int _reads;
    private int _writes;
    private int _conflicts;
    private int _unavailable;
    private long _bytesRead;
    private long _bytesWritten;

    /// <summary>The counts so far.</summary>
    public StorageCounts Counts => new(
        Volatile.Read(ref _reads), Volatile.Read(ref _writes), Volatile.Read(ref _conflicts), Volatile.Read(ref _unavailable),
        Interlocked.Read(ref _bytesRead), Interlocked.Read(ref _bytesWritten));

    public override async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        try
        {
            var document = await Inner.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                Interlocked.Add(ref _bytesRead, document.Content.Length);
            }

            return document;
        }
        catch (StoreUnavailableException)
        {
            Interlocked.Increment(ref _unavailable);
            throw;
        }
    }

    public override async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await Inner.WriteAsync(id, content, ifMatch, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _bytesWritten, content.Length);
            return etag;
        }
        catch (ConcurrencyConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
        catch (StoreUnavailableException)
        {
            Interlocked.Increment(ref _unavailable);
            throw;
        }
    }
}
