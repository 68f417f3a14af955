using Chatbot.Channels.Activities;

namespace Chatbot.Channels.DirectLine;

/// <summary>Runs one turn for an activity that arrived over Direct Line (the same pipeline as <c>/api/messages</c>).</summary>
/// <remarks>
/// The bot answers through <see cref="Connector.IConnectorClient"/>; wrapping that client with
/// <see cref="DirectLineConnectorClient"/> puts the answers into the conversation's feed.
/// </remarks>
public interface IDirectLineTurnHandler
{
    /// <summary>
    /// Processes the activity; completes when the turn (and its replies) are done. Failures are answered as a result
    /// (the status <c>/api/messages</c> would answer), not thrown.
    /// </summary>
    Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// What the endpoint tells the user, in their language (the message's <c>locale</c>), when the turn of
    /// <paramref name="message"/> failed: Web Chat never posts it again, so the user is asked to.
    /// </summary>
    string NotHandledNotice(Activity message);
}
