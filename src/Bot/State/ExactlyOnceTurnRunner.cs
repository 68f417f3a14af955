using System.Text.Json;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.State;

/// <summary>
/// Runs a turn so that each activity's replies become visible once, even when channels redeliver it or instances race.
/// </summary>
/// <remarks>
/// Order (see docs/exactly-once.md):
/// 1. load the conversation document (one point read);
/// 2. if the activity id is in the recent ring, it is a redelivery: do not run the turn again; answer as before and
///    re-send its outbox only when the entry's lease has expired and it is not known delivered;
/// 3. run the turn against the loaded state;
/// 4. if anything changed: one conditional write (If-Match the read ETag; create-only for a new conversation) carrying
///    the new state and this activity's ring entry with its outbox; nothing changed and no replies: no write;
/// 5. on 412, reload and re-run (bounded; then 503 so the channel retries);
/// 6. only after the commit, send the replies; then answer HTTP.
/// A crash before step 4 leaves no trace, so the retry runs the turn once; a crash after it leaves the outbox in the
/// document, so a retry after the lease delivers it.
/// </remarks>
internal sealed partial class ExactlyOnceTurnRunner(
    IConversationStore store,
    ReplySender sender,
    IOptions<TurnOptions> options,
    TimeProvider timeProvider,
    ILogger<ExactlyOnceTurnRunner> logger)
{
    private readonly TurnOptions _options = options.Value;

    public async Task<TurnResult> RunAsync(TurnContext turn, TurnWorkDelegate work, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var key = turn.ConversationKey;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            turn.Storage.Reads++;
            var document = Parse(stored, key);

            if (document.Find(activity.Id) is { } previous)
            {
                return await AnswerRedeliveryAsync(turn, stored!, document, previous, cancellationToken).ConfigureAwait(false);
            }

            var outcome = await work(document.Dialog, cancellationToken).ConfigureAwait(false);
            turn.Trace = outcome.Trace;
            var answer = outcome.InvokeResponse is { } invoke ? new TurnResult(invoke.Status, InvokeResponse: invoke) : TurnResult.Ok;
            if (!outcome.StateChanged && outcome.Replies.Count == 0)
            {
                return answer;
            }

            var now = timeProvider.GetUtcNow();
            var entry = Commit(document, activity.Id, outcome, now);
            var content = JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument);
            string etag;
            try
            {
                etag = await store.WriteAsync(key, content, stored?.ETag, cancellationToken).ConfigureAwait(false);
                turn.Storage.Writes++;
                turn.Storage.BytesWritten += content.Length;
            }
            catch (ConcurrencyConflictException)
            {
                turn.Storage.Conflicts++;
                if (attempt >= _options.MaxConflictRetries)
                {
                    LogGaveUp(logger, attempt + 1);
                    return new TurnResult(503, "The conversation is busy; retry.");
                }

                continue;
            }

            // Committed. Sending must not depend on the caller still waiting: the state already says we replied.
            var sent = await sender.SendAsync(activity, outcome.Replies, 0, CancellationToken.None).ConfigureAwait(false);
            if (!sent.Succeeded && entry is not null)
            {
                await ReleaseLeaseAsync(key, document, entry, sent.Sent, etag).ConfigureAwait(false);
                return new TurnResult(503, "The reply could not be delivered; retry.");
            }

            return answer;
        }
    }

    private RecentActivity? Commit(ConversationDocument document, string? activityId, TurnWork outcome, DateTimeOffset now)
    {
        // A later committed turn means the user has seen (or moved past) the earlier replies: stop owing them.
        foreach (var earlier in document.Recent)
        {
            earlier.Delivered = true;
            earlier.Outbox = null;
        }

        RecentActivity? entry = null;
        if (activityId is not null)
        {
            entry = new RecentActivity
            {
                Id = activityId,
                CommittedAt = now,
                LeaseUntil = now + _options.RedeliveryLease,
                Outbox = outcome.Replies.Count > 0 ? [.. outcome.Replies] : null,
                Delivered = outcome.Replies.Count == 0,
                InvokeResponse = outcome.InvokeResponse,
            };
            document.Recent.Add(entry);
            if (document.Recent.Count > _options.RecentActivityCount)
            {
                document.Recent.RemoveRange(0, document.Recent.Count - _options.RecentActivityCount);
            }
        }

        document.SchemaVersion = ConversationDocument.CurrentSchemaVersion;
        document.Dialog = outcome.State;
        document.LastActivityAt = now;
        return entry;
    }

    private async Task<TurnResult> AnswerRedeliveryAsync(
        TurnContext turn, StoredDocument stored, ConversationDocument document, RecentActivity previous, CancellationToken cancellationToken)
    {
        var answer = previous.InvokeResponse is { } invoke
            ? new TurnResult(invoke.Status, InvokeResponse: invoke) { Duplicate = true }
            : TurnResult.Ok with { Duplicate = true };
        var now = timeProvider.GetUtcNow();
        if (previous.Delivered || previous.Outbox is not { Count: > 0 } outbox || now < previous.LeaseUntil)
        {
            LogRedelivery(logger, "answered without re-sending");
            return answer;
        }

        // Claim the delivery with a conditional write so two redeliveries cannot both re-send.
        previous.LeaseUntil = now + _options.RedeliveryLease;
        string etag;
        try
        {
            etag = await WriteAsync(turn, stored.Id, document, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            turn.Storage.Conflicts++;
            LogRedelivery(logger, "left to a concurrent delivery");
            return answer;
        }

        LogRedelivery(logger, "re-sending the stored replies");
        var sent = await sender.SendAsync(turn.Activity, outbox, previous.Sent, CancellationToken.None).ConfigureAwait(false);
        if (!sent.Succeeded)
        {
            await ReleaseLeaseAsync(stored.Id, document, previous, sent.Sent, etag).ConfigureAwait(false);
            return new TurnResult(503, "The reply could not be delivered; retry.");
        }

        previous.Delivered = true;
        previous.Outbox = null;
        previous.Sent = sent.Sent;
        await TryWriteAsync(stored.Id, document, etag).ConfigureAwait(false);
        return answer;
    }

    /// <summary>After a failed send: remember what did go out and let the next redelivery re-send at once. Best effort.</summary>
    private Task ReleaseLeaseAsync(string key, ConversationDocument document, RecentActivity entry, int sent, string etag)
    {
        entry.Sent = sent;
        entry.LeaseUntil = timeProvider.GetUtcNow();
        return TryWriteAsync(key, document, etag);
    }

    private async Task TryWriteAsync(string key, ConversationDocument document, string etag)
    {
        try
        {
            var content = JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument);
            await store.WriteAsync(key, content, etag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or StoreUnavailableException)
        {
            // A newer turn committed (it marks this entry delivered) or the store is down (the lease expires on its own).
            LogBestEffortWriteSkipped(logger, ex.GetType().Name);
        }
    }

    private async Task<string> WriteAsync(TurnContext turn, string key, ConversationDocument document, string? ifMatch, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument);
        var etag = await store.WriteAsync(key, content, ifMatch, cancellationToken).ConfigureAwait(false);
        turn.Storage.Writes++;
        turn.Storage.BytesWritten += content.Length;
        return etag;
    }

    private ConversationDocument Parse(StoredDocument? stored, string key)
    {
        if (stored is null) return new ConversationDocument();
        try
        {
            return JsonSerializer.Deserialize(stored.Content.Span, BotStateJsonContext.Default.ConversationDocument) ?? new ConversationDocument();
        }
        catch (JsonException ex)
        {
            // A stuck conversation is worse than a forgotten one: start over, overwriting the unreadable document.
            LogUnreadableState(logger, key, ex.Message);
            return new ConversationDocument();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up after {Attempts} write conflicts; answering 503 so the channel retries")]
    private static partial void LogGaveUp(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered activity {Action}")]
    private static partial void LogRedelivery(ILogger logger, string action);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Best-effort state update skipped: {Reason}")]
    private static partial void LogBestEffortWriteSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state document {Key} could not be read ({Error}); starting the conversation over")]
    private static partial void LogUnreadableState(ILogger logger, string key, string error);
}
