using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Connector;

/// <summary>Shortcuts for the calls a turn makes most: answer the user, show typing.</summary>
public static class ConnectorClientExtensions
{
    /// <summary>Sends <c>incoming.CreateReply(text)</c>: a message routed back to the activity being answered.</summary>
    public static Task<ResourceResponse> ReplyAsync(this IConnectorClient client, Activity incoming, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(incoming.CreateReply(text), cancellationToken);
    }

    /// <summary>Shows the typing indicator in the conversation of <paramref name="incoming"/>.</summary>
    public static Task<ResourceResponse> SendTypingAsync(this IConnectorClient client, Activity incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(incoming.CreateTyping(), cancellationToken);
    }
}
