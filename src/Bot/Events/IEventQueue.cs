namespace Chatbot.Bot.Events;

/// <summary>
/// Where events wait until they are due: each one later runs through <see cref="IEventIngress"/> like a posted event
/// (same checks, same dedupe by event id, same pipeline). Delivery is at least once; the event id makes it exactly once.
/// </summary>
internal interface IEventQueue
{
    /// <summary>Queues the event to run once <paramref name="delay"/> has passed (at most 7 days: the Storage queue's visibility limit).</summary>
    Task EnqueueAsync(BotEvent botEvent, TimeSpan delay, CancellationToken cancellationToken);
}
