using System.Globalization;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.DirectLine;

/// <summary>One activity in a feed: its sequence number (the watermark it advances to) and its wire JSON.</summary>
internal sealed record FeedEntry(long Sequence, string Id, byte[] Json);

/// <summary>A page of the feed: the activities after the caller's watermark, and the watermark to ask from next.</summary>
internal sealed record FeedPage(IReadOnlyList<FeedEntry> Activities, string Watermark, long LastSequence);

/// <summary>
/// The activities of one Direct Line conversation, in order. Every appended activity gets the next sequence number
/// (the watermark is that number as a string), a server id and a timestamp strictly later than the previous one.
/// Only the last <c>maxActivities</c> are kept.
/// </summary>
internal sealed class ConversationFeed
{
    private readonly Lock _gate = new();
    private readonly Queue<FeedEntry> _entries = new();
    private readonly int _maxActivities;
    private long _lastSequence;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActiveTicks;
    private int _started;

    public ConversationFeed(string conversationId, string userId, int maxActivities, DateTimeOffset now)
    {
        ConversationId = conversationId;
        UserId = userId;
        _maxActivities = maxActivities;
        _lastActiveTicks = now.UtcTicks;
    }

    public string ConversationId { get; }

    /// <summary>The user the conversation was created for (from the token).</summary>
    public string UserId { get; }

    /// <summary>Serialises the turns of this conversation so the bot sees activities in the order they were echoed.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>True exactly once: the caller then sends the conversation's start (the welcome).</summary>
    public bool TryMarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

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
            while (_entries.Count > _maxActivities)
            {
                _entries.Dequeue();
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Touch(now);
        changed.TrySetResult();
        return entry;
    }

    /// <summary>
    /// Activities after <paramref name="watermark"/>. No, an unreadable, or a future watermark (one from an earlier
    /// server run) means "from the start", so a client that outlived the server still sees the whole feed.
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

            var activities = _entries.Where(e => e.Sequence > after).ToArray();
            return new FeedPage(activities, _lastSequence.ToString(CultureInfo.InvariantCulture), _lastSequence);
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

    internal static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
