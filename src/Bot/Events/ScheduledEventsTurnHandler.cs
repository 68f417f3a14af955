using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Events;

/// <summary>
/// Enqueues the events a dialog turn scheduled (reminders, expiry) once its state is committed, addressed to the same
/// conversation. After the commit, so a timer never arrives for a state that was not written; if enqueuing fails the
/// turn still succeeds (the user got the answer) and the timer is lost, logged: a missed reminder beats a repeated turn.
/// </summary>
internal sealed partial class ScheduledEventsTurnHandler(ITurnHandler inner, ReplySender sender, TimeProvider timeProvider, ILogger<ScheduledEventsTurnHandler> logger, IEventQueue? queue = null)
    : DelegatingTurnHandler(inner)
{
    /// <summary>
    /// How long a turn's enqueues may take together. The replies are out by now, but the channel waits for the HTTP answer
    /// and the conversation for its next turn: with the queue's account down, the Storage client's own retries held the
    /// answer ~30 s (refused connections) or many minutes (a hung endpoint, 100 s per try), past Teams' 15 s re-post.
    /// </summary>
    internal static readonly TimeSpan EnqueueBudget = TimeSpan.FromSeconds(5);

    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        if (!turn.Committed || turn.Scheduled.Count == 0) return result;
        if (queue is null)
        {
            LogNoQueue(logger, turn.Scheduled.Count);
            return result;
        }

        using var budget = new CancellationTokenSource(EnqueueBudget, timeProvider);
        foreach (var scheduled in turn.Scheduled)
        {
            var botEvent = new BotEvent
            {
                Id = scheduled.Id,
                Name = scheduled.Name,
                ChannelId = turn.Activity.ChannelId,
                Conversation = turn.Activity.Conversation?.Id,
                Payload = scheduled.Payload,
            };
            try
            {
                // Not the turn's token: a channel that hung up must not cost the user a reminder of a committed turn.
                await queue.EnqueueAsync(botEvent, scheduled.Delay, budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                LogNotScheduled(logger, scheduled.Name, $"the event queue did not answer within {EnqueueBudget.TotalSeconds:0} s");
            }
            catch (Exception ex)
            {
                LogNotScheduled(logger, scheduled.Name, ex.Message);
            }
        }

        if (turn.Scheduled.Any(s => s.Delay == TimeSpan.Zero) && turn.Route == ActivityRoute.Message)
        {
            // Work handed on (a slow step's call): typing after this turn's replies shows the bot is still at it. Awaited
            // (it never faults and gives up after Turn:TypingTimeout) so a Functions invocation does not end before it.
            await sender.StartTyping(turn.Activity).ConfigureAwait(false);
        }

        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Count} timer(s) not scheduled: this host has no event queue")]
    private static partial void LogNoQueue(ILogger logger, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Timer {Name} not scheduled: {Error}")]
    private static partial void LogNotScheduled(ILogger logger, string name, string error);
}
