namespace Chatbot.Bot.Configuration;

/// <summary>How turns are run, ordered, deduplicated and answered (configuration section <c>Turn</c>).</summary>
public sealed class TurnOptions
{
    public const string SectionName = "Turn";

    /// <summary>How many recent activity ids each conversation remembers for redelivery detection.</summary>
    public int RecentActivityCount { get; set; } = 32;

    /// <summary>
    /// How long the attempt that committed (or claimed) a turn's replies owns their delivery. It sends nothing after
    /// its lease ends; a redelivery sends the replies not yet delivered once the lease has ended (at once when the
    /// owner gave up earlier), and until then waits for the owner, so a live delivery is never doubled.
    /// </summary>
    public TimeSpan RedeliveryLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after it arrives a turn must have answered the channel: below the channel's own timeout (Teams gives
    /// up after 15 s and re-sends). Waiting for the conversation's earlier turns, re-running after lost write races and
    /// waiting for a concurrent delivery all stop in time to answer 503 with <c>Retry-After</c> instead of hanging.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// The part of <see cref="Deadline"/> kept for saving the state and sending the replies: the turn's model calls
    /// (understanding, phrasing, knowledge answers) must be done this long before the deadline. Each gets its own
    /// timeout or what is left, and none starts with less than a second left; its fallback answers instead.
    /// </summary>
    public TimeSpan SendReserve { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after its last turn a conversation whose state a newer version of the bot wrote is left for that version
    /// (503, the channel retries, most likely on an instance of it: a rolling upgrade). Past it no newer instance has
    /// answered the conversation for that long (a version rolled back): its state is set aside whole, as a damaged one
    /// is, and the conversation starts over with the <c>state_lost</c> notice instead of failing every turn for good.
    /// </summary>
    public TimeSpan NewerStateWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest time a turn waits in this process for the earlier turns of its conversation.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Turns of one conversation that may wait in this process behind the running one; more get 503 at once.</summary>
    public int MaxQueuedTurns { get; set; } = 16;

    /// <summary>
    /// Conversations this process keeps in order at once; turns of further conversations run without waiting (still
    /// correct through the store's conditional writes, at the cost of more re-runs).
    /// </summary>
    public int MaxOrderedConversations { get; set; } = 10_000;

    /// <summary>Send a typing indicator when the dialogs have not answered after this long; zero disables it.</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a typing indicator may take to reach the channel. It is sent alongside the turn, never awaited by it,
    /// so a slow channel cannot hold the reply back; after this it is abandoned.
    /// </summary>
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
