using Chatbot.Channels.Activities;
using Chatbot.Storage;

namespace Chatbot.Bot.Pipeline;

/// <summary>The state key for a conversation: Storage's <c>DocumentIds.ForConversation</c> of channel and conversation id.</summary>
/// <remarks>
/// <c>{channelId}:{conversation.id}</c> with the characters Cosmos rejects or mangles (<c>/ \ ? # %</c>, <c>~</c>, control
/// characters, and <c>:</c> in the channel part) written as <c>~XX</c>; stores shorten keys over 255 characters (prefix plus
/// the hash of the whole key) and check the key on every read. Stable.
/// </remarks>
public static class ConversationKey
{
    /// <summary>The key for the activity's conversation (the activity must have a channel id and conversation id).</summary>
    public static string For(Activity activity) =>
        For(activity.ChannelId ?? "", activity.Conversation?.Id ?? "");

    /// <summary>The key for a channel and conversation id.</summary>
    public static string For(string channelId, string conversationId) =>
        DocumentIds.ForConversation(channelId, conversationId);
}
