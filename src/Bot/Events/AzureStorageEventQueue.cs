using System.Text.Json;
using Azure.Storage.Queues;

namespace Chatbot.Bot.Events;

/// <summary>
/// Events wait in the Storage queue <c>Events:Queue</c>, the one the Functions trigger (or BotServer's
/// <see cref="AzureQueueEventReader"/>) reads: the delay is the message's initial visibility timeout, so the message
/// appears to readers only once it is due (at most 7 days). Base64 bodies, as the Functions queue extension expects.
/// </summary>
internal sealed class AzureStorageEventQueue(EventQueueClients clients) : IEventQueue
{
    private readonly QueueClient _queue = clients.Events;
    private volatile bool _exists;

    public async Task EnqueueAsync(BotEvent botEvent, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(botEvent);
        EventQueueRetry.CheckDelay(delay);
        if (!_exists)
        {
            // Bicep creates the queue; a local Azurite starts empty.
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }

        var json = JsonSerializer.Serialize(botEvent, BotEventJsonContext.Default.BotEvent);
        // The message must outlive its hidden time; a week after it is due it has had every retry it gets.
        await _queue.SendMessageAsync(json, delay, delay + EventQueueRetry.MaxDelay, cancellationToken).ConfigureAwait(false);
    }
}
