using System.Security.Cryptography;
using System.Text;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>Builds the state document id for a conversation: <c>{channelId}:{conversation.id}</c>, escaped so every store accepts it.</summary>
/// <remarks>
/// Cosmos ids may not contain <c>/ \ ? #</c> (and <c>%</c> is unsafe: the SDK puts ids into the URL path), and are at most
/// 255 characters. Those characters, <c>~</c> (the escape itself) and control characters are written as <c>~XX</c>
/// (<c>:</c> only in the channel part, so the separator stays unambiguous); ids that would still be too long keep a
/// readable prefix plus a SHA-256 of the whole. The same conversation always maps to the same id. This is the same
/// scheme as Storage's <c>DocumentIds.ForConversation</c>; once that is on main this delegates to it.
/// </remarks>
public static class ConversationKey
{
    private const int MaxLength = 255;

    /// <summary>The key for the activity's conversation.</summary>
    public static string For(Activity activity) =>
        For(activity.ChannelId ?? "", activity.Conversation?.Id ?? "");

    /// <summary>The key for a channel and conversation id.</summary>
    public static string For(string channelId, string conversationId)
    {
        var builder = new StringBuilder(channelId.Length + conversationId.Length + 8);
        Escape(builder, channelId, escapeColon: true);
        builder.Append(':');
        Escape(builder, conversationId, escapeColon: false);
        if (builder.Length <= MaxLength) return builder.ToString();

        // Teams thread ids can be long; a prefix keeps the id readable and the hash keeps it unique.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
        return $"{builder.ToString(0, MaxLength - 33)}~{hash[..32]}";
    }

    private static void Escape(StringBuilder builder, string value, bool escapeColon)
    {
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' or '~' || (c == ':' && escapeColon) || char.IsControl(c))
            {
                builder.Append('~').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }
}
