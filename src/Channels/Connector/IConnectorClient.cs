using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Connector;

/// <summary>Sends the bot's activities to a channel through the Bot Connector REST API (v3).</summary>
/// <remarks>
/// The target is taken from the activity: <c>serviceUrl</c>, <c>conversation.id</c>, and <c>replyToId</c>
/// (present = reply to that activity, absent = post to the conversation).
/// </remarks>
public interface IConnectorClient
{
    /// <summary>Posts an activity (reply when <c>replyToId</c> is set) and returns the id the channel gave it.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces a previously sent activity (<c>activity.id</c> names it).</summary>
    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Deletes a previously sent activity.</summary>
    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);
}
