using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Invoke;

/// <summary>Answers one kind of invoke activity (e.g. <c>adaptiveCard/action</c>); invokes nobody handles get 501.</summary>
public interface IInvokeHandler
{
    /// <summary>True when this handler answers the invoke (usually decided by <c>activity.name</c>).</summary>
    bool CanHandle(Activity activity);

    /// <summary>Runs the invoke against the conversation's dialog state; the response goes into the HTTP body.</summary>
    ValueTask<InvokeOutcome> HandleAsync(Activity activity, DialogState? state, CancellationToken cancellationToken);
}

/// <summary>The HTTP answer to an invoke, plus the dialog turn it ran, if any (state to save, replies to send).</summary>
public sealed record InvokeOutcome(InvokeResponse Response, TurnOutcome? Turn = null);
