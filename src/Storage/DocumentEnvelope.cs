using System.Buffers;
using System.Text.Json;

namespace Chatbot.Storage;

/// <summary>
/// The stored shape of a conversation document: <c>{"id": ..., "key": ..., "ttl": ..., "note": ..., "state": &lt;content&gt;}</c>.
/// The content is written raw and read back as the exact bytes of the "state" value, so the store never re-serialises what it
/// keeps. "key" is the conversation key when the id had to be shortened (otherwise the id is the key), so a read can
/// refuse a document that belongs to another conversation. "note" is the file store's note on this version
/// (<see cref="IConversationStore.WriteNoteAsync"/>), raw as well, null when there is none; other stores leave it out.
/// </summary>
internal static class DocumentEnvelope
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText TtlName = JsonEncodedText.Encode("ttl");
    private static readonly JsonEncodedText StateName = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText NoteName = JsonEncodedText.Encode("note");
    private const int MaxKeptHeadBytes = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_head;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Wraps the content; throws <see cref="ArgumentException"/> when the content is not one JSON value.</summary>
    public static byte[] Wrap(string id, ReadOnlySpan<byte> content, int? ttlSeconds, string? key = null) =>
        Wrap(id, content, ttlSeconds, key, withNote: false, note: default);

    /// <summary>
    /// Wraps the content with a "note" beside it (<c>null</c> when <paramref name="note"/> is empty), written before
    /// "state" so the state stays the document's last value; throws <see cref="ArgumentException"/> when either is not
    /// one JSON value. <paramref name="contentChecked"/>: the content is a state this store already checked (a stored
    /// version's, wrapped again with a note), so it is not read through again.
    /// </summary>
    public static byte[] WrapWithNote(string id, ReadOnlySpan<byte> content, string? key, ReadOnlySpan<byte> note, bool contentChecked = false) =>
        Wrap(id, content, ttlSeconds: null, key, withNote: true, note, contentChecked);

    private static byte[] Wrap(string id, ReadOnlySpan<byte> content, int? ttlSeconds, string? key, bool withNote, ReadOnlySpan<byte> note, bool contentChecked = false)
    {
        // A delivery note's write wraps the committed state again: checking its ~1 KB once more was a whole JSON read per
        // turn for nothing (issue 19).
        if (!contentChecked) EnsureJson(id, content);
        // The head is written with this thread's writer and buffer (nothing here awaits), not a new writer and buffer per
        // write: the file store writes twice per turn (issue 19).
        var head = t_head ??= new ArrayBufferWriter<byte>(256);
        head.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(head);
        writer.Reset(head);
        try
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

            if (withNote)
            {
                writer.WritePropertyName(NoteName);
                try
                {
                    if (note.IsEmpty) writer.WriteNullValue();
                    else writer.WriteRawValue(note, skipInputValidation: false);
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException($"The note of '{id}' is not a single JSON value: {ex.Message}", "note", ex);
                }
            }

            writer.WritePropertyName(StateName);
            writer.Flush();
        }
        finally
        {
            // A head grown for an unusually large note is left to the GC rather than kept by the thread.
            if (head.Capacity > MaxKeptHeadBytes) (t_head, t_writer) = (null, null);
        }

        // The state (checked above) goes in as given after the head, in one array of the envelope's exact size: the
        // document is copied once per write, not written into a growing buffer and copied out again (issue 19).
        var document = new byte[head.WrittenCount + content.Length + 1];
        head.WrittenSpan.CopyTo(document);
        content.CopyTo(document.AsSpan(head.WrittenCount));
        document[^1] = (byte)'}';
        return document;
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
    /// Reads the id, the recorded key (null when the id is the key), the raw bytes of "state" and of "note"; throws
    /// <see cref="InvalidDataException"/> when the shape is wrong. Unknown properties are skipped.
    /// </summary>
    public static UnwrappedDocument Unwrap(ReadOnlySpan<byte> document)
    {
        string? id = null;
        string? key = null;
        byte[]? state = null;
        byte[]? note = null;
        var hasNote = false;
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
                else if (reader.ValueTextEquals(NoteName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    hasNote = true;
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    note = reader.TokenType == JsonTokenType.Null ? null : document[start..(int)reader.BytesConsumed].ToArray();
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

        return state is null ? throw new InvalidDataException("the document has no \"state\" property") : new UnwrappedDocument(id, key, state, note, hasNote);
    }

    private static string Shorten(string? value) =>
        value is null ? "(none)" : value.Length <= 100 ? value : string.Concat(value.AsSpan(0, 100), "…");
}

/// <summary>
/// A document's parts: <c>Note</c> is null when there is none; <c>HasNote</c> says whether the
/// document has a "note" property at all (null included), i.e. whether it was written by a store that keeps notes in it.
/// </summary>
internal readonly record struct UnwrappedDocument(string? Id, string? Key, byte[] State, byte[]? Note, bool HasNote)
{
    /// <summary>The id, the recorded key and the state, for stores that keep no notes.</summary>
    public void Deconstruct(out string? id, out string? key, out byte[] state) => (id, key, state) = (Id, Key, State);
}
