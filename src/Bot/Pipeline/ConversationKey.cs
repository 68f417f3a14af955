using System.Security.Cryptography;
using System.Text;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>Builds the state document id <c>{channelId}/{conversation.id}</c>, escaped so any store accepts it.</summary>
/// <remarks>
/// Cosmos ids may not contain <c>/ \ ? #</c> and are at most 255 characters. Those characters (and <c>%</c>, so the
/// escaping stays reversible and collision-free, and control characters) are percent-encoded; ids that would still be
/// too long keep a readable prefix plus a SHA-256 of the whole key. The same conversation always maps to the same id.
/// </remarks>
public static class ConversationKey
{
    private const int MaxLength = 250;

    /// <summary>The key for the activity's conversation.</summary>
    public static string For(Activity activity) =>
        For(activity.ChannelId ?? "", activity.Conversation?.Id ?? "");

    /// <summary>The key for a channel and conversation id.</summary>
    public static string For(string channelId, string conversationId)
    {
        var raw = channelId + "/" + conversationId;
        var sb = new StringBuilder(raw.Length + 8);
        foreach (var c in raw)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        if (sb.Length <= MaxLength) return sb.ToString();

        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Concat(sb.ToString(0, MaxLength - hash.Length - 1), "~", hash);
    }
}
