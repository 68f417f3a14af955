using System.Security.Cryptography;
using System.Text;

namespace Chatbot.Bot.Telemetry;

/// <summary>A short, stable pseudonym for a conversation, so traces of one conversation group without exposing its id.</summary>
internal static class ConversationHash
{
    public static string Compute(string channelId, string conversationId)
    {
        var bytes = Encoding.UTF8.GetBytes($"{channelId}/{conversationId}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        // 64 bits: enough to tell conversations apart in traces, too short to be worth reversing.
        return Convert.ToHexStringLower(hash[..8]);
    }
}
