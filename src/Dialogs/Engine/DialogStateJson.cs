using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Dialogs.Engine;

/// <summary>The one place that turns <see cref="DialogState"/> into JSON and back (source-generated, camelCase).</summary>
public static class DialogStateJson
{
    public static string Serialize(DialogState state) => JsonSerializer.Serialize(state, DialogJsonContext.Default.DialogState);

    public static byte[] SerializeToUtf8Bytes(DialogState state) => JsonSerializer.SerializeToUtf8Bytes(state, DialogJsonContext.Default.DialogState);

    /// <summary>Reads a state; returns null for JSON that is not a state, or one in the wrong shape (<see cref="WellFormed"/>).</summary>
    public static DialogState? Deserialize(string json)
    {
        try
        {
            return WellFormed(JsonSerializer.Deserialize(json, DialogJsonContext.Default.DialogState));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a state from UTF-8 JSON; returns null for JSON that is not a state.</summary>
    public static DialogState? Deserialize(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return WellFormed(JsonSerializer.Deserialize(utf8, DialogJsonContext.Default.DialogState));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static DialogState? Deserialize(JsonElement json)
    {
        try
        {
            return WellFormed(json.Deserialize(DialogJsonContext.Default.DialogState));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The state, or null when the JSON gave a member the engine relies on as null (<c>"stack": null</c>, a frame with no
    /// flow or no slots, a null flow in the stack or skipped slot): JSON the serializer accepts, but no state this class
    /// wrote, and the turn would fail on it.
    /// </summary>
    private static DialogState? WellFormed(DialogState? state) =>
        state is { Stack: not null, Slots: not null, History: not null }
        && state.Stack.TrueForAll(f => f is { Flow: not null, Slots: not null } && (f.Skipped is null || !f.Skipped.Contains(null!)))
            ? state
            : null;

    /// <summary>
    /// The state as JSON for a developer's inspector (the Emulator): slot values of sensitive slots, and of slots
    /// <paramref name="bot"/> does not know (or every slot when it is null), replaced by <c>"***"</c>.
    /// </summary>
    public static JsonElement Inspect(DialogState state, Runtime.CompiledBot? bot)
    {
        ArgumentNullException.ThrowIfNull(state);
        var copy = Clone(state);
        foreach (var frame in copy.Stack)
        {
            Mask(frame.Slots, name => bot?.FindSlot(frame.Flow, name));
        }

        Mask(copy.Slots, name => bot?.Definition.Slots.GetValueOrDefault(name));
        return JsonSerializer.SerializeToElement(copy, DialogJsonContext.Default.DialogState);

        void Mask(Dictionary<string, JsonElement> slots, Func<string, Model.SlotDefinition?> find)
        {
            foreach (var name in slots.Keys.ToList())
            {
                if (find(name) is not { } slot || bot!.IsSensitive(slot)) slots[name] = Of("***");
            }
        }
    }

    internal static DialogState Clone(DialogState state) => FromUtf8(SerializeToUtf8Bytes(state));

    /// <summary>A state from JSON this class wrote (a copy in the making): no error handling, unlike <see cref="Deserialize(string)"/>.</summary>
    internal static DialogState FromUtf8(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, DialogJsonContext.Default.DialogState)!;

    internal static JsonElement Of(string value) => JsonSerializer.SerializeToElement(value, DialogJsonContext.Default.String);

    internal static JsonElement Of(double value) => JsonSerializer.SerializeToElement(value, DialogJsonContext.Default.Double);

    internal static JsonElement Of(bool value) => JsonSerializer.SerializeToElement(value, DialogJsonContext.Default.Boolean);
}

/// <summary>
/// Slot values (name -> JSON value) read as one <see cref="JsonDocument"/> per slots object whose elements the values
/// are, instead of the serializer's one document per value (issue 19); written exactly as the serializer writes a
/// dictionary of <see cref="JsonElement"/> (names as they are, each value as its element writes itself).
/// </summary>
internal sealed class SlotValuesJsonConverter : JsonConverter<Dictionary<string, JsonElement>>
{
    public override Dictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Slot values must be a JSON object.");

        var peek = reader;
        if (peek.Read() && peek.TokenType == JsonTokenType.EndObject)
        {
            reader.Read();
            return [];
        }

        var slots = JsonElement.ParseValue(ref reader); // one document, not disposed: the values live as long as the state
        var values = new Dictionary<string, JsonElement>();
        foreach (var slot in slots.EnumerateObject())
        {
            values[slot.Name] = slot.Value;
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, slot) in value)
        {
            writer.WritePropertyName(name);
            slot.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// The history lines, read without the serializer's constructor-parameter path for a record (an argument buffer per
/// line; issue 19) and written exactly as the serializer writes them (camelCase names, null texts left out).
/// </summary>
internal sealed class HistoryJsonConverter : JsonConverter<List<Understanding.ConversationLine>>
{
    private static readonly JsonEncodedText SpeakerName = JsonEncodedText.Encode("speaker");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");

    public override List<Understanding.ConversationLine> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("History must be a JSON array.");
        var lines = new List<Understanding.ConversationLine>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                lines.Add(null!); // as the serializer reads it
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A history line must be a JSON object.");
            string? speaker = null, text = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isSpeaker = reader.ValueTextEquals(SpeakerName.EncodedUtf8Bytes);
                var isText = !isSpeaker && reader.ValueTextEquals(TextName.EncodedUtf8Bytes);
                reader.Read();
                if (isSpeaker) speaker = ReadString(ref reader);
                else if (isText) text = ReadString(ref reader);
                else reader.Skip();
            }

            lines.Add(new Understanding.ConversationLine(speaker!, text!));
        }

        return lines;
    }

    public override void Write(Utf8JsonWriter writer, List<Understanding.ConversationLine> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var line in value)
        {
            if (line is null)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            if (line.Speaker is { } speaker) writer.WriteString(SpeakerName, speaker);
            if (line.Text is { } text) writer.WriteString(TextName, text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException("A history line's speaker and text must be strings."),
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class DialogJsonContext : JsonSerializerContext;
