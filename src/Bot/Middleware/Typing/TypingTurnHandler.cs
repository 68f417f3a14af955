using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Typing;

/// <summary>
/// Shows a typing indicator when a dialog turn has not finished after <c>Turn:TypingDelay</c>. The indicator is sent
/// alongside the turn and never awaited (a hanging channel cannot hold the reply back), and at most once per activity:
/// a re-run after a write conflict does not show it again.
/// </summary>
internal sealed class TypingTurnHandler(ITurnHandler inner, ReplySender sender, IOptions<TurnOptions> options, TimeProvider timeProvider)
    : DelegatingTurnHandler(inner)
{
    private readonly TimeSpan _delay = options.Value.TypingDelay;

    // A turn that finished at once (or shows no typing): its own task, no state machine of this stage (issue 19).
    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var work = Inner.HandleAsync(turn, cancellationToken);
        return _delay <= TimeSpan.Zero || turn.TypingShown || work.IsCompleted
            || turn.Route is not (ActivityRoute.Message or ActivityRoute.ConversationStart)
            ? work
            : TypeWhileSlowAsync(turn, work, cancellationToken);
    }

    private async Task<TurnResult> TypeWhileSlowAsync(TurnContext turn, Task<TurnResult> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_delay, timeProvider, stop.Token);
        if (await Task.WhenAny(work, delay).ConfigureAwait(false) == delay && !delay.IsCanceled && !work.IsCompleted)
        {
            turn.TypingShown = true;
            _ = sender.StartTyping(turn.Activity);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }
}
