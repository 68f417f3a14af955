using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.State;

/// <summary>
/// The one JSON document stored per conversation: dialog state plus what exactly-once delivery needs.
/// Kept small: only entries whose replies are not yet known delivered carry them.
/// </summary>
internal sealed class ConversationDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>
    /// The dialog engine's state after the last committed turn, kept as the JSON the engine wrote
    /// (<see cref="DialogStateJson"/>): read and written as raw bytes, never deserialised or re-serialised here, so a
    /// turn serialises the state once (the engine's change check) however often the document is written.
    /// </summary>
    [JsonConverter(typeof(RawJsonConverter))]
    public ReadOnlyMemory<byte>? Dialog { get; set; }

    /// <summary>The last N committed activities, oldest first.</summary>
    public List<RecentActivity> Recent { get; set; } = [];

    /// <summary>
    /// When the last turn was committed. Every schema version must keep writing it under this name: an older version
    /// that meets a newer document waits for the newer one to answer only until this is <c>Turn:NewerStateWait</c> ago.
    /// </summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>
    /// Where the bot can write to this conversation first (events): saved from every activity the channel sends. Null in
    /// documents written before events existed: such a conversation gets events after its user's next message.
    /// </summary>
    public ConversationReference? Reference { get; set; }

    /// <summary>Fields written by the store or a newer version (e.g. Cosmos <c>id</c>, <c>ttl</c>); kept on rewrite.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public RecentActivity? Find(string? activityId) => IndexOf(activityId) is var at and >= 0 ? Recent[at] : null;

    /// <summary>Where the entry of <paramref name="activityId"/> is in <see cref="Recent"/>, or -1.</summary>
    /// <remarks>A loop, not <c>FindIndex</c> with a lambda: no closure and delegate per lookup (several a turn, issue 19).</remarks>
    public int IndexOf(string? activityId)
    {
        if (activityId is null) return -1;
        for (var i = 0; i < Recent.Count; i++)
        {
            if (string.Equals(Recent[i].Id, activityId, StringComparison.Ordinal)) return i;
        }

        return -1;
    }
}

/// <summary>
/// One committed activity and the delivery record of the replies it produced: which attempt owns their delivery and
/// until when, and which replies the channel has acknowledged. Nothing here is specific to a user's message: any
/// committed trigger (an activity, a proactive continuation) with an id and replies is delivered the same way.
/// </summary>
internal sealed class RecentActivity
{
    /// <summary>The id of the activity (or other trigger) whose turn committed.</summary>
    /// <remarks>
    /// Required in the JSON (a document without it does not read), but not a C# <c>required</c> member: System.Text.Json
    /// builds those through its constructor-with-arguments path, which made reading the ring (up to
    /// <c>Turn:RecentActivityCount</c> entries, every turn) measurably slower (issue 19).
    /// </remarks>
    [JsonRequired]
    public string Id { get; set; } = "";

    public DateTimeOffset CommittedAt { get; set; }

    /// <summary>Until then <see cref="Attempt"/> owns the delivery: it may send, nobody else does.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>The delivery attempt (one process's commit or claim) that holds the lease.</summary>
    public string? Attempt { get; set; }

    /// <summary>True once every reply is known to have reached the channel (the replies are then dropped).</summary>
    public bool Delivered { get; set; }

    /// <summary>The replies still owed, each with its stable id and whether the channel acknowledged it.</summary>
    public List<OutboxReply>? Replies { get; set; }

    /// <summary>For invokes: the HTTP answer to repeat on redelivery.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Schema before per-reply state: the owed replies (read only, converted by <see cref="Upgrade"/>).</summary>
    [JsonPropertyName("outbox")]
    public List<Reply>? LegacyOutbox { get; set; }

    /// <summary>Schema before per-reply state: how many of <see cref="LegacyOutbox"/> were sent (read only).</summary>
    [JsonPropertyName("sent")]
    public int? LegacySent { get; set; }

    /// <summary>True while some reply is owed.</summary>
    [JsonIgnore]
    public bool Owes => !Delivered && Replies is { } replies && replies.Exists(r => !r.Sent);

    /// <summary>Moves a document written before per-reply state to the current shape (nothing is lost or re-sent).</summary>
    public void Upgrade()
    {
        if (LegacyOutbox is { } legacy)
        {
            var sent = LegacySent ?? 0;
            Replies ??= [.. legacy.Select((reply, i) => new OutboxReply { Id = ReplyIds.For(Id, i), Reply = reply, Sent = i < sent })];
        }

        LegacyOutbox = null;
        LegacySent = null;
    }
}

/// <summary>One reply in a delivery record.</summary>
internal sealed class OutboxReply
{
    /// <summary>Stable id (trigger id + index): every attempt sends the reply under the same id. Null when the trigger has none.</summary>
    public string? Id { get; set; }

