using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Events;

/// <summary>
/// BotServer's reader of the Storage event queue (with <c>Queues:ConnectionString</c>), with the Functions trigger's
/// rules: each message runs through <see cref="IEventIngress"/> and is deleted once it ran; one that did not run is
/// retried after <see cref="EventQueueRetry.RetryDelay"/> and after <see cref="EventQueueRetry.MaxAttempts"/> attempts
/// moved unchanged to <c>&lt;queue&gt;-poison</c>. An empty queue is polled less often, up to every 5 s.
/// </summary>
internal sealed partial class AzureQueueEventReader(
    EventQueueClients clients, IServiceProvider services, TimeProvider timeProvider, ILogger<AzureQueueEventReader> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(5);

    // Long enough for a turn or a slow step's call, so another reader does not take a message that is still running.
    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(5);

    private readonly QueueClient _queue = clients.Events;
    private readonly QueueClient _poison = clients.Poison;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ingress = services.GetRequiredService<IEventIngress>();
        var idle = FirstPoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                messages = (await _queue.ReceiveMessagesAsync(16, Invisible, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogUnavailable(logger, ex.Message);
                messages = [];
            }

            foreach (var message in messages)
            {
                await RunAsync(ingress, message, stoppingToken).ConfigureAwait(false);
            }

            idle = messages.Length > 0 ? FirstPoll : idle * 2 > MaxPoll ? MaxPoll : idle * 2;
            if (messages.Length == 0)
            {
                try
                {
                    await Task.Delay(idle, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(IEventIngress ingress, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            var reason = await EventQueueRetry.RunAsync(ingress, message.Body.ToMemory(), stoppingToken).ConfigureAwait(false);
            if (reason is null)
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
                return;
            }

            LogNotRun(logger, (int)message.DequeueCount, reason);
            if (message.DequeueCount >= EventQueueRetry.MaxAttempts)
            {
                await _poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                await _poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken).ConfigureAwait(false);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
                LogPoisoned(logger, _poison.Name, reason);
                return;
            }

            await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: EventQueueRetry.RetryDelay, cancellationToken: stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message reappears after its invisibility and runs then (at least once).
        }
        catch (Exception ex)
        {
            // The queue itself failed (delete, update, poison): the message reappears and is tried again.
            LogUnavailable(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Queued event not run (attempt {Attempt}): {Reason}")]
    private static partial void LogNotRun(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Queued event moved to {Queue}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Event queue unavailable: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
