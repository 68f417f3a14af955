using System.Text.Json;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.State;

/// <summary>
/// The state wrapper: loads the conversation into the <see cref="TurnContext"/>, recognises redeliveries, commits what
/// the handlers inside wrote with one conditional write (re-running them after a lost race), and only then sends the
/// replies, so each activity's replies become visible once even when channels redeliver it or instances race.
/// </summary>
/// <remarks>
/// Order (see docs/exactly-once.md):
/// 1. load the conversation document (one point read);
/// 2. if the activity id is in the recent ring, it is a redelivery: do not run the turn again; answer as before and
///    re-send its undelivered replies only when the entry's lease has expired and it is not known delivered;
/// 3. run the inner handlers against the loaded state;
/// 4. if anything changed: one conditional write (If-Match the read ETag; create-only for a new conversation) carrying
///    the new state and this activity's ring entry with its outbox; nothing changed and no replies: no write;
/// 5. on 412, reload and re-run (bounded; then 503 so the channel retries);
/// 6. only after the commit, send the replies (<see cref="DeliverAsync"/>, the one place a committed reply leaves);
///    then answer HTTP.
/// A crash before step 4 leaves no trace, so the retry runs the turn once; a crash after it leaves the outbox in the
/// document, so a retry after the lease delivers it.
/// </remarks>
internal sealed partial class ConversationStateTurnHandler(
    ITurnHandler inner,
    IConversationStore store,
    ReplySender sender,
    IOptions<TurnOptions> options,
    TimeProvider timeProvider,
    ILogger<ConversationStateTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    private static readonly TurnResult Busy = new(503, "The conversation is busy; retry.");
    private static readonly TurnResult Undelivered = new(503, "The reply could not be delivered; retry.");
    private readonly TurnOptions _options = options.Value;

    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Route == ActivityRoute.None)
        {
            // Nothing the bot acts on: no state to load.
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        var key = turn.ConversationKey;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var document = Parse(stored, key);

            if (document.Find(turn.Activity.Id) is { } previous)
            {
                turn.IsRedelivery = true;
                return await AnswerRedeliveryAsync(turn, stored!, document, previous, cancellationToken).ConfigureAwait(false);
            }

            turn.Begin(document.Dialog);
            var answer = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            if (!turn.StateChanged && turn.Replies.Count == 0)
            {
                // Nothing to remember and nothing owed: no write. (A redelivery of this activity runs it again, which
                // is harmless for the same reason.)
                return answer;
            }

            var now = timeProvider.GetUtcNow();
            var entry = Commit(document, turn, answer, now);
            string etag;
            try
            {
                etag = await WriteAsync(key, document, stored?.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= _options.MaxConflictRetries)
                {
                    LogGaveUp(logger, attempt + 1);
                    return Busy;
                }

                continue;
            }

            var replies = turn.Replies.ToArray();
            return await DeliverAsync(turn, key, document, entry, replies, etag).ConfigureAwait(false) ? answer : Undelivered;
        }
    }

    private RecentActivity? Commit(ConversationDocument document, TurnContext turn, TurnResult answer, DateTimeOffset now)
    {
        // A later committed turn means the user has seen (or moved past) the earlier replies: stop owing them.
        foreach (var earlier in document.Recent)
        {
            earlier.Delivered = true;
            earlier.Outbox = null;
        }

        RecentActivity? entry = null;
        if (turn.Activity.Id is { } activityId)
        {
            entry = new RecentActivity
            {
                Id = activityId,
                CommittedAt = now,
                LeaseUntil = now + _options.RedeliveryLease,
                Outbox = turn.Replies.Count > 0 ? [.. turn.Replies] : null,
                Delivered = turn.Replies.Count == 0,
                InvokeResponse = answer.InvokeResponse,
            };
            document.Recent.Add(entry);
            if (document.Recent.Count > _options.RecentActivityCount)
            {
                document.Recent.RemoveRange(0, document.Recent.Count - _options.RecentActivityCount);
            }
        }

        document.SchemaVersion = ConversationDocument.CurrentSchemaVersion;
        document.Dialog = turn.State;
        document.LastActivityAt = now;
        return entry;
    }

    private async Task<TurnResult> AnswerRedeliveryAsync(
        TurnContext turn, StoredDocument stored, ConversationDocument document, RecentActivity previous, CancellationToken cancellationToken)
    {
        var answer = previous.InvokeResponse is { } invoke ? TurnResult.ForInvoke(invoke) : TurnResult.Ok;
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
            etag = await WriteAsync(stored.Id, document, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            LogRedelivery(logger, "left to a concurrent delivery");
            return answer;
        }

        LogRedelivery(logger, "re-sending the undelivered replies");
        if (!await DeliverAsync(turn, stored.Id, document, previous, outbox, etag).ConfigureAwait(false))
        {
            return Undelivered;
        }

        previous.Delivered = true;
        previous.Outbox = null;
        await TryWriteAsync(stored.Id, document, etag).ConfigureAwait(false);
        return answer;
    }

    /// <summary>
    /// Sends the committed replies not yet delivered, in order, recording each delivery in the entry as it happens.
    /// Not tied to the caller's cancellation: the state already says the bot replied. After a failed send the entry
    /// keeps how far delivery got and its lease is released, so the channel's retry sends the rest at once (best effort).
    /// </summary>
    private async Task<bool> DeliverAsync(TurnContext turn, string key, ConversationDocument document, RecentActivity? entry, IReadOnlyList<Reply> replies, string etag)
    {
        var from = entry?.Sent ?? 0;
        var sent = await sender.SendAsync(turn.Activity, replies, from, entry is null ? null : i => entry.Sent = i + 1, CancellationToken.None).ConfigureAwait(false);
        if (sent.Succeeded || entry is null)
        {
            return sent.Succeeded;
        }

        entry.LeaseUntil = timeProvider.GetUtcNow();
        await TryWriteAsync(key, document, etag).ConfigureAwait(false);
        return false;
    }

    private async Task TryWriteAsync(string key, ConversationDocument document, string etag)
    {
        try
        {
            await WriteAsync(key, document, etag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or StoreUnavailableException)
        {
            // A newer turn committed (it marks this entry delivered) or the store is down (the lease expires on its own).
            LogBestEffortWriteSkipped(logger, ex.GetType().Name);
        }
    }

    // The document is serialised here and nowhere else, once per write.
    private Task<string> WriteAsync(string key, ConversationDocument document, string? ifMatch, CancellationToken cancellationToken) =>
        store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument), ifMatch, cancellationToken);

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
