using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Chatbot.Storage;

/// <summary>
/// Rules and helpers for conversation keys and document ids, shared by every store so local runs catch what Cosmos would
/// reject. A key (<see cref="ForConversation"/>) names a conversation exactly and may be long; each store turns it into a
/// document id (<see cref="ToDocumentId"/>), shortened when it is too long for Cosmos, and keeps the key in the document
/// so a read can tell whether the document really belongs to the conversation asking.
/// </summary>
public static class DocumentIds
{
    /// <summary>The longest id accepted (Cosmos allows 255 characters in an id).</summary>
    public const int MaxLength = 255;

    // A shortened id is a readable prefix, "~~" and the SHA-256 of the whole key (64 hex digits). Escaping writes every
    // '~' as "~7E" and every other escape as '~' plus two hex digits, so "~~" never occurs in a key: no key can collide
    // with a shortened id, and two shortened ids collide only if SHA-256 does.
    private const string ShortenedMarker = "~~";
    private const int HashLength = 64;

    // Cosmos DB rejects / \ ? # in an id (they break the resource path). '%' is refused too: the SDK puts ids into the
    // URL path unescaped, so "%2F" arrives as "/" at a gateway that decodes paths (the test server does).
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\?#%");
    private static readonly SearchValues<char> Escaped = SearchValues.Create("/\\?#%~:");

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="id"/> cannot be stored as a document id.</summary>
    public static void Validate(string id)
    {
        ValidateKey(id);
        if (id.Length > MaxLength)
        {
            throw new ArgumentException($"The document id is {id.Length} characters long; at most {MaxLength} are allowed (use DocumentIds.ToDocumentId).", nameof(id));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="key"/> is not a conversation key (any length; characters as for ids).</summary>
    public static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var bad = key.AsSpan().IndexOfAny(Forbidden);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The document id contains '{key[bad]}' at position {bad}; the characters / \\ ? # % are not allowed (use DocumentIds.ForConversation).",
                nameof(key));
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("The document id contains a control character.", nameof(key));
            }
        }
    }

    /// <summary>
    /// The stable key of a conversation: <c>{channelId}:{conversationId}</c> with <c>/ \ ? # % ~ :</c> and control characters
    /// escaped as <c>~XX</c> (':' only in the channel part). Keys of at most <see cref="MaxLength"/> characters are their
    /// own document id; longer ones are shortened by <see cref="ToDocumentId"/> inside the stores.
    /// </summary>
    public static string ForConversation(string channelId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var builder = new StringBuilder(channelId.Length + conversationId.Length + 8);
        Escape(builder, channelId, escapeColon: true);
        builder.Append(':');
        Escape(builder, conversationId, escapeColon: false);
        return builder.ToString();
    }

    /// <summary>
    /// The stable key of an index entry (<see cref="ConversationIndex"/>): <c>~key:</c> and the author's key escaped like a
    /// conversation id. No conversation key can start with it: a conversation key's channel part writes every <c>~</c> as
    /// <c>~7E</c>, and <c>k</c> is not a hex digit.
    /// </summary>
    public static string ForIndexKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var builder = new StringBuilder(IndexPrefix.Length + key.Length + 8).Append(IndexPrefix);
        Escape(builder, key, escapeColon: false);
        return builder.ToString();
    }

    private const string IndexPrefix = "~key:";

    /// <summary>
    /// The document id for a key: the key itself when it fits (so documents stored before shortening existed keep their
    /// id), else a readable prefix, <c>~~</c> and the SHA-256 of the whole key.
    /// </summary>
    public static string ToDocumentId(string key)
    {
        ValidateKey(key);
        if (key.Length <= MaxLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, MaxLength - ShortenedMarker.Length - HashLength), ShortenedMarker, hash);
    }

    /// <summary>True when <paramref name="id"/> was shortened from a longer key (the document then records the key).</summary>
    public static bool IsShortened(string id) => id.Contains(ShortenedMarker, StringComparison.Ordinal);

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
