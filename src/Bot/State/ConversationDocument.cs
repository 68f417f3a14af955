using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.State;

/// <summary>
/// The one JSON document stored per conversation: dialog state plus what exactly-once delivery needs.
/// Kept small: only the newest, not-yet-delivered entries carry their replies.
/// </summary>
internal sealed class ConversationDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>The dialog engine's state after the last committed turn.</summary>
    public DialogState? Dialog { get; set; }

    /// <summary>The last N committed activities, oldest first.</summary>
    public List<RecentActivity> Recent { get; set; } = [];

    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>Fields written by the store or a newer version (e.g. Cosmos <c>id</c>, <c>ttl</c>); kept on rewrite.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public RecentActivity? Find(string? activityId) =>
        activityId is null ? null : Recent.Find(r => string.Equals(r.Id, activityId, StringComparison.Ordinal));
}

/// <summary>One committed activity: its id, when it committed, and the replies it owes until they are known delivered.</summary>
internal sealed class RecentActivity
{
    public required string Id { get; set; }

    public DateTimeOffset CommittedAt { get; set; }

    /// <summary>Until then, a redelivery does not re-send (the original is presumed still sending).</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>The replies this activity produced; dropped once delivered.</summary>
    public List<Reply>? Outbox { get; set; }

    /// <summary>How many outbox replies are known to have reached the channel (resume point after a partial send).</summary>
    public int Sent { get; set; }

    public bool Delivered { get; set; }

    /// <summary>For invokes: the HTTP answer to repeat on redelivery.</summary>
    public InvokeResponse? InvokeResponse { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationDocument))]
internal sealed partial class BotStateJsonContext : JsonSerializerContext;
