using System.Text.Json;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.State;

/// <summary>
/// The state wrapper: loads the conversation into the <see cref="TurnContext"/>, recognises redeliveries, commits what
/// the handlers inside wrote with one conditional write (re-running them after a lost race), and only then delivers
/// the replies, recording the delivery, so each activity's replies become visible once even when channels redeliver
/// it, instances race, processes die or the store stalls.
/// </summary>
/// <remarks>
/// Order (docs/exactly-once.md has the reasoning and the crash table):
/// 1. load the conversation document (one point read);
/// 2. if the activity id is in the recent ring, it is a redelivery: do not run the turn again; answer as before, and
///    send the replies still owed once the attempt that owns them is gone (lease over, or known abandoned here),
///    waiting for it until then;
/// 3. run the inner handlers against the loaded state;
/// 4. if anything changed: one conditional write (If-Match the read ETag; create-only for a new conversation) carrying
///    the new state and this activity's entry: its replies with stable ids, owned by this attempt under a lease;
///    nothing changed and no replies: no write;
/// 5. on 412, back off (jittered) and re-run from 1 while the turn's deadline allows, then 503;
/// 6. send the replies in order within the lease, then record the outcome with one more conditional write
///    (delivered, or how far it got with the lease released), then answer HTTP.
/// </remarks>
internal sealed partial class ConversationStateTurnHandler(
    ITurnHandler inner,
    IConversationStore store,
    ConversationIndex index,
    ReplySender sender,
    DeliveryLedger ledger,
    HostNoticeTexts notices,
    IOptions<TurnOptions> options,
    TimeProvider timeProvider,
    ILogger<ConversationStateTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    /// <summary>A sender stops this long before its lease ends, so instances whose clocks differ by less never both send.</summary>
    internal static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(1);

    // A lost race costs the winner's turn time (tens of ms); start below it and spread the losers out.
    private static readonly TimeSpan FirstConflictBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxConflictBackoff = TimeSpan.FromSeconds(1);

    // A redelivery waiting for the owner of its replies looks again soon (the owner is usually nearly done), then less often.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private const int MaxClaimConflicts = 5;

    private static readonly TurnResult NewerState = TurnResult.Unavailable("The conversation was saved by a newer version of the bot; retry.", TimeSpan.FromSeconds(10));

    // KeepAsideAsync's "read the document again": compared by reference, never answered.
    private static readonly TurnResult ReadAgain = TurnResult.Unavailable("The conversation changed meanwhile; read it again.", TimeSpan.Zero);

    private static readonly TurnResult UnreadableForEvents = TurnResult.Reject(409, "The conversation's state cannot be read; it can receive events after its user's next message.");

    private static readonly TurnResult Busy = TurnResult.Unavailable("The conversation is busy; retry.", TimeSpan.FromSeconds(1));

    // The Connector client has already retried with backoff; a blip beyond that usually passes within seconds, and the
    // redelivery only sends the replies still owed.
    private static readonly TurnResult Undelivered = TurnResult.Unavailable("The reply could not be delivered; retry.", TimeSpan.FromSeconds(2));
    private readonly TurnOptions _options = options.Value;

    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Route == ActivityRoute.None)
        {
            // Nothing the bot acts on: no state to load.
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        var answerBy = turn.AnswerBy ??= timeProvider.GetUtcNow() + _options.Deadline;
        var key = turn.ConversationKey;
        (bool Read, StoredDocument? Stored) confirmed = default;
        for (var attempt = 0; ; attempt++)
        {
            // The turn's first read may be the version this process last read or wrote (Storage:Remember), without a store
            // request: the commit's If-Match confirms it, and a stale one fails it (412, re-run below from a real read).
            // Every other read asks the store: re-runs, events (refused without a write), and the reads further on.
            StoredDocument? stored;
            (string ETag, string Reason)? damaged = null;
            try
            {
                stored = confirmed.Read ? confirmed.Stored
                    : attempt == 0 && turn.Route != ActivityRoute.Event ? await store.ReadLastKnownAsync(key, cancellationToken).ConfigureAwait(false)
                    : await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (DamagedDocumentException ex)
            {
                (stored, damaged) = (null, (ex.ETag, ex.Message));
            }

            confirmed = default;
            var startedOver = false;
            string? unreadable = null;
            var document = damaged is null ? Parse(stored, key, out unreadable) : null;
            if (document is null || document.SchemaVersion > ConversationDocument.CurrentSchemaVersion)
            {
                string reason;
                if (document is null)
                {
                    // A stuck conversation is worse than a forgotten one, and a silently overwritten one hides what went
                    // wrong: the unreadable version is kept aside for the operator and the conversation starts over, the
                    // user told so.
                    reason = damaged?.Reason ?? unreadable!;
                }
                else
                {
                    // Written by a newer version of the bot (a rolling upgrade, or one rolled back): this version would drop
                    // what it does not know. Retried, the message usually reaches an instance of the newer version; when
                    // none has answered for Turn:NewerStateWait (rolled back), it is kept aside and the conversation starts over.
                    if (WaitsForNewerVersion(document))
                    {
                        LogNewerState(logger, key, "schema version", document.SchemaVersion);
                        return NewerState;
                    }

                    reason = NewerReason(key, "schema version", document.SchemaVersion);
                }

                if (await KeepAsideAsync(turn, key, damaged?.ETag ?? stored!.ETag, reason, attempt, cancellationToken).ConfigureAwait(false) is { } stop)
                {
                    if (ReferenceEquals(stop, ReadAgain)) continue;
                    return stop;
                }

                (stored, document) = (null, new ConversationDocument());
                startedOver = true;
            }

            if (turn.Route == ActivityRoute.Event && AddressEvent(turn, stored, document) is { } refused)
            {
                return refused;
            }

            if (document.Find(turn.TriggerId) is { } previous)
            {
                turn.IsRedelivery = true;
                return await AnswerRedeliveryAsync(turn, stored!, document, previous, answerBy, cancellationToken).ConfigureAwait(false);
            }

            turn.Begin(document.Dialog);
            var answer = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            var newerDialog = turn.StoredState == StoredStateFault.Newer;
            if (newerDialog || (turn.StoredState == StoredStateFault.Unreadable && stored is not null && !startedOver))
            {
                // Newer: the dialogs logged which version; nothing ran. Past the wait, as for a newer document above, except
                // that the envelope (delivery records, address) is this version's and stays. Unreadable: the envelope reads
                // but its dialog part is not a dialog state (the wrong shape): kept aside like a damaged document before this
                // turn's new state replaces it; the envelope's delivery records and address stay.
                if (newerDialog && WaitsForNewerVersion(document)) return NewerState;
                var reason = newerDialog ? NewerReason(key, "dialog state version", null) : $"The dialog state of '{key}' is not in the shape this version writes";
                if (await KeepAsideAsync(turn, key, stored!.ETag, reason, attempt, cancellationToken).ConfigureAwait(false) is { } stop)
                {
                    if (ReferenceEquals(stop, ReadAgain)) continue;
                    return stop;
                }

                stored = null;
                startedOver = true;
                if (newerDialog)
                {
                    document.Dialog = null;
                    turn.Begin(null);
                    answer = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
                }
            }

            if (startedOver)
            {
                // Before the turn's own replies, committed and delivered with them (a redelivery sends it once too).
                turn.Replies.Insert(0, notices.For(HostNotice.StateLost, turn.Activity.Locale));
            }
            if (!turn.StateChanged && turn.Replies.Count == 0
                && (turn.Route == ActivityRoute.Event || stored is null || ConversationReferences.IsCurrent(document.Reference, turn.Activity)))
            {
                // Nothing to remember and nothing owed: no write. (A redelivery of this activity runs it again, which
                // is harmless for the same reason.) A stored conversation whose address moved (or that predates
                // references) is written for the address alone, so events keep reaching it.
                if (stored is { Remembered: true })
                {
                    // No If-Match will confirm the remembered version: the store must. If it holds another (a turn
                    // committed elsewhere), this turn runs again on that one, as after a lost race.
                    var current = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
                    if (!string.Equals(current?.ETag, stored.ETag, StringComparison.Ordinal))
                    {
                        LogStaleCopy(logger);
                        confirmed = (true, current);
                        continue;
                    }
                }

                return answer;
            }

            // Before the state: an entry only ever names this conversation, so one whose turn is then not committed (a
            // lost race re-runs it, a failure is redelivered) can send it nothing but its own events.
            await RememberAsync(turn, cancellationToken).ConfigureAwait(false);
            var entry = Commit(document, turn, answer, timeProvider.GetUtcNow());
            string etag;
            try
            {
                etag = await WriteAsync(key, document, stored?.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                var backoff = ConflictBackoff(attempt);
                if (timeProvider.GetUtcNow() + backoff >= answerBy)
                {
                    LogGaveUp(logger, attempt + 1);
                    return Busy;
                }

                if (backoff > TimeSpan.Zero)
                {
                    await Task.Delay(backoff, timeProvider, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }
            catch (Exception) when (entry?.Attempt is { } owner)
            {
                // A write that failed or timed out may still be applied later; this attempt will never send, so a
                // redelivery reaching this process takes over at once instead of waiting out the lease.
                ledger.Abandoned(key, entry.Id, owner);
                throw;
            }

            turn.Committed = true;

            if (entry is null)
            {
                // An activity without an id cannot be recognised when redelivered: one delivery, nothing to record.
                var outcome = await sender.DeliverAsync(turn.Activity, [.. turn.Replies.Select(r => new OutboxReply { Reply = r })], CancellationToken.None).ConfigureAwait(false);
                return outcome.Succeeded ? answer : UndeliveredAfter(outcome.Failure);
            }

            return await DeliverAsync(turn.Activity, key, document, entry, etag).ConfigureAwait(false) ?? answer;
        }
    }

    private RecentActivity? Commit(ConversationDocument document, TurnContext turn, TurnResult answer, DateTimeOffset now)
    {
        RecentActivity? entry = null;
        if (turn.TriggerId is { } activityId)
        {
            // Earlier entries keep what they owe: their owner (or a redelivery after its lease) still delivers them.
            entry = new RecentActivity
            {
                Id = activityId,
                CommittedAt = now,
                Delivered = turn.Replies.Count == 0,
                Replies = turn.Replies.Count > 0 ? Outbox(turn.Replies, activityId) : null,
                InvokeResponse = answer.InvokeResponse,
            };
            if (turn.Replies.Count > 0)
            {
                Own(entry, now);
            }

            document.Recent.Add(entry);
            if (document.Recent.Count > _options.RecentActivityCount)
            {
                document.Recent.RemoveRange(0, document.Recent.Count - _options.RecentActivityCount);
            }
        }

        document.SchemaVersion = ConversationDocument.CurrentSchemaVersion;
        // Typed: "?? (state ? bytes : null)" would give an empty ReadOnlyMemory, not null, and store a "dialog" that is no JSON.
        document.Dialog = turn.StateJson ?? (turn.State is { } state ? DialogStateJson.SerializeToUtf8Bytes(state) : (ReadOnlyMemory<byte>?)null);
        if (turn.Route != ActivityRoute.Event && !ConversationReferences.IsExactly(document.Reference, turn.Activity))
        {
            // The latest address wins (a service URL can move); an event turn only reads it. Unchanged (nearly every
            // turn), the stored one is kept: the same JSON without building a new one.
            document.Reference = ConversationReferences.From(turn.Activity);
        }

        document.LastActivityAt = now;
        return entry;
    }

    // The turn's replies under their stable ids, in order (a loop into a list of the right size: no closure, iterator or
    // list growth per turn).
    private static List<OutboxReply> Outbox(List<Reply> replies, string activityId)
    {
        var outbox = new List<OutboxReply>(replies.Count);
        for (var i = 0; i < replies.Count; i++)
        {
            outbox.Add(new OutboxReply { Id = ReplyIds.For(activityId, i), Reply = replies[i] });
        }

        return outbox;
    }

    /// <summary>
    /// True while a state written by a newer version is left for it: its last turn (every version writes
    /// <c>lastActivityAt</c>) is less than <see cref="TurnOptions.NewerStateWait"/> ago.
    /// </summary>
    private bool WaitsForNewerVersion(ConversationDocument document) =>
        document.LastActivityAt is { } last && timeProvider.GetUtcNow() - last < _options.NewerStateWait;

    private string NewerReason(string key, string what, int? version) =>
        $"The {what}{(version is { } v ? $" {v}" : "")} of '{key}' is newer than this version of the bot reads, and no newer version has answered it for {_options.NewerStateWait} (Turn:NewerStateWait): rolled back?";

    /// <summary>Registers the keys the turn's <c>remember</c> steps asked for; a key another conversation holds stays there (logged).</summary>
    private async Task RememberAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Remembered.Count == 0) return;
        var conversation = new IndexedConversation(turn.Activity.ChannelId!, turn.Activity.Conversation!.Id!);
        foreach (var remembered in turn.Remembered)
        {
            if (await index.SetAsync(remembered.Key, conversation, remembered.Replace, cancellationToken).ConfigureAwait(false) == IndexWrite.HeldByAnother)
            {
                LogKeyHeld(logger, Scope(remembered.Key));
            }
        }
    }

    private static string Scope(string key) => key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))];

    /// <summary>
    /// Addresses an event turn from the conversation's stored reference, or says why it cannot run: an unknown
    /// conversation (404), or one whose document predates references (409: it can after the user's next message).
    /// </summary>
    private static TurnResult? AddressEvent(TurnContext turn, StoredDocument? stored, ConversationDocument document)
    {
        if (stored is null)
        {
            return TurnResult.Reject(404, "No such conversation: the bot has never been in a conversation with this channelId and id.");
        }

        if (document.Reference is not { } reference)
        {
            return TurnResult.Reject(409, "The conversation has no stored address yet; it can receive events after its user's next message.");
        }

        ConversationReferences.Address(turn.Activity, reference);
        return null;
    }

    private async Task<TurnResult> AnswerRedeliveryAsync(
        TurnContext turn, StoredDocument stored, ConversationDocument document, RecentActivity previous, DateTimeOffset answerBy,
        CancellationToken cancellationToken)
    {
        var answer = previous.InvokeResponse is { } invoke ? TurnResult.ForInvoke(invoke) : TurnResult.Ok;
        var key = stored.Id;
        var claimConflicts = 0;
        for (var poll = 0; ; poll++)
        {
            if (!previous.Owes || ledger.IsDelivered(key, previous.Id, previous.Attempt))
            {
                LogRedelivery(logger, "answered without re-sending (already delivered)");
                return answer;
            }

            var now = timeProvider.GetUtcNow();
            if (now < previous.LeaseUntil && !ledger.IsAbandoned(key, previous.Id, previous.Attempt))
            {
                // The attempt that owns the replies may be sending them right now: wait until it has finished or its
                // lease is over, rather than double them (re-send now) or drop them (answer 200 now).
                var wait = Min(Grow(FirstPoll, MaxPoll, poll), previous.LeaseUntil - now);
                if (now + wait >= answerBy)
                {
                    LogRedelivery(logger, "left to the delivery in progress (answered 503)");
                    return Busy with { RetryAfter = RoundUp(previous.LeaseUntil - now) };
                }

                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The owner is gone (its lease is over, or this process knows it gave up): claim the delivery with a
                // conditional write, so of several redeliveries exactly one sends, then send what is still owed.
                Own(previous, now);
                string? etag = null;
                try
                {
                    etag = await WriteAsync(key, document, stored.ETag, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException) when (++claimConflicts < MaxClaimConflicts)
                {
                    // Someone else claimed it or committed a turn: look again.
                }
                catch (ConcurrencyConflictException)
                {
                    return Busy;
                }
                catch (Exception)
                {
                    // As for a commit: a claim that failed or timed out may still be applied; this attempt never sends.
                    ledger.Abandoned(key, previous.Id, previous.Attempt!);
                    throw;
                }

                if (etag is not null)
                {
                    LogRedelivery(logger, "re-sending the undelivered replies");
                    return await DeliverAsync(turn.Activity, key, document, previous, etag).ConfigureAwait(false) ?? answer;
                }
            }

            if (await store.ReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } reloaded
                || Parse(reloaded, key, out _) is not { } reparsed
                || reparsed.Find(previous.Id) is not { } current)
            {
                // Gone from the ring: the conversation has moved far past this activity.
                return answer;
            }

            (stored, document, previous) = (reloaded, reparsed, current);
        }
    }

    /// <summary>
    /// Sends the entry's owed replies within its lease, then records the outcome with one conditional write: delivered
    /// (the replies are dropped), or how far it got with the lease released so a redelivery sends the rest at once.
    /// Not tied to the caller's cancellation: the committed state already says the bot replied. Null when nothing is
    /// owed any more; else the 503 that asks the channel to deliver the activity again.
    /// </summary>
    private async Task<TurnResult?> DeliverAsync(Activity incoming, string key, ConversationDocument document, RecentActivity entry, string etag)
    {
        if (!entry.Owes)
        {
            return null;
        }

        // Nothing is sent after the lease (less the clock allowance): by then a redelivery may own the replies.
        var left = entry.LeaseUntil - ClockAllowance - timeProvider.GetUtcNow();
        using var lease = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, timeProvider);
        var outcome = await sender.DeliverAsync(incoming, entry.Replies!, lease.Token).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            entry.Delivered = true;
            entry.Replies = null;
        }
        else
        {
            entry.LeaseUntil = timeProvider.GetUtcNow();
        }

        await RecordAsync(key, document, entry, etag).ConfigureAwait(false);
        return outcome.Succeeded ? null : UndeliveredAfter(outcome.Failure);
    }

    // The channel is told to retry; as late as the Connector asked to be called again, when it said (a redelivery sooner
    // would only meet the same 429).
    private static TurnResult UndeliveredAfter(Exception? failure) =>
        failure is ConnectorException { RetryAfter: { } wait } ? Undelivered with { RetryAfter = RoundUp(wait) } : Undelivered;

    /// <summary>
    /// Writes the delivery record. Lost race: reload and apply it again while this attempt still owns the entry.
    /// Store unavailable: remembered in this process only; elsewhere the lease decides (docs/exactly-once.md).
    /// </summary>
    private async Task RecordAsync(string key, ConversationDocument document, RecentActivity entry, string etag)
    {
        var attempt = entry.Attempt!;
        var delivered = entry.Delivered;
        if (delivered)
        {
            entry.Attempt = null; // nothing left to own; keeps the ring small
        }

        try
        {
            for (var tries = 0; ; tries++)
            {
                try
                {
                    if (store.KeepsNotes)
                    {
                        // Only the entry, as a note on the committed version (read back by Parse): the store neither
                        // rewrites the document nor, for the file store, flushes it to disk a second time this turn.
                        await WriteNoteAsync(key, entry, etag).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteAsync(key, document, etag, CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }
                catch (ConcurrencyConflictException) when (tries < MaxClaimConflicts)
                {
                    var stored = await store.ReadAsync(key, CancellationToken.None).ConfigureAwait(false);
                    var current = stored is null ? null : Parse(stored, key, out _);
                    if (stored is null || current?.Find(entry.Id) is not { } mine || mine.Attempt != attempt)
                    {
                        return; // another attempt owns it now (or it left the ring): its record wins
                    }

                    (mine.Delivered, mine.Replies, mine.LeaseUntil, mine.Attempt) = (entry.Delivered, entry.Replies, entry.LeaseUntil, entry.Attempt);
                    (document, entry, etag) = (current, mine, stored.ETag);
                }
            }
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or StoreUnavailableException or OperationCanceledException)
        {
            if (delivered)
            {
                ledger.Delivered(key, entry.Id, attempt);
            }

            LogRecordSkipped(logger, ex.GetType().Name);
        }
    }

    private void Own(RecentActivity entry, DateTimeOffset now)
    {
        entry.LeaseUntil = now + _options.RedeliveryLease;
        // Tells this attempt from any other of the same activity (a redelivery here or elsewhere); stored in the document,
        // never secret, so the process's own seeded generator serves (the OS generator cost ~2 % of an in-memory turn).
        Span<byte> id = stackalloc byte[6];
        Random.Shared.NextBytes(id);
        entry.Attempt = Convert.ToHexString(id);
    }

    // The first re-run goes at once (reloading already takes a round trip); later ones back off exponentially with
    // full jitter, so losers of a burst spread out instead of colliding again.
    private static TimeSpan ConflictBackoff(int attempt) =>
        attempt == 0 ? TimeSpan.Zero : Grow(FirstConflictBackoff, MaxConflictBackoff, attempt - 1) * Random.Shared.NextDouble();

    private static TimeSpan Grow(TimeSpan first, TimeSpan max, int step) =>
        step >= 16 ? max : Min(first * (1 << step), max);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan RoundUp(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    // The document is serialised here and nowhere else, once per write, into the thread's scratch buffer: every store
    // copies (or sends) what it is given before its task completes.
    private async Task<string> WriteAsync(string key, ConversationDocument document, string? ifMatch, CancellationToken cancellationToken)
    {
        var scratch = JsonScratch.Rent();
        try
        {
            return await store.WriteAsync(key, scratch.Write(document, BotStateJsonContext.Default.ConversationDocument), ifMatch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            scratch.Return();
        }
    }

    private async Task<string> WriteNoteAsync(string key, RecentActivity entry, string etag)
    {
        var scratch = JsonScratch.Rent();
        try
        {
            return await store.WriteNoteAsync(key, scratch.Write(entry, BotStateJsonContext.Default.RecentActivity), etag, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            scratch.Return();
        }
    }

    /// <summary>
    /// The stored document (a new one when there is none), or null with the reason when it cannot be read (not JSON, the
    /// wrong shape): the caller decides, never this, whether that conversation starts over.
    /// </summary>
    private ConversationDocument? Parse(StoredDocument? stored, string key, out string? unreadable)
    {
        unreadable = null;
        if (stored is null) return new ConversationDocument();
        try
        {
            var document = ConversationDocumentJson.Read(stored.Content) ?? new ConversationDocument();
            if (stored.Note is { } note)
            {
                ApplyRecord(document, note.Span, key);
            }

            foreach (var entry in document.Recent)
            {
                entry.Upgrade();
            }

            return document;
        }
        catch (JsonException ex)
        {
            unreadable = $"The state document of '{key}' is not a conversation document: {ex.Message}";
            return null;
        }
    }

    /// <summary>
    /// Keeps the stored version the turn cannot use aside so the conversation starts over: null when it is kept;
    /// <see cref="ReadAgain"/> when it changed since it was read (another instance set it aside or started over);
    /// otherwise the answer: an event's refusal (the user's next message sets it aside, and hears why the conversation
    /// starts over; an event cannot say so), or busy after too many such changes.
    /// </summary>
    private async Task<TurnResult?> KeepAsideAsync(TurnContext turn, string key, string etag, string reason, int attempt, CancellationToken cancellationToken)
    {
        if (turn.Route == ActivityRoute.Event) return UnreadableForEvents;
        if (await SetAsideAsync(key, etag, reason, cancellationToken).ConfigureAwait(false)) return null;
        return attempt >= MaxClaimConflicts ? Busy : ReadAgain;
    }

    /// <summary>
    /// Moves the unreadable version aside (kept by the store, never deleted) and logs where for the operator; false when
    /// the document changed since it was read, so the caller reads it again.
    /// </summary>
    private async Task<bool> SetAsideAsync(string key, string etag, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var kept = await store.SetAsideAsync(key, etag, cancellationToken).ConfigureAwait(false);
            LogUnreadableState(logger, key, reason, kept);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// Puts a delivery record written as a note (<see cref="RecordAsync"/>) in place of its entry. A record that cannot
    /// be read is ignored, as a record that was never written: the lease then decides, as after a crash before it.
    /// </summary>
    private void ApplyRecord(ConversationDocument document, ReadOnlySpan<byte> note, string key)
    {
        RecentActivity? record;
        try
        {
            record = JsonSerializer.Deserialize(note, BotStateJsonContext.Default.RecentActivity);
        }
        catch (JsonException ex)
        {
            LogUnreadableRecord(logger, key, ex.Message);
            return;
        }

        var at = document.IndexOf(record?.Id);
        if (at >= 0)
        {
            document.Recent[at] = record!;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The remembered version was stale and the turn wrote nothing: run again on the store's")]
    private static partial void LogStaleCopy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery record of {Key} could not be read ({Error}); the lease decides what a redelivery sends")]
    private static partial void LogUnreadableRecord(ILogger logger, string key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up after {Attempts} write conflicts within Turn:Deadline; answering 503 so the channel retries")]
    private static partial void LogGaveUp(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A remember step's {Scope}: key is held by another conversation and stays there (replace: true would move it)")]
    private static partial void LogKeyHeld(ILogger logger, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered activity {Action}")]
    private static partial void LogRedelivery(ILogger logger, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery record not written ({Reason}); the lease decides what a redelivery sends")]
    private static partial void LogRecordSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state document {Key} has {What} {Version}, newer than this version of the bot reads; answered 503 and left it as it is for Turn:NewerStateWait after its last turn")]
    private static partial void LogNewerState(ILogger logger, string key, string what, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state document {Key} could not be read ({Error}); it was kept as {KeptAs} and the conversation starts over")]
    private static partial void LogUnreadableState(ILogger logger, string key, string error, string keptAs);
}