    /// <summary>True once the channel acknowledged it.</summary>
    public bool Sent { get; set; }

    public required Reply Reply { get; set; }
}

/// <summary>Stable ids of a turn's replies, so a channel that de-duplicates by activity id shows a re-sent reply once.</summary>
internal static class ReplyIds
{
    /// <summary>The id of reply <paramref name="index"/> (0-based) of the turn started by <paramref name="triggerId"/>.</summary>
    public static string For(string triggerId, int index) => $"{triggerId}:reply:{index}";
}

/// <summary>A JSON value kept as its UTF-8 bytes: checked to be one JSON value when read, copied verbatim when written.</summary>
internal sealed class RawJsonConverter : JsonConverter<ReadOnlyMemory<byte>?>
{
    /// <summary>The whole UTF-8 text being deserialised, while <see cref="ConversationDocumentJson.Read"/> reads it on this thread.</summary>
    [ThreadStatic]
    private static ReadOnlyMemory<byte>? t_source;

    public override bool HandleNull => true;

    /// <summary>Runs <paramref name="read"/> with <paramref name="utf8"/> as the source the values' bytes are copied from.</summary>
    internal static T ReadFrom<T>(ReadOnlyMemory<byte> utf8, Func<ReadOnlyMemory<byte>, T> read)
    {
        var previous = t_source;
        t_source = utf8;
        try
        {
            return read(utf8);
        }
        finally
        {
            t_source = previous;
        }
    }

    public override ReadOnlyMemory<byte>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;

        // Reading the whole document from one span, the reader's offsets are offsets into it: skipping the value checks
        // it is well-formed JSON (the reader validates every token) and its bytes are copied once, without building a
        // JsonDocument of it (issue 19: ~0.02 ms a turn).
        if (t_source is { } source && !reader.HasValueSequence && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var start = checked((int)reader.TokenStartIndex);
            var opening = reader.TokenType == JsonTokenType.StartObject ? (byte)'{' : (byte)'[';
            if (start < source.Length && source.Span[start] == opening)
            {
                reader.Skip();
                var end = checked((int)reader.BytesConsumed);
                return source.Span[start..end].ToArray();
            }
        }

        using var value = JsonDocument.ParseValue(ref reader);
        return JsonMarshal.GetRawUtf8Value(value.RootElement).ToArray();
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte>? value, JsonSerializerOptions options)
    {
        if (value is { } json) writer.WriteRawValue(json.Span, skipInputValidation: true); // bytes the engine or this converter produced
        else writer.WriteNullValue();
    }
}

/// <summary>The one place that reads and writes <see cref="ConversationDocument"/> JSON.</summary>
internal static class ConversationDocumentJson
{
    /// <summary>The stored document, its <c>dialog</c> part copied from <paramref name="utf8"/> (throws <see cref="JsonException"/> for bad JSON).</summary>
    public static ConversationDocument? Read(ReadOnlyMemory<byte> utf8) =>
        RawJsonConverter.ReadFrom(utf8, static json => JsonSerializer.Deserialize(json.Span, BotStateJsonContext.Default.ConversationDocument));

    public static byte[] Write(ConversationDocument document)
    {
        var scratch = JsonScratch.Rent();
        try
        {
            return scratch.Write(document, BotStateJsonContext.Default.ConversationDocument).ToArray();
        }
        finally
        {
            scratch.Return();
        }
    }
}

/// <summary>
/// A buffer and JSON writer a thread reuses for the documents and notes a turn writes (issue 19: the store copies what it
/// is given, so serialising into a new array per write only made garbage). <see cref="Rent"/> takes the thread's (or a new
/// one), <see cref="Return"/> leaves it for the next write on whichever thread the turn continued on; bytes from
/// <see cref="Write"/> are valid until then.
/// </summary>
internal sealed class JsonScratch
{
    private const int KeptCapacity = 64 * 1024; // a larger buffer (an unusually big document) is left to the GC

    [ThreadStatic]
    private static JsonScratch? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    private JsonScratch()
    {
        var options = BotStateJsonContext.Default.Options;
        // What JsonSerializer.SerializeToUtf8Bytes writes with for these options: the same bytes.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true });
    }

    public static JsonScratch Rent()
    {
        var scratch = t_free ?? new JsonScratch();
        t_free = null;
        return scratch;
    }

    public ReadOnlyMemory<byte> Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, value, typeInfo);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    public void Return()
    {
        if (_buffer.Capacity <= KeptCapacity) t_free = this;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationDocument))]
[JsonSerializable(typeof(RecentActivity))]
internal sealed partial class BotStateJsonContext : JsonSerializerContext;
