using System.Buffers;
using System.Text.Json;

namespace Chatbot.Storage;

/// <summary>
/// The stored shape of a conversation document: <c>{"id": ..., "key": ..., "ttl": ..., "state": &lt;content&gt;}</c>. The
/// content is written raw and read back as the exact bytes of the "state" value, so the store never re-serialises what it
/// keeps. "key" is the conversation key when the id had to be shortened (otherwise the id is the key), so a read can
/// refuse a document that belongs to another conversation.
/// </summary>
internal static class DocumentEnvelope
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText TtlName = JsonEncodedText.Encode("ttl");
    private static readonly JsonEncodedText StateName = JsonEncodedText.Encode("state");

    /// <summary>Wraps the content; throws <see cref="ArgumentException"/> when the content is not one JSON value.</summary>
    public static byte[] Wrap(string id, ReadOnlySpan<byte> content, int? ttlSeconds, string? key = null)
    {
        var buffer = new ArrayBufferWriter<byte>(content.Length + id.Length + 48);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(IdName, id);
            if (key is not null && !string.Equals(key, id, StringComparison.Ordinal))
            {
                writer.WriteString(KeyName, key);
            }

            if (ttlSeconds is { } ttl)
            {
                writer.WriteNumber(TtlName, ttl);
            }

            writer.WritePropertyName(StateName);
            try
            {
                writer.WriteRawValue(content, skipInputValidation: false);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The state of '{id}' is not a single JSON value: {ex.Message}", "content", ex);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the content is not one JSON value (for stores that keep it unwrapped).</summary>
    public static void EnsureJson(string id, ReadOnlySpan<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content);
            if (reader.Read())
            {
                reader.Skip();
                if (!reader.Read())
                {
                    return;
                }
            }

            throw new ArgumentException($"The state of '{id}' is not a single JSON value.", "content");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The state of '{id}' is not a single JSON value: {ex.Message}", "content", ex);
        }
    }

    /// <summary>
    /// Checks that a document read for <paramref name="key"/> belongs to it: its recorded key (or, when it has none, its
    /// id) must equal the key. Throws <see cref="InvalidDataException"/> otherwise: continuing another conversation's
    /// state is never the right answer.
    /// </summary>
    public static void EnsureBelongsTo(string key, string? storedId, string? storedKey)
    {
        var owner = storedKey ?? storedId;
        if (!string.Equals(owner, key, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"it belongs to another conversation ('{Shorten(owner)}')");
        }
    }

    /// <summary>
    /// Reads the id, the recorded key (null when the id is the key) and the raw bytes of "state"; throws
    /// <see cref="InvalidDataException"/> when the shape is wrong.
    /// </summary>
    public static (string? Id, string? Key, byte[] State) Unwrap(ReadOnlySpan<byte> document)
    {
        string? id = null;
        string? key = null;
        byte[]? state = null;
        try
        {
            var reader = new Utf8JsonReader(document);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("the document is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(StateName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    state = document[start..(int)reader.BytesConsumed].ToArray();
                }
                else if (reader.ValueTextEquals(IdName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals(KeyName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    key = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new InvalidDataException("the document does not end after its object");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the document is not valid JSON ({ex.Message})", ex);
        }

        return state is null ? throw new InvalidDataException("the document has no \"state\" property") : (id, key, state);
    }

    private static string Shorten(string? value) =>
        value is null ? "(none)" : value.Length <= 100 ? value : string.Concat(value.AsSpan(0, 100), "…");
}
