using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.DirectLine;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Runs activities posted to the built-in Direct Line endpoint through the same turn pipeline as <c>/api/messages</c>.
/// The Direct Line endpoint has already checked its own token, so the turn runs as an authenticated local caller.
/// </summary>
internal sealed class DirectLineTurnHandler(ITurnHandler pipeline) : IDirectLineTurnHandler
{
    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.CallerId = null;
        var result = await pipeline.HandleAsync(new TurnContext(activity, AuthenticationResult.Anonymous), cancellationToken).ConfigureAwait(false);
        if (result.StatusCode >= 500 && result.InvokeResponse is null)
        {
            // Direct Line reports a failed turn to the client as a failed send; it needs an exception to know.
            throw new InvalidOperationException($"The turn failed ({result.StatusCode}): {result.Reason}");
        }
    }
}
