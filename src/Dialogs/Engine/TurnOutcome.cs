using System.Text.Json;

namespace Chatbot.Dialogs.Engine;

/// <summary>The result of one turn: what to say and what to remember.</summary>
public sealed class TurnOutcome
{
    /// <summary>The state to save; the same instance content as the input when nothing changed.</summary>
    public required DialogState State { get; init; }

    /// <summary>
    /// <see cref="State"/> as <see cref="DialogStateJson"/> writes it, when the engine has it at hand (it serialises the
    /// state once per turn to see whether it changed): the host can store these bytes instead of serialising again.
    /// </summary>
    public ReadOnlyMemory<byte>? StateJson { get; init; }

    /// <summary>False when the turn changed nothing worth saving (lets the host skip the write).</summary>
    public bool StateChanged { get; init; } = true;

    /// <summary>The replies, in order.</summary>
    public required IReadOnlyList<Reply> Replies { get; init; }

    /// <summary>What happened inside the turn, for traces and author tests.</summary>
    public TurnTrace Trace { get; init; } = new();

    /// <summary>Events to deliver back to this conversation later (reminders, expiry), enqueued by the host after the commit.</summary>
    public IReadOnlyList<ScheduledEvent> Scheduled { get; init; } = [];

    /// <summary>Keys the turn's <c>remember</c> steps registered for this conversation, in order; the host writes them to its index.</summary>
    public IReadOnlyList<RememberedKey> Remembered { get; init; } = [];

    /// <summary>Set when an event was refused: <see cref="State"/> is then the state as it was, with no replies.</summary>
    public EventRejection? Rejection { get; init; }

    /// <summary>What was wrong with the stored state the turn was given, if anything (<see cref="StoredStateFault"/>).</summary>
    public StoredStateFault StoredState { get; init; }
}

/// <summary>A key a <c>remember</c> step registered: the rendered key, and whether it may take the key from another conversation.</summary>
public sealed record RememberedKey(string Key, bool Replace);

/// <summary>One message from the bot.</summary>
public sealed record Reply
{
    /// <summary>The id of the response in the definitions that produced it (for tests and traces).</summary>
    public string? ResponseId { get; init; }

    public string? Text { get; init; }

    /// <summary>
    /// True when <see cref="Text"/> is Markdown the author wrote (a response or knowledge text with emphasis, a link, a
    /// list): channels render it, and the values filled into it are escaped so they show as typed. False: plain text,
    /// which every channel shows as written, so a value the user gave and the reply repeats never becomes a link, an
    /// image or HTML.
    /// </summary>
    public bool Markdown { get; init; }

    /// <summary>Quick replies (suggested actions) that the user can click.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Cards to attach (content type + JSON content, e.g. a hero card).</summary>
    public IReadOnlyList<ReplyCard> Cards { get; init; } = [];

    /// <summary>Inputs bound to slots (a response's <c>form:</c>); null when the reply asks nothing that way.</summary>
    public ReplyForm? Form { get; init; }

    /// <summary>True when the bot waits for the user's answer after this reply (maps to inputHint expectingInput).</summary>
    public bool ExpectsInput { get; init; }

    /// <summary>Set on the reply that hands the conversation to a human agent.</summary>
    public bool Handoff { get; init; }

    /// <summary>
    /// On the handoff reply: what an agent hub needs to take over (the channel gets it as a <c>handoff.initiate</c> event
    /// with a transcript); null on every other reply.
    /// </summary>
    public HandoffContext? HandoffContext { get; init; }

    /// <summary>
    /// The language the reply is written in (the turn's, e.g. "de"); null for replies the engine did not write. The
    /// channel message carries it as its locale when it differs from the user's (a German conversation in an en-US browser).
    /// </summary>
    public string? Language { get; init; }
}

/// <summary>
/// What the bot hands to a person with the conversation: the task that was running (its id and label), what the user had
/// given for it ("Policy: TP123456, Claim type: theft"; sensitive values never), and the last lines of the conversation,
/// sensitive values masked.
/// </summary>
public sealed record HandoffContext(string? Flow, string? FlowLabel, string? Given, IReadOnlyList<Understanding.ConversationLine> Transcript);

/// <summary>A button: what it shows, and the value sent back when it is clicked.</summary>
public sealed record ReplyButton(string Title, string Value);

/// <summary>An attachment such as a hero card or an adaptive card.</summary>
public sealed record ReplyCard(string ContentType, JsonElement Content)
{
    /// <summary>The Bot Framework's hero card (title, text, image, buttons).</summary>
    public const string HeroContentType = "application/vnd.microsoft.card.hero";
}

/// <summary>Facts about a turn for traces and tests; no user text unless explicitly opted in elsewhere.</summary>
public sealed class TurnTrace
{
    /// <summary>How the input was understood: <c>none</c>, <c>fast</c>, <c>keyword</c>, <c>embedded</c>, <c>llm</c>, <c>fallback</c>.</summary>
    public string Path { get; set; } = "none";

    public string? FlowId { get; set; }
    public string? StepId { get; set; }

    /// <summary>
    /// Requests waiting to start after the flow that runs (the second of two in one message: "… and also reserve a book"),
    /// kept in the conversation state as flows that have not run yet; the next to start first.
    /// </summary>
    public List<string> Waiting { get; } = [];

    public List<string> CommandsAccepted { get; } = [];
    public List<string> CommandsRejected { get; } = [];
    public List<string> Events { get; } = [];

    /// <summary>The recognizer's best candidate scores (flows, patterns, out of scope), best first, at most three; empty on the fast path.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scores { get; set; } = [];

    public int LlmCalls { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public TimeSpan UnderstandingLatency { get; set; }

    /// <summary>Model calls (understanding, phrasing, knowledge answers) skipped or cut short because the turn's time ran out (<see cref="TurnInput.AnswerBy"/>).</summary>
    public int ModelOutOfTime { get; set; }
}
