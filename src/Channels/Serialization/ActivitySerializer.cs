using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;

namespace Chatbot.Channels.Serialization;

/// <summary>The one place that owns how activities are read and written on the wire.</summary>
public static class ActivitySerializer
{
    /// <summary>Deepest JSON nesting accepted from a channel; deeper bodies are rejected, not parsed.</summary>
    public const int MaxDepth = 64;

    /// <summary>camelCase, nulls omitted, unknown fields kept via extension data.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ActivityJsonContext.Default.Options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Reads an activity; throws <see cref="JsonException"/> for malformed input. Prefer <see cref="TryDeserialize"/> at the edge.</summary>
    public static Activity? Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ActivityJsonContext.Default.Activity);

    /// <summary>
    /// Reads an activity from an untrusted body. Never throws for bad input: invalid UTF-8, malformed JSON, a value of
    /// the wrong kind, nesting deeper than <see cref="MaxDepth"/> or a body that is not an object all return false with a
    /// short <paramref name="error"/> that is safe to send back in a 400 (it never echoes the body).
    /// </summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8Json, out Activity? activity, out string error) =>
        TryDeserialize(utf8Json, MaxDepth, out activity, out error);

    /// <summary>As <see cref="TryDeserialize(ReadOnlySpan{byte}, out Activity?, out string)"/>, with a caller-chosen nesting limit (e.g. <c>Limits:MaxJsonDepth</c>).</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8Json, int maxDepth, out Activity? activity, out string error)
    {
        activity = null;
        if (utf8Json.IsEmpty)
        {
            error = "The body is empty; expected a JSON activity.";
            return false;
        }

        // Checked up front: the reader only transcodes the strings it materialises, so bad bytes or a lone surrogate
        // escape inside value, channelData, entities or unknown fields would otherwise be carried along and fail the
        // turn (or be written back out) when something reads them later.
        if (JsonRequestBody.TextProblem(utf8Json) is { } problem)
        {
            error = problem;
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
            var parsed = JsonSerializer.Deserialize(ref reader, ActivityJsonContext.Default.Activity);
            // Reading on checks what follows the activity: anything but whitespace (a second document, garbage) throws.
            reader.Read();
            activity = parsed;
        }
        catch (JsonException ex)
        {
            error = Describe(ex, maxDepth);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NotSupportedException or OverflowException)
        {
            // Thrown by the reader/converters for a few corrupt inputs (e.g. unpaired surrogates in escapes).
            error = "The body is not a valid activity.";
            return false;
        }

        if (activity is null)
        {
            error = "The body must be a JSON object (an activity), not null.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Writes an activity as UTF-8 JSON (camelCase, nulls omitted, unknown fields as read).</summary>
    public static byte[] SerializeToUtf8Bytes(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJsonContext.Default.Activity);

    /// <summary>Writes an activity as a JSON string.</summary>
    public static string Serialize(Activity activity) =>
        JsonSerializer.Serialize(activity, ActivityJsonContext.Default.Activity);

    // STJ's messages name .NET types ("System.String"); say where, in the author's terms, instead.
    private static string Describe(JsonException ex, int maxDepth)
    {
        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" ({ex.Path})";

        if (ex.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON is nested deeper than {maxDepth} levels{where}.";
        }

        if (ex.InnerException is null && ex.Message.StartsWith("A timestamp", StringComparison.Ordinal))
        {
            return $"{ex.Message.TrimEnd('.')}{path}.";
        }

        if (!ex.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"The body is not valid JSON{where}.";
        }

        return path.Length == 0
            ? "The body must be a JSON object (an activity)."
            : $"A value is invalid or has the wrong JSON type{path}{where}.";
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = ActivitySerializer.MaxDepth)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(JsonElement))] // invoke response bodies and channelData written on their own
[JsonSerializable(typeof(ConnectorError))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;
