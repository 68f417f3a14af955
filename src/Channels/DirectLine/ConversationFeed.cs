using System.Globalization;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.DirectLine;

/// <summary>One activity in a feed: its sequence number (the watermark it advances to) and its wire JSON.</summary>
internal sealed record FeedEntry(long Sequence, string Id, byte[] Json);

/// <summary>A page of the feed: the activities after the caller's watermark, and the watermark to ask from next.</summary>
internal sealed record FeedPage(IReadOnlyList<FeedEntry> Activities, string Watermark, long LastSequence)
{
    /// <summary>True when the feed holds more after this page (the client asks again from <see cref="Watermark"/>).</summary>
    public bool HasMore { get; init; }
}

/// <summary>
/// The activities of one Direct Line conversation, in order. Every appended activity gets the next sequence number
/// (the watermark is that number as a string), a server id and a timestamp strictly later than the previous one.
/// Only the newest activities are kept: at most <c>maxActivities</c> and <c>maxBytes</c> of JSON (the newest one always).
/// </summary>
internal sealed class ConversationFeed
{
    private readonly Lock _gate = new();
    private readonly Queue<FeedEntry> _entries = new();
    private readonly FeedLimits _limits;
    private readonly ByteBudget? _budget;
    private readonly CancellationTokenSource _dropped = new();
    private long _lastSequence;
    private long _bytes;
    private bool _detached;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActiveTicks;
    private int _started;
    private int _turns;
    private int _usedByUser;
    private long _tokenGeneration;
    private DateTimeOffset _previousGenerationUntil;
    private readonly List<CancellationTokenSource> _streams = [];

    /// <summary>How long a refreshed token keeps working for requests its client sent before it had the new one.</summary>
    public static readonly TimeSpan RevocationGrace = TimeSpan.FromSeconds(60);

    public ConversationFeed(string conversationId, string userId, string? client, FeedLimits limits, DateTimeOffset now, ByteBudget? budget = null)
    {
        ConversationId = conversationId;
        UserId = userId;
        Client = client;
        _limits = limits;
        _budget = budget;
        _lastActiveTicks = now.UtcTicks;
    }

    public string ConversationId { get; }

    /// <summary>The user the conversation was created for (from the token).</summary>
    public string UserId { get; }

    /// <summary>Who created it without the secret (a client address), counted against that client's quota; null = the secret.</summary>
    public string? Client { get; }

    /// <summary>Serialises the turns of this conversation so the bot sees activities in the order they were echoed.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>Bytes of activity JSON held.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>A turn is running: the feed must stay, or the bot's answer would have nowhere to go.</summary>
    public bool IsBusy => Volatile.Read(ref _turns) > 0;

    /// <summary>The user has posted something (a conversation nobody used is the first to be dropped).</summary>
    public bool IsUsed => Volatile.Read(ref _usedByUser) != 0;

    /// <summary>Cancelled when the registry drops the feed: streams reading it close, so clients reconnect to a live one.</summary>
    public CancellationToken Dropped => _dropped.Token;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    public void MarkUsed() => Interlocked.Exchange(ref _usedByUser, 1);

    /// <summary>True exactly once: the caller then sends the conversation's start (the welcome).</summary>
    public bool TryMarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>Pins the feed for a turn; dispose the result when the turn (and its replies) are done.</summary>
    public IDisposable BeginTurn()
    {
        Interlocked.Increment(ref _turns);
        return new TurnPin(this);
    }

    /// <summary>The newest token generation this conversation has issued or seen.</summary>
    public long TokenGeneration
    {
        get
        {
            lock (_gate)
            {
                return _tokenGeneration;
            }
        }
    }

