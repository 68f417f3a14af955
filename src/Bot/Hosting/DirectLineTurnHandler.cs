using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.DirectLine;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Runs activities posted to the built-in Direct Line endpoint through the same turn pipeline as <c>/api/messages</c>,
/// and hands back the same <see cref="TurnResult"/> (so an invoke or a failure is answered the same way on both).
/// The Direct Line endpoint has already checked its own token, so the turn runs as an authenticated local caller.
/// </summary>
internal sealed class DirectLineTurnHandler(ITurnHandler pipeline) : IDirectLineTurnHandler
{
    public Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.CallerId = null;
        return pipeline.HandleAsync(new TurnContext(activity, AuthenticationResult.Anonymous), cancellationToken);
    }
}
