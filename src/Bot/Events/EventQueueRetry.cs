namespace Chatbot.Bot.Events;

/// <summary>
/// The retry rule every reader of queued events follows, the same as the Functions trigger's host.json: an event that
/// did not run is tried again after <see cref="RetryDelay"/>, and after <see cref="MaxAttempts"/> attempts it is poisoned.
/// </summary>
internal static class EventQueueRetry
{
    /// <summary>host.json <c>extensions.queues.maxDequeueCount</c>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>host.json <c>extensions.queues.visibilityTimeout</c>.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay a Storage queue message can be hidden for.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public static void CheckDelay(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero || delay > MaxDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "An event can be delayed by 0 to 7 days (the Storage queue's visibility limit).");
        }
    }

    /// <summary>Runs one queued event; returns null when it ran (or ran before), else why not, for the log and the poison record.</summary>
    public static async Task<string?> RunAsync(IEventIngress ingress, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ingress.RunAsync(json, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess ? null : $"({result.StatusCode}) {result.Reason}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>The queue a reader moves an event to after its last attempt (the Functions host's naming).</summary>
    public static string PoisonQueue(string queue) => queue + "-poison";
}
