using System.Diagnostics.Metrics;

namespace Chatbot.Storage.Telemetry;

/// <summary>Reports every store operation to the <c>Chatbot.Storage</c> meter (see <see cref="StorageMetrics"/>).</summary>
public sealed class MeteredConversationStore : DelegatingConversationStore
{
    private static readonly KeyValuePair<string, object?> ReadDirection = new(StorageMetrics.DirectionTag, "read");
    private static readonly KeyValuePair<string, object?> WriteDirection = new(StorageMetrics.DirectionTag, "write");

    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;

    /// <summary>Wraps <paramref name="inner"/>; instruments come from <paramref name="meterFactory"/>.</summary>
    public MeteredConversationStore(IConversationStore inner, IMeterFactory meterFactory, TimeProvider timeProvider)
        : base(inner)
    {
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(StorageMetrics.MeterName);
        _reads = meter.CreateCounter<long>(StorageMetrics.Reads, "{operation}", "Conversation state reads.");
        _writes = meter.CreateCounter<long>(StorageMetrics.Writes, "{operation}", "Conversation state writes.");
        _conflicts = meter.CreateCounter<long>(StorageMetrics.Conflicts, "{operation}", "Writes refused because the state changed since it was read.");
        _bytes = meter.CreateCounter<long>(StorageMetrics.Bytes, "By", "Conversation state bytes read and written.");
        _duration = meter.CreateHistogram<double>(StorageMetrics.Duration, "s", "Duration of conversation state operations.");
    }

    public override async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var result = "unavailable";
        try
        {
            var document = await Inner.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            result = document is null ? "missing" : "found";
            if (document is not null)
            {
                _bytes.Add(document.Content.Length, ReadDirection);
            }

            return document;
        }
        catch (Exception ex) when (ex is not StoreUnavailableException)
        {
            result = "error";
            throw;
        }
        finally
        {
            _reads.Add(1, new KeyValuePair<string, object?>(StorageMetrics.ResultTag, result));
            Record("read", started);
        }
    }

    public override async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var result = "error";
        try
        {
            var etag = await Inner.WriteAsync(id, content, ifMatch, cancellationToken).ConfigureAwait(false);
            result = "ok";
            _bytes.Add(content.Length, WriteDirection);
            return etag;
        }
        catch (ConcurrencyConflictException)
        {
            result = "conflict";
            _conflicts.Add(1);
            throw;
        }
        catch (DocumentTooLargeException)
        {
            result = "too_large";
            throw;
        }
        catch (StoreUnavailableException)
        {
            result = "unavailable";
            throw;
        }
        finally
        {
            _writes.Add(1, new KeyValuePair<string, object?>(StorageMetrics.ResultTag, result));
            Record("write", started);
        }
    }

    public override async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            await Inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Record("delete", started);
        }
    }

    private void Record(string operation, long started)
        => _duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(StorageMetrics.OperationTag, operation));
}
