using System.Diagnostics;
using Chatbot.Storage;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Wraps an <see cref="IConversationStore"/>: a span per read/write/delete with document size, whether the write was
/// conditional, and conflicts; counts operations by outcome and records latency and document bytes.
/// </summary>
internal sealed class TracingConversationStore(IConversationStore inner, ChatbotTelemetry telemetry) : IConversationStore
{
    /// <inheritdoc />
    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken) =>
        TraceReadAsync(id, lastKnown: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A version served from the process's copy counts as outcome <c>remembered</c>: no request reached the store.</remarks>
    public Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken) =>
        TraceReadAsync(id, lastKnown: true, cancellationToken);

    private async Task<StoredDocument?> TraceReadAsync(string id, bool lastKnown, CancellationToken cancellationToken)
    {
        using var span = Start(TelemetryNames.Spans.StorageRead);
        var start = telemetry.Now();
        try
        {
            var document = await (lastKnown ? inner.ReadLastKnownAsync(id, cancellationToken) : inner.ReadAsync(id, cancellationToken)).ConfigureAwait(false);
            span?.SetTag(TelemetryTags.StorageFound, document is not null);
            if (document is not null)
            {
                span?.SetTag(TelemetryTags.StorageBytes, document.Content.Length);
                if (document.Remembered) span?.SetTag(TelemetryTags.StorageRemembered, true);
                telemetry.StorageBytes.Record(document.Content.Length, Operation("read"));
            }

            Record("read", document is null ? "not_found" : document.Remembered ? "remembered" : "ok", start);
            return document;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(span, "read", ex, start);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) =>
        TraceWriteAsync(id, content, ifMatch, note: false, cancellationToken);

    /// <inheritdoc />
    public bool KeepsNotes => inner.KeepsNotes;

    /// <inheritdoc />
    /// <remarks>Traced and counted as a write (a conditional one, of the note's size).</remarks>
    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) =>
        TraceWriteAsync(id, note, ifMatch, note: true, cancellationToken);

    // The write itself by a flag, not a lambda: no closure and delegate per write (two a turn, issue 19).
    private async Task<string> TraceWriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, bool note, CancellationToken cancellationToken)
    {
        using var span = Start(TelemetryNames.Spans.StorageWrite);
        span?.SetTag(TelemetryTags.StorageBytes, content.Length);
        span?.SetTag(TelemetryTags.StorageConditional, ifMatch is not null);
        var start = telemetry.Now();
        try
        {
            var etag = await (note ? inner.WriteNoteAsync(id, content, ifMatch!, cancellationToken) : inner.WriteAsync(id, content, ifMatch, cancellationToken)).ConfigureAwait(false);
            span?.SetTag(TelemetryTags.StorageConflict, false);
            telemetry.StorageBytes.Record(content.Length, Operation("write"));
            Record("write", "ok", start);
            return etag;
        }
        catch (ConcurrencyConflictException ex)
        {
            // A lost race is normal traffic (the pipeline reloads and re-runs): visible, but not an error.
            span?.SetTag(TelemetryTags.StorageConflict, true);
            span?.SetTag(TelemetryTags.ErrorType, ex.GetType().FullName);
            Record("write", "conflict", start);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(span, "write", ex, start);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>Not traced: rare, and the state handler logs it as an error with where the document was kept.</remarks>
    public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) =>
        inner.SetAsideAsync(id, ifMatch, cancellationToken);

    /// <inheritdoc />
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var span = Start(TelemetryNames.Spans.StorageDelete);
        var start = telemetry.Now();
        try
        {
            await inner.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            Record("delete", "ok", start);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(span, "delete", ex, start);
            throw;
        }
    }

    private static Activity? Start(string name) => ChatbotTelemetry.Source.StartActivity(name, ActivityKind.Client);

    private static KeyValuePair<string, object?> Operation(string operation) => new(TelemetryTags.StorageOperation, operation);

    private void Record(string operation, string outcome, long start)
    {
        var tags = new TagList { { TelemetryTags.StorageOperation, operation }, { TelemetryTags.Outcome, outcome } };
        telemetry.StorageOperations.Add(1, tags);
        telemetry.StorageDuration.Record(telemetry.SecondsSince(start), Operation(operation));
    }

    private void Fail(Activity? span, string operation, Exception exception, long start)
    {
        ChatbotTelemetry.MarkFailed(span, exception);
        telemetry.RecordError("storage", exception);
        Record(operation, exception switch
        {
            StoreUnavailableException => "unavailable",
            DocumentTooLargeException => "too_large",
            _ => "error",
        }, start);
    }
}
