using Chatbot.Bot.Invoke;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Pipeline;

/// <summary>
/// The innermost handler: by the activity's route, runs a dialog turn (message, welcome) or the invoke handler that
/// answers it, and leaves the new state and replies in the <see cref="TurnContext"/> for the state wrapper to commit.
/// </summary>
internal sealed class ActivityRouter(IDialogEngine engine, IEnumerable<IInvokeHandler> invokeHandlers, TimeProvider timeProvider) : ITurnHandler
{
    private static readonly TurnResult NoInvokeHandler = new(501, "No handler for this invoke.");
    private readonly IInvokeHandler[] _invokeHandlers = invokeHandlers.ToArray();

    public Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Route)
        {
            case ActivityRoute.Message:
                return RunDialogAsync(turn, TurnKind.Message, cancellationToken);

            case ActivityRoute.ConversationStart:
                return RunDialogAsync(turn, TurnKind.ConversationStart, cancellationToken);

            case ActivityRoute.Invoke:
                var handler = Array.Find(_invokeHandlers, h => h.CanHandle(turn.Activity));
                return handler is null ? Task.FromResult(NoInvokeHandler) : handler.HandleAsync(turn, cancellationToken);

            default:
                // Events, reactions, installation updates, typing and unknown types: acknowledged, nothing to do.
                return Task.FromResult(TurnResult.Ignored);
        }
    }

    private async Task<TurnResult> RunDialogAsync(TurnContext turn, TurnKind kind, CancellationToken cancellationToken)
    {
        var input = new TurnInput
        {
            Kind = kind,
            Text = kind == TurnKind.Message ? turn.Text : null,
            Value = kind == TurnKind.Message ? turn.Activity.Value : null,
            Locale = turn.Activity.Locale,
            State = turn.State,
            Now = timeProvider.GetUtcNow(),
        };

        turn.Apply(await engine.RunTurnAsync(input, cancellationToken).ConfigureAwait(false));
        return TurnResult.Ok;
    }
}
