using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Events;

/// <summary>
/// BotServer's event queue when no Storage queue is configured: events wait in memory ordered by due time and run one
/// at a time through <see cref="IEventIngress"/>. An event that does not run is tried again after
/// <see cref="EventQueueRetry.RetryDelay"/>; after <see cref="EventQueueRetry.MaxAttempts"/> attempts it is logged as
/// poisoned with its reason and dropped. Lost when the process stops: production uses a Storage queue.
/// </summary>
// The ingress is resolved when the first event is due, not when the loop starts: it runs the turn pipeline (whose
// scheduling stage writes to this queue), and building that at start raced PipelineWarmUp, so a dialogs folder with
// errors stopped the host as a failed background service (a cancelled start) instead of with its file:line:col.
internal sealed partial class InProcessEventQueue(IServiceProvider services, TimeProvider timeProvider, ILogger<InProcessEventQueue> logger)
    : BackgroundService, IEventQueue
{
    private readonly PriorityQueue<Entry, DateTimeOffset> _due = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();

    public Task EnqueueAsync(BotEvent botEvent, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(botEvent);
        EventQueueRetry.CheckDelay(delay);
        // Serialised now: the event waits as the bytes a Storage queue would hold, so both queues run the same input.
        Add(new Entry(JsonSerializer.SerializeToUtf8Bytes(botEvent, BotEventJsonContext.Default.BotEvent), botEvent.Name ?? "", 0), timeProvider.GetUtcNow() + delay);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IEventIngress? ingress = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Entry? next = null;
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                changed = _changed.Task;
                wait = Timeout.InfiniteTimeSpan;
                if (_due.TryPeek(out _, out var dueAt))
                {
                    var left = dueAt - timeProvider.GetUtcNow();
                    if (left <= TimeSpan.Zero) next = _due.Dequeue();
                    else wait = left;
                }
            }

            if (next is not null)
            {
                ingress ??= services.GetRequiredService<IEventIngress>();
                await RunAsync(ingress, next, stoppingToken).ConfigureAwait(false);
                continue;
            }

            // Sleep until the earliest event is due or an earlier one arrives.
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(wait, timeProvider, sleep.Token);
            await Task.WhenAny(timer, changed).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync(IEventIngress ingress, Entry entry, CancellationToken stoppingToken)
    {
        var reason = await EventQueueRetry.RunAsync(ingress, entry.Json, stoppingToken).ConfigureAwait(false);
        if (reason is null || stoppingToken.IsCancellationRequested) return;

        var attempts = entry.Attempts + 1;
        if (attempts >= EventQueueRetry.MaxAttempts)
        {
            LogPoisoned(logger, entry.Name, attempts, reason);
            return;
        }

        LogRetrying(logger, entry.Name, attempts, reason);
        Add(entry with { Attempts = attempts }, timeProvider.GetUtcNow() + EventQueueRetry.RetryDelay);
    }

    private void Add(Entry entry, DateTimeOffset dueAt)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _due.Enqueue(entry, dueAt);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(byte[] Json, string Name, int Attempts);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Queued event {Name} not run (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string name, int attempt, string? reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Queued event {Name} poisoned after {Attempts} attempts: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string name, int attempts, string? reason);
}
