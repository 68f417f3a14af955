using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Chatbot.Storage;

/// <summary>Rules and helpers for conversation document ids, shared by every store so local runs catch what Cosmos would reject.</summary>
public static class DocumentIds
{
    /// <summary>The longest id accepted (Cosmos allows 255 characters in an id).</summary>
    public const int MaxLength = 255;

    // Cosmos DB rejects / \ ? # in an id (they break the resource path). '%' is refused too: the SDK puts ids into the
    // URL path unescaped, so "%2F" arrives as "/" at a gateway that decodes paths (the test server does).
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\?#%");
    private static readonly SearchValues<char> Escaped = SearchValues.Create("/\\?#%~:");

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="id"/> cannot be stored as a document id.</summary>
    public static void Validate(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Length > MaxLength)
        {
            throw new ArgumentException($"The document id is {id.Length} characters long; at most {MaxLength} are allowed.", nameof(id));
        }

        var bad = id.AsSpan().IndexOfAny(Forbidden);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The document id contains '{id[bad]}' at position {bad}; the characters / \\ ? # % are not allowed (use DocumentIds.ForConversation).",
                nameof(id));
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("The document id contains a control character.", nameof(id));
            }
        }
    }

    /// <summary>
    /// A valid, stable document id for a conversation: <c>{channelId}:{conversationId}</c> with <c>/ \ ? # % ~ :</c> and control
    /// characters escaped as <c>~XX</c> (':' only in the channel part); ids too long for Cosmos keep a prefix and a hash of the whole.
    /// </summary>
    public static string ForConversation(string channelId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var builder = new StringBuilder(channelId.Length + conversationId.Length + 8);
        Escape(builder, channelId, escapeColon: true);
        builder.Append(':');
        Escape(builder, conversationId, escapeColon: false);
        if (builder.Length <= MaxLength)
        {
            return builder.ToString();
        }

        // Teams thread ids can be long; a prefix keeps the id readable and the hash keeps it unique.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
        var prefix = builder.ToString(0, MaxLength - 33);
        return $"{prefix}~{hash[..32]}";
    }

    private static void Escape(StringBuilder builder, string value, bool escapeColon)
    {
        foreach (var c in value)
        {
            if ((Escaped.Contains(c) && (c != ':' || escapeColon)) || char.IsControl(c))
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