    /// <summary>
    /// Whether a token of <paramref name="generation"/> may still be used. Refreshing revokes the older generation; the
    /// client that refreshed gets <see cref="RevocationGrace"/> for requests it sent before it had the new token. A valid
    /// token of a newer generation (the feed was dropped and re-created empty) raises the generation, so revocation
    /// survives re-creation from the next request of the legitimate client on.
    /// </summary>
    public bool AcceptsToken(long generation, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (generation >= _tokenGeneration)
            {
                _tokenGeneration = generation;
                return true;
            }

            return generation == _tokenGeneration - 1 && now < _previousGenerationUntil;
        }
    }

    /// <summary>Revokes <paramref name="generation"/>; returns the generation of its replacement, or null when it was no longer current.</summary>
    public long? Renew(long generation, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (generation < _tokenGeneration)
            {
                return null;
            }

            _tokenGeneration = generation + 1;
            _previousGenerationUntil = now + RevocationGrace;
            return _tokenGeneration;
        }
    }

    /// <summary>
    /// Opens a stream slot, closing the oldest stream when more than <paramref name="maxStreams"/> would be open. The
    /// returned source is cancelled when the stream must close (replaced, or the feed dropped); pass it to <see cref="CloseStream"/>.
    /// </summary>
    public CancellationTokenSource OpenStream(int maxStreams)
    {
        var stream = CancellationTokenSource.CreateLinkedTokenSource(_dropped.Token);
        CancellationTokenSource? oldest = null;
        lock (_gate)
        {
            _streams.Add(stream);
            if (_streams.Count > maxStreams)
            {
                oldest = _streams[0];
                _streams.RemoveAt(0);
            }
        }

        oldest?.Cancel();
        return stream;
    }

    public void CloseStream(CancellationTokenSource stream)
    {
        lock (_gate)
        {
            _streams.Remove(stream);
        }
    }

    public int OpenStreams
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>
    /// Stamps the activity (id unless <paramref name="keepId"/>, timestamp, conversation id), stores its JSON, wakes
    /// stream readers, and returns the stored entry. The activity object is changed in place.
    /// </summary>
    public FeedEntry Append(Activity activity, DateTimeOffset now, bool keepId = false)
    {
        FeedEntry entry;
        TaskCompletionSource changed;
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            if (!keepId || string.IsNullOrEmpty(activity.Id))
            {
                activity.Id = ConversationId + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);
            }

            // Web Chat orders by timestamp at millisecond precision: keep them strictly increasing by at least 1 ms.
            var minimum = _lastTimestamp == DateTimeOffset.MinValue ? now : _lastTimestamp.AddMilliseconds(1);
            _lastTimestamp = now > minimum ? now : minimum;
            activity.Timestamp = _lastTimestamp;
            activity.Conversation ??= new ConversationAccount();
            activity.Conversation.Id = ConversationId;

            entry = new FeedEntry(sequence, activity.Id, ActivitySerializer.SerializeToUtf8Bytes(activity));
            _entries.Enqueue(entry);
            long delta = entry.Json.Length;
            while (_entries.Count > 1 && (_entries.Count > _limits.MaxActivities || _bytes + delta > _limits.MaxBytes))
            {
                delta -= _entries.Dequeue().Json.Length;
            }

            Interlocked.Add(ref _bytes, delta);
            if (!_detached)
            {
                _budget?.Add(delta);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Touch(now);
        changed.TrySetResult();
        // Outside the lock: making room drops other feeds, which takes their locks.
        _budget?.MakeRoomIfOver();
        return entry;
    }

    /// <summary>
    /// Activities after <paramref name="watermark"/>, at most <see cref="FeedLimits.MaxPageBytes"/> of them (always at
    /// least one). No, an unreadable, or a future watermark (one from an earlier server run or a dropped feed) means
    /// "from the start", so a client that outlived the feed still sees the whole of it.
    /// </summary>
    public FeedPage Read(string? watermark)
    {
        lock (_gate)
        {
            var after = ParseWatermark(watermark);
            if (after > _lastSequence)
            {
                after = 0;
            }

            var page = new List<FeedEntry>();
            long bytes = 0;
            var more = false;
            foreach (var entry in _entries)
            {
                if (entry.Sequence <= after)
                {
                    continue;
                }

                if (page.Count > 0 && bytes + entry.Json.Length > _limits.MaxPageBytes)
                {
                    more = true;
                    break;
                }

                page.Add(entry);
                bytes += entry.Json.Length;
            }

            var last = more ? page[^1].Sequence : _lastSequence;
            return new FeedPage(page, last.ToString(CultureInfo.InvariantCulture), last) { HasMore = more };
        }
    }

    /// <summary>Completes when an activity with a sequence number above <paramref name="afterSequence"/> exists.</summary>
    public Task WaitForChangeAsync(long afterSequence, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_lastSequence > afterSequence)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return changed.WaitAsync(cancellationToken);
    }

    /// <summary>Called by the registry when it drops the feed: returns the bytes it held and closes its streams.</summary>
    public long Detach()
    {
        long bytes;
        lock (_gate)
        {
            _detached = true;
            bytes = _bytes;
        }

        _dropped.Cancel();
        return bytes;
    }

    internal static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private sealed class TurnPin(ConversationFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref feed._turns);
            }
        }
    }
}

/// <summary>The bytes all feeds hold together, and what to do when they exceed the total allowed.</summary>
internal sealed class ByteBudget(long max, Action makeRoom)
{
    private long _used;

    public long Used => Interlocked.Read(ref _used);

    public bool IsOver => Used > max;

    public void Add(long delta) => Interlocked.Add(ref _used, delta);

    public void MakeRoomIfOver()
    {
        if (IsOver)
        {
            makeRoom();
        }
    }
}

/// <summary>What one feed may hold and hand out at once.</summary>
internal sealed record FeedLimits(int MaxActivities, long MaxBytes, long MaxPageBytes)
{
    public static FeedLimits From(DirectLineOptions options) =>
        new(options.MaxActivitiesPerConversation, options.MaxBytesPerConversation, options.MaxPageBytes);
}
