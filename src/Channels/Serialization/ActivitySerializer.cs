using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Serialization;

/// <summary>The one place that owns how activities are read and written on the wire.</summary>
public static class ActivitySerializer
{
    /// <summary>camelCase, nulls omitted, unknown fields kept via extension data.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = ActivityJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    public static Activity? Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, ActivityJsonContext.Default.Activity);

    public static byte[] SerializeToUtf8Bytes(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJsonContext.Default.Activity);

    public static string Serialize(Activity activity) =>
        JsonSerializer.Serialize(activity, ActivityJsonContext.Default.Activity);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ConversationReference))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;
