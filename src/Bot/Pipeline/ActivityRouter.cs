using Chatbot.Bot.Configuration;
using Chatbot.Bot.Invoke;
using Chatbot.Bot.Middleware.Emulator;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Pipeline;

/// <summary>
/// The innermost handler: by the activity's route, runs a dialog turn (message, welcome) or the invoke handler that
/// answers it, and leaves the new state and replies in the <see cref="TurnContext"/> for the state wrapper to commit.
/// </summary>
internal sealed class ActivityRouter(IDialogEngine engine, IEnumerable<IInvokeHandler> invokeHandlers, TimeProvider timeProvider, IOptions<TurnOptions> options) : ITurnHandler
{
    // 501 with an empty body, as channels expect (and the Bot Framework SDKs answer); the reason is for Direct Line's error shape.
    private static readonly TurnResult NoInvokeHandler = new(501, "No handler for this invoke.", new InvokeResponse { Status = 501 });
    private readonly IInvokeHandler[] _invokeHandlers = invokeHandlers.ToArray();
    private readonly TimeSpan _sendReserve = options.Value.SendReserve;

    public Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Route)
        {
            case ActivityRoute.Message:
                if (InspectorCommands.Answer(turn.Text) is { } notice)
                {
                    // The Emulator's inspection command: answered here, the dialog state stays as it was.
                    turn.Replies.Add(notice);
                    return Task.FromResult(TurnResult.Ok);
                }

                return RunDialogAsync(turn, TurnKind.Message, cancellationToken);

            case ActivityRoute.ConversationStart:
                // Web Chat's join: the page's language becomes the conversation's; the engine greets only a new conversation.
                if (turn.Activity.IsWebChatJoin(out _)) return RunDialogAsync(turn, TurnKind.Join, cancellationToken);
                // One welcome per conversation: Teams announces the bot again on a reinstall, an app update or a
                // re-add to the team, in a conversation that already had its welcome (or the user's first message,
                // which can arrive before the install) and may be in the middle of a flow.
                if (turn.StateJson is not null || turn.State is not null) return Task.FromResult(TurnResult.Ignored);
                return RunDialogAsync(turn, TurnKind.ConversationStart, cancellationToken);

            case ActivityRoute.Event or ActivityRoute.HandoffStatus:
                return RunDialogAsync(turn, TurnKind.Event, cancellationToken);

            case ActivityRoute.Invoke:
                var handler = Array.Find(_invokeHandlers, h => h.CanHandle(turn.Activity));
                if (handler is not null) return handler.HandleAsync(turn, cancellationToken);
                if (CardExecuteInvokes.Data(turn.Activity) is { } data) return ExecuteAsync(turn, data, cancellationToken);
                return Task.FromResult(CardExecuteInvokes.Refusal(turn.Activity) ?? SignInInvokes.Answer(turn.Activity) ?? FileConsentInvokes.Answer(turn.Activity)
                    ?? HealthCheckInvokes.Answer(turn.Activity) ?? NoInvokeHandler);

            default:
                // Events, reactions, edits and deletions of earlier messages, installation updates, typing and unknown
                // types: acknowledged with 200, no reply and no state (docs/bot-pipeline.md, "What the bot answers").
                return Task.FromResult(TurnResult.Ignored);
        }
    }

    private async Task<TurnResult> RunDialogAsync(TurnContext turn, TurnKind kind, CancellationToken cancellationToken)
    {
        var outcome = await engine.RunTurnAsync(Input(turn, kind, kind == TurnKind.Message ? turn.Activity.Value : null), cancellationToken).ConfigureAwait(false);
        turn.Apply(outcome);
        // A refused event changed nothing (no state, no replies): the sender learns why and nothing is committed.
        return outcome.Rejection is { } rejection
            ? TurnResult.Reject(rejection.Kind == EventRejectionKind.Conflict ? 409 : 400, rejection.Reason)
            : TurnResult.Ok;
    }

    /// <summary>
    /// An Action.Execute: its data is a submitted object like an Action.Submit's value; the replies travel in the
    /// refreshed card of the invoke answer instead of as messages (the card is replaced where the user clicked).
    /// </summary>
    private async Task<TurnResult> ExecuteAsync(TurnContext turn, System.Text.Json.JsonElement data, CancellationToken cancellationToken)
    {
        var outcome = await engine.RunTurnAsync(Input(turn, TurnKind.Message, data), cancellationToken).ConfigureAwait(false);
        turn.Apply(new TurnOutcome { State = outcome.State, StateJson = outcome.StateJson, StateChanged = outcome.StateChanged, Replies = [], Trace = outcome.Trace, Remembered = outcome.Remembered, Scheduled = outcome.Scheduled });
        return CardExecuteInvokes.Answer(outcome.Replies);
    }

    private TurnInput Input(TurnContext turn, TurnKind kind, System.Text.Json.JsonElement? value)
    {
        var text = kind == TurnKind.Message ? turn.Text : null;
        if (value is null && text is { } hidden && !string.IsNullOrWhiteSpace(hidden) && turn.Activity.IsPostBackText())
        {
            // A Web Chat postBack button: its value arrives as hidden text; the dialogs take it as the button's value
            // (like an Adaptive Card's), not as words the user typed.
            value = System.Text.Json.JsonSerializer.SerializeToElement(hidden.Trim(), Chatbot.Bot.Sending.BotJsonElements.Default.String);
            text = null;
        }

        return new TurnInput
        {
            Kind = kind,
            Text = text,
            Value = value,
            // A join names the page's language in its value; the activity's own locale is the browser's at best.
            Locale = kind == TurnKind.Join && turn.Activity.IsWebChatJoin(out var joined) && joined is not null ? joined : turn.Activity.Locale,
            TimeZone = turn.Activity.LocalTimezone,
            // The JSON when the turn has it (loaded state): the engine reads it without a serialisation here.
            State = turn.StateJson is null ? turn.State : null,
            StateJson = turn.StateJson,
            Now = timeProvider.GetUtcNow(),
            // The model calls end in time to save and send before the channel's deadline (same clock as the model clients).
            AnswerBy = turn.AnswerBy - _sendReserve,
            Files = kind == TurnKind.Message ? [.. UserFiles.Read(turn.Activity).Select(f => new InputFile(f.ContentType, f.Name) { Size = f.Size, Url = f.Url, Id = f.Id })] : [],
            ConversationType = turn.Activity.Conversation?.ConversationType,
            // The channel's handoff.status is named by the activity; the dialogs know that name (Handoffs.StatusEvent).
            EventName = turn.Event?.Name ?? (turn.Route == ActivityRoute.HandoffStatus ? EventNames.HandoffStatus : null),
            EventPayload = kind == TurnKind.Event ? turn.Activity.Value : null,
        };
    }
}
