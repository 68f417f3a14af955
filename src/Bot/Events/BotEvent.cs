using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Bot.Events;

/// <summary>
/// Something another system reports for one conversation (<c>POST /api/events</c>): its id (exactly-once per id), the
/// name of an entry of the dialogs' <c>events:</c> section, the conversation it is for, and the payload its inputs read.
/// </summary>
public sealed class BotEvent
{
    /// <summary>The sender's id for this event; a second event with the same id in the same conversation is not run again.</summary>
    public string? Id { get; set; }

    /// <summary>The event's name, as the dialogs' <c>events:</c> section names it.</summary>
    public string? Name { get; set; }

    /// <summary>The channel of the conversation (<c>msteams</c>, <c>webchat</c>, <c>directline</c>, <c>emulator</c>…).</summary>
    public string? ChannelId { get; set; }

    /// <summary>The conversation's id on that channel (the activities' <c>conversation.id</c>).</summary>
    public string? Conversation { get; set; }

    /// <summary>The facts the event's inputs read (a JSON object); optional.</summary>
    public JsonElement? Payload { get; set; }

    /// <summary>The activity id an event turn runs under: events and activities share the conversation's dedupe ring.</summary>
    internal string TriggerId => "event:" + Id;

    internal const int MaxIdLength = 256;

    /// <summary>Why the event cannot be run as sent, or null.</summary>
    internal string? Problem() =>
        string.IsNullOrWhiteSpace(Id) ? "The event has no 'id'."
        : Id.Length > MaxIdLength ? $"The event 'id' is longer than {MaxIdLength} characters."
        : string.IsNullOrWhiteSpace(Name) ? "The event has no 'name'."
        : string.IsNullOrWhiteSpace(ChannelId) ? "The event has no 'channelId'."
        : string.IsNullOrWhiteSpace(Conversation) ? "The event has no 'conversation' (the conversation id)."
        : Payload is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } ? "The event 'payload' must be a JSON object."
        : null;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BotEvent))]
internal sealed partial class BotEventJsonContext : JsonSerializerContext;
