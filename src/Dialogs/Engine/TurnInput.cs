using System.Text.Json;

namespace Chatbot.Dialogs.Engine;

/// <summary>What happened this turn, as the engine needs to know it.</summary>
public sealed class TurnInput
{
    /// <summary>Why the turn runs: a user message, a conversation that just started (welcome), or an event.</summary>
    public required TurnKind Kind { get; init; }

    /// <summary>The user's text, already cleaned of channel artefacts (bot mentions).</summary>
    public string? Text { get; init; }

    /// <summary>A button payload or card submission; resolves without understanding when it matches.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The user's locale (e.g. <c>en-US</c>); the bot's default language when absent.</summary>
    public string? Locale { get; init; }

    /// <summary>
    /// The user's time zone as the channel reports it (the activity's <c>localTimezone</c>, an IANA id such as
    /// <c>Europe/Berlin</c>); overrides the bot's <c>time_zone</c> for this turn. Null or unknown = the bot's zone.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The state saved after the previous turn; null for a new conversation. Given only <see cref="StateJson"/>, it is
    /// read from that JSON on first use.
    /// </summary>
    public DialogState? State
    {
        get => _state ??= StateJson is { } json ? DialogStateJson.Deserialize(json.Span) : null;
        init => _state = value;
    }

    /// <summary>
    /// The same saved state as <see cref="DialogStateJson"/> wrote it, when the host kept it as JSON: the engine reads it
    /// instead of <see cref="State"/>, so the state is neither serialised for the engine nor deserialised by the host.
    /// </summary>
    public ReadOnlyMemory<byte>? StateJson { get; init; }

    private DialogState? _state;

    /// <summary>When the turn happens (from the host's TimeProvider), for dates and expiry.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// When the turn must be done with the model, on the clock of the TimeProvider the model clients use (the host's
    /// turn deadline less its reserve for saving the state and sending): every model call of the turn — understanding,
    /// phrasing, a knowledge answer — waits at most until then, and is not made with too little left; its fallback
    /// answers instead (<see cref="Understanding.TurnTime"/>). Null = no turn-wide limit (each call has its own timeout).
    /// </summary>
    public DateTimeOffset? AnswerBy { get; init; }

    /// <summary>Files and images the user sent with the message (the channel's attachments, not its HTML copy of the text).</summary>
    public IReadOnlyList<InputFile> Files { get; init; } = [];

    /// <summary>
    /// What kind of conversation this is, as the channel says (Teams: <c>personal</c>, <c>groupChat</c>, <c>channel</c>);
    /// null when the channel does not say. Dialogs read it as <c>conversation_type</c>.
    /// </summary>
    public string? ConversationType { get; init; }

    /// <summary>For <see cref="TurnKind.Event"/>: the event's name (an entry of the <c>events:</c> section).</summary>
    public string? EventName { get; init; }

    /// <summary>For <see cref="TurnKind.Event"/>: the event's payload, whose fields fill the event's inputs.</summary>
    public JsonElement? EventPayload { get; init; }

    /// <summary>
    /// For <see cref="TurnKind.Event"/> in conversation tests (<c>given:</c>): instead of an event, the conversation is put
    /// into this flow with these values already given, and the flow runs to its next question. Refused like an event.
    /// </summary>
    internal GivenValues? Given { get; init; }
}

/// <summary>Why a turn runs.</summary>
public enum TurnKind
{
    /// <summary>The user said or clicked something.</summary>
    Message,

    /// <summary>A user joined the conversation: the bot greets.</summary>
    ConversationStart,

    /// <summary>Another system reported something (e.g. an order shipped): the bot speaks first (<c>events:</c>).</summary>
    Event,

    /// <summary>
    /// The client joined and said the user's language (Web Chat's <c>webchat/join</c>; <see cref="TurnInput.Locale"/> is
    /// that language): a bot with several languages keeps it as the conversation's, and a new conversation is greeted
    /// in it. Nothing else happens: no reply in a conversation that has begun, nor from a bot without a welcome.
    /// </summary>
    Join,
}
