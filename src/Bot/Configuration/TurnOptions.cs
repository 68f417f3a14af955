namespace Chatbot.Bot.Configuration;

/// <summary>How turns are run, deduplicated and answered (configuration section <c>Turn</c>).</summary>
public sealed class TurnOptions
{
    public const string SectionName = "Turn";

    /// <summary>How many recent activity ids each conversation remembers for redelivery detection.</summary>
    public int RecentActivityCount { get; set; } = 32;

    /// <summary>
    /// How long a committed turn's replies belong to the delivery that produced them; a redelivery inside this window
    /// does not re-send them (the original is probably still sending), one after it does (the original probably crashed).
    /// </summary>
    public TimeSpan RedeliveryLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a turn is re-run after losing a write race (412) before the request gets 503.</summary>
    public int MaxConflictRetries { get; set; } = 3;

    /// <summary>Send a typing indicator when the dialogs have not answered after this long; zero disables it.</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a typing indicator may take to reach the channel. It is sent alongside the turn, never awaited by it,
    /// so a slow channel cannot hold the reply back; after this it is abandoned.
    /// </summary>
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
