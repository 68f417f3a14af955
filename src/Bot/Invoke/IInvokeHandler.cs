using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Invoke;

/// <summary>Answers one kind of invoke activity (e.g. <c>adaptiveCard/action</c>); invokes nobody handles get 501.</summary>
/// <remarks>
/// Runs inside the state wrapper: <see cref="TurnContext.State"/> holds the conversation's state; a handler that runs a
/// dialog turn hands its outcome to <see cref="TurnContext.Apply"/>, and that state and those replies are committed
/// and sent like a message's. The answer is <see cref="TurnResult.ForInvoke"/>; a redelivery gets the same answer.
/// </remarks>
public interface IInvokeHandler : ITurnHandler
{
    /// <summary>True when this handler answers the invoke (usually decided by <c>activity.name</c>).</summary>
    bool CanHandle(Activity activity);
}
