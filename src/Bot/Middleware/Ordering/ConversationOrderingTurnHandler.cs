using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Ordering;

/// <summary>
/// Runs the turns of one conversation one at a time in this process, in arrival order, so they do not race each other
/// for the state document (across processes the store's conditional write orders them). A turn that cannot get its
/// turn in time, or finds too many already waiting, is answered 503 with <c>Retry-After</c> at once instead of hanging
/// past the channel's patience.
/// </summary>
internal sealed partial class ConversationOrderingTurnHandler(
    ITurnHandler inner,
    ConversationGate gate,
    IOptions<TurnOptions> options,
    TimeProvider timeProvider,
    ILogger<ConversationOrderingTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    internal static readonly TurnResult QueueFull = TurnResult.Unavailable("Too many messages of this conversation are waiting; retry.", TimeSpan.FromSeconds(2));
    internal static readonly TurnResult QueueTimedOut = TurnResult.Unavailable("The conversation is busy; retry.", TimeSpan.FromSeconds(2));
    private readonly TurnOptions _options = options.Value;

    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Route == ActivityRoute.None)
        {
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        turn.AnswerBy ??= timeProvider.GetUtcNow() + _options.Deadline;
        using var pass = await gate.EnterAsync(turn.ConversationKey, _options.MaxQueueWait, cancellationToken).ConfigureAwait(false);
        switch (pass.Outcome)
        {
            case GateOutcome.QueueFull:
                LogRefused(logger, "too many turns of the conversation waiting");
                return QueueFull;
            case GateOutcome.TimedOut:
                LogRefused(logger, $"the conversation's earlier turns took over {_options.MaxQueueWait.TotalSeconds:0.#} s (Turn:MaxQueueWait)");
                return QueueTimedOut;
            case GateOutcome.Ungated:
                LogUngated(logger, _options.MaxOrderedConversations);
                break;
        }

        return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn answered 503 before running: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Over {Limit} conversations in flight (Turn:MaxOrderedConversations): turn runs unordered")]
    private static partial void LogUngated(ILogger logger, int limit);
}
