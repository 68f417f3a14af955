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
    // 501 with an empty body, as channels expect (and the Bot Framework SDKs answer); the reason is for Direct Line's error shape.
    private static readonly TurnResult NoInvokeHandler = new(501, "No handler for this invoke.", new InvokeResponse { Status = 501 });
    private readonly IInvokeHandler[] _invokeHandlers = invokeHandlers.ToArray();

    public Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Route)
        {
            case ActivityRoute.Message:
                return RunDialogAsync(turn, TurnKind.Message, cancellationToken);

            case ActivityRoute.ConversationStart:
                return RunDialogAsync(turn, TurnKind.ConversationStart, cancellationToken);

            case ActivityRoute.Event:
                return RunDialogAsync(turn, TurnKind.Event, cancellationToken);

            case ActivityRoute.Invoke:
                var handler = Array.Find(_invokeHandlers, h => h.CanHandle(turn.Activity));
                if (handler is not null) return handler.HandleAsync(turn, cancellationToken);
                return Task.FromResult(SignInInvokes.Answer(turn.Activity) ?? NoInvokeHandler);

            default:
                // Events, reactions, edits and deletions of earlier messages, installation updates, typing and unknown
                // types: acknowledged with 200, no reply and no state (docs/bot-pipeline.md, "What the bot answers").
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
            TimeZone = turn.Activity.LocalTimezone,
            State = turn.State,
            Now = timeProvider.GetUtcNow(),
            Files = kind == TurnKind.Message ? [.. turn.Activity.GetUserFiles().Select(f => new InputFile(f.ContentType ?? "application/octet-stream", f.Name))] : [],
            ConversationType = turn.Activity.Conversation?.ConversationType,
            EventName = turn.Event?.Name,
            EventPayload = kind == TurnKind.Event ? turn.Activity.Value : null,
        };

        var outcome = await engine.RunTurnAsync(input, cancellationToken).ConfigureAwait(false);
        turn.Apply(outcome);
        // A refused event changed nothing (no state, no replies): the sender learns why and nothing is committed.
        return outcome.Rejection is { } rejection
            ? TurnResult.Reject(rejection.Kind == EventRejectionKind.Conflict ? 409 : 400, rejection.Reason)
            : TurnResult.Ok;
    }
}
