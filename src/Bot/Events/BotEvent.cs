using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Storage;

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

    /// <summary>
    /// Instead of <see cref="ChannelId"/> and <see cref="Conversation"/>: a key a flow's <c>remember</c> step registered
    /// (<c>order:AB12345</c>); the event goes to the conversation holding it.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>The facts the event's inputs read (a JSON object); optional.</summary>
    public JsonElement? Payload { get; set; }

    /// <summary>The activity id an event turn runs under: events and activities share the conversation's dedupe ring.</summary>
    internal string TriggerId => "event:" + Id;

    internal const int MaxIdLength = 256;

    /// <summary>
    /// Names of the bot's own events (<c>chatbot.remind</c>, <c>chatbot.call</c>, <c>chatbot.continue</c>, …), which only
    /// its turns enqueue; authors' event names cannot contain a dot.
    /// </summary>
    internal static bool IsReserved(string? name) => name is not null && name.StartsWith("chatbot.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the event cannot be run as sent, or null.</summary>
    internal string? Problem() =>
        string.IsNullOrWhiteSpace(Id) ? "The event has no 'id'."
        : Id.Length > MaxIdLength ? $"The event 'id' is longer than {MaxIdLength} characters."
        : string.IsNullOrWhiteSpace(Name) ? "The event has no 'name'."
        : Key is not null && (ChannelId is not null || Conversation is not null) ? "The event names its conversation twice: give either 'key' or 'channelId' and 'conversation', not both."
        : Key is not null ? KeyProblem(Key)
        : string.IsNullOrWhiteSpace(ChannelId) ? "The event has no 'channelId' (or give a 'key' a flow remembered instead)."
        : string.IsNullOrWhiteSpace(Conversation) ? "The event has no 'conversation' (the conversation id)."
        : Payload is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) } ? "The event 'payload' must be a JSON object."
        : null;

    private static string? KeyProblem(string key) =>
        string.IsNullOrWhiteSpace(key) ? "The event 'key' is empty."
        : key.Length > ConversationIndex.MaxKeyLength ? $"The event 'key' is longer than {ConversationIndex.MaxKeyLength} characters."
        : key.IndexOf(':', StringComparison.Ordinal) <= 0 ? "The event 'key' has no scope: keys look like 'order:AB12345'."
        : null;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BotEvent))]
internal sealed partial class BotEventJsonContext : JsonSerializerContext;
