using Chatbot.Bot.Configuration;
using Chatbot.Bot.Invoke;
using Chatbot.Bot.Sending;
using Chatbot.Bot.State;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Pipeline;

/// <summary>
/// The innermost handler: decides by activity type what the turn is (dialog message, welcome, invoke, or nothing)
/// and runs it through the exactly-once runner.
/// </summary>
internal sealed class ActivityRouter(
    IDialogEngine engine,
    IEnumerable<IInvokeHandler> invokeHandlers,
    ExactlyOnceTurnRunner runner,
    ReplySender sender,
    IOptions<TurnOptions> options,
    TimeProvider timeProvider) : ITurnHandler
{
    private readonly IInvokeHandler[] _invokeHandlers = invokeHandlers.ToArray();
    private readonly TimeSpan _typingDelay = options.Value.TypingDelay;

    public Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                return runner.RunAsync(turn, (state, ct) => RunDialogAsync(turn, TurnKind.Message, state, ct), cancellationToken);

            case ActivityTypes.ConversationUpdate when WelcomeRule.ShouldWelcome(activity):
                return runner.RunAsync(turn, (state, ct) => RunDialogAsync(turn, TurnKind.ConversationStart, state, ct), cancellationToken);

            case ActivityTypes.Invoke:
                var handler = Array.Find(_invokeHandlers, h => h.CanHandle(activity));
                return handler is null
                    ? Task.FromResult(new TurnResult(501, "No handler for this invoke."))
                    : runner.RunAsync(turn, (state, ct) => RunInvokeAsync(handler, activity, state, ct), cancellationToken);

            default:
                // Events, reactions, installation updates, typing and unknown types: acknowledged, nothing to do.
                return Task.FromResult(TurnResult.Ignored);
        }
    }

    private async ValueTask<TurnWork> RunDialogAsync(TurnContext turn, TurnKind kind, DialogState? state, CancellationToken cancellationToken)
    {
        var input = new TurnInput
        {
            Kind = kind,
            Text = kind == TurnKind.Message ? turn.Text : null,
            Value = kind == TurnKind.Message ? turn.Activity.Value : null,
            Locale = turn.Activity.Locale,
            TimeZone = turn.Activity.LocalTimezone,
            State = state,
            Now = timeProvider.GetUtcNow(),
        };

        var outcome = await RunWithTypingAsync(turn, input, cancellationToken).ConfigureAwait(false);
        return new TurnWork(outcome.State, outcome.StateChanged, outcome.Replies, Trace: outcome.Trace);
    }

    /// <summary>Runs the engine; if it has not answered after the typing delay, shows a typing indicator meanwhile.</summary>
    private async Task<TurnOutcome> RunWithTypingAsync(TurnContext turn, TurnInput input, CancellationToken cancellationToken)
    {
        var engineTask = engine.RunTurnAsync(input, cancellationToken).AsTask();
        if (_typingDelay <= TimeSpan.Zero || engineTask.IsCompleted)
        {
            return await engineTask.ConfigureAwait(false);
        }

        using var stopTyping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_typingDelay, timeProvider, stopTyping.Token);
        var first = await Task.WhenAny(engineTask, delay).ConfigureAwait(false);
        if (first == delay && !delay.IsCanceled && !engineTask.IsCompleted)
        {
            await sender.SendTypingAsync(turn.Activity, cancellationToken).ConfigureAwait(false);
        }

        await stopTyping.CancelAsync().ConfigureAwait(false);
        return await engineTask.ConfigureAwait(false);
    }

    private static async ValueTask<TurnWork> RunInvokeAsync(IInvokeHandler handler, Activity activity, DialogState? state, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(activity, state, cancellationToken).ConfigureAwait(false);
        return outcome.Turn is { } t
            ? new TurnWork(t.State, t.StateChanged, t.Replies, outcome.Response, t.Trace)
            : new TurnWork(state ?? new DialogState(), false, [], outcome.Response);
    }
}
