using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>Everything the engine remembers between turns. Small, versioned, JSON-serialisable, no secrets.</summary>
public sealed class DialogState
{
    /// <summary>The shape version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Version of this document's shape; bump it when the shape changes and migrate on load.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>Revision of the dialog definitions the state was made with (in-flight safety on reload).</summary>
    public string? Revision { get; set; }

    /// <summary>Active flows, innermost last.</summary>
    public List<FlowFrame> Stack { get; set; } = [];

    /// <summary>Bot-wide (conversation scope) slot values.</summary>
    [JsonConverter(typeof(SlotValuesJsonConverter))]
    public Dictionary<string, JsonElement> Slots { get; set; } = [];

    /// <summary>Set once the conversation has been handed to a human; cleared when the agent hub says it is over (<see cref="Handoffs"/>).</summary>
    public bool HandedOff { get; set; }

    /// <summary>When an agent hub accepted the handoff (<c>handoff.status</c> <c>accepted</c>); the bot is silent while it holds. Null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AgentSince { get; set; }

    /// <summary>Turns run so far (picks response variants deterministically).</summary>
    public int Turn { get; set; }

    /// <summary>A question the engine asked outside any step (the cancel or start-over confirmation, another flow offered), while it is open.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PendingQuestion? Pending { get; set; }

    /// <summary>An <c>async: true</c> step (http call or generated answer) whose slow part runs outside the turn, while it runs; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PendingCall? Calling { get; set; }

    /// <summary>The user's time zone as the channel last reported it (IANA id), for turns whose activity does not carry it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; set; }

    /// <summary>
    /// The message a top-level clarifying question ("Which of these did you mean?") or an offered switch to another flow
    /// asked about, for the next turn only: the flow the user picks gets the values it names ("ein Tablet bitte" -> the
    /// order, with the tablet).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Clarified { get; set; }

    /// <summary>
    /// The flow "Do you want … instead?" offers while that question is open (<see cref="PendingQuestion.SwitchFlow"/>): a
    /// request the recognizer put nearest another flow, without a digression's confidence. The message itself is kept in
    /// <see cref="Clarified"/>, so the flow started by a yes gets the values it named.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SwitchTo { get; set; }

    /// <summary>
    /// The question a flow that answers from the bot's knowledge answered last turn ("how do I get email on my laptop?"),
    /// for the next turn only: a follow-up that names only what changes ("and on my iPad?") is asked with it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answered { get; set; }

    /// <summary>
    /// The flow that only tells (<see cref="Runtime.CompiledFlow.OnlyTells"/>) and finished at the top level last turn
    /// (the library's opening hours of the north branch), for the next turn only: a follow-up that names another value
    /// of its slots ("and central?") runs it again with that value.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Told { get; set; }

    /// <summary>
    /// The values of the buttons the turn's last reply with buttons showed at the top level (the welcome's topics, a
    /// clarifying question's flows), for the next turn only: "2", "the second one" there is that button, as if clicked.
    /// At most <see cref="MaxButtons"/>; null when the turn ended in a flow or showed no buttons.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Buttons { get; set; }

    /// <summary>
    /// How many messages in a row, up to this turn, the bot could not place at the top level (cannot_handle); 0 after any
    /// other turn. The second in a row gets the bot's topics as buttons, not only "say it differently".
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Misses { get; set; }

    /// <summary>The most button values <see cref="Buttons"/> keeps (the state stays small).</summary>
    public const int MaxButtons = 10;

    /// <summary>
    /// The bot language the user writes in when it is not the channel's (a German speaker on an English Teams client);
    /// null = the channel's. Set and cleared only by messages written clearly in one language.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; set; }

    /// <summary>The conversation's type as the channel last reported it (personal, groupChat, channel); null = personal.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationType { get; set; }

    /// <summary>The last few lines of conversation for understanding; sensitive values already masked; bounded.</summary>
    [JsonConverter(typeof(HistoryJsonConverter))]
    public List<ConversationLine> History { get; set; } = [];

    /// <summary>Room for engine data not modelled here yet; survives a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A slow step handed to the event queue: which one, until when the conversation waits for its answer, and what an <c>answer</c> step's worker needs.</summary>
public sealed class PendingCall
{
    /// <summary>The continuation's event id (<c>call:&lt;turn&gt;</c>): its answer is applied once.</summary>
    public required string Id { get; set; }

    public required string Flow { get; set; }

    public required string Step { get; set; }

    /// <summary>After this the call counts as failed: a message then takes the step's fallback instead of "still working".</summary>
    public DateTimeOffset Until { get; set; }

    /// <summary>An <c>answer</c> step's question when it is the user's words, for the worker that generates the answer (a question slot is read from the state).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Question { get; set; }

    /// <summary>An <c>answer</c> step's passages that reached the threshold: indices into the knowledge of the state's revision, best first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<int>? Passages { get; set; }

    /// <summary>The conversation's language at the step: the worker has no activity to read it from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; set; }
}

/// <summary>A yes/no question the engine asks on its own, outside the flows' steps.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PendingQuestion>))]
public enum PendingQuestion
{
    /// <summary>"Do you really want to stop?" after the user asked to cancel (stored as <c>"cancel"</c>).</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,

    /// <summary>"Do you want to start over?" after the user asked to start over while a flow was active (<c>patterns.start_over.confirm</c>; stored as <c>"start_over"</c>).</summary>
    [JsonStringEnumMemberName("start_over")]
    StartOver,

    /// <summary>"Do you want me to connect you with a person?" after a model read a handoff in the middle of a flow (stored as <c>"handoff"</c>).</summary>
    [JsonStringEnumMemberName("handoff")]
    Handoff,

    /// <summary>"Do you want to … instead?" after a doubtful request for another flow in the middle of one (<see cref="DialogState.SwitchTo"/>; stored as <c>"switch_flow"</c>).</summary>
    [JsonStringEnumMemberName("switch_flow")]
    SwitchFlow,
}

/// <summary>One active flow: where it is and what it has collected.</summary>
public sealed class FlowFrame
{
    public required string Flow { get; set; }

    /// <summary>The id the step field holds once the flow has run past its last step (it completes on the next run).</summary>
    public const string PastEnd = "#end";

    /// <summary>The step the flow waits at (ask/confirm) or is calling from; null before the first step, <see cref="PastEnd"/> after the last.</summary>
    public string? Step { get; set; }

    /// <summary>Failed attempts at the current step.</summary>
    public int Attempts { get; set; }

    /// <summary>True while a confirmation with <c>on_no: { prompt }</c> waits for what to change (after the user said no).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AwaitingChange { get; set; }

    /// <summary>
    /// The day of a date-time answer that had no time ("Thursday"), while the flow waits at that ask: a time alone as the
    /// next answer there is on that day ("at 3pm"); <c>yyyy-MM-dd</c>, with the part of the day the user named ("2026-03-05 morning", SlotValueParser.KeptDay), null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? PendingDay { get; set; }

    /// <summary>
    /// The week a date answer named alone whose day the flow refused ("next week" at a restaurant closed on its Monday),
    /// while the flow waits at that ask: <c>yyyy-MM-dd</c> of its Monday, and a weekday alone as the next answer there is
    /// in that week ("tuesday": next week's). After a span of days ("mid-December", or a month without a day: "next
    /// month", "im Januar": the day_in_span question) its first day, from which such a weekday or day of the month ("the
    /// 15th") is read. Null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? PendingWeek { get; set; }

    /// <summary>
    /// Weeks the user named for a date or date-time slot whose day is still open ("I'd like a table next week" at a
    /// restaurant closed on its Monday, "a check-up next week"), or whose day the bot took from the week ("Termin nächste
    /// Woche": its Monday): slot -> <c>yyyy-MM-dd</c> of the week's Monday. A weekday alone for that slot, an answer or a
    /// change, is in that week ("tuesday": next week's), and when the flow reaches the ask the week becomes its
    /// <see cref="PendingWeek"/>. A month said without a day ("we are moving next month", "im Januar") is kept here the
    /// same way, as its first day: a day of the month or a weekday alone later is in that month. Null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? EarlyWeeks { get; set; }

    /// <summary>
    /// The answer that named an hour that may be morning or evening ("friday at 8"), while the flow waits at that ask:
    /// "in the evening", "pm" or "abends" as the next answer reads that hour in that half of the day. Null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? PendingHour { get; set; }

    /// <summary>
    /// Days the user named for a date-time question the flow asks later, without a time ("book a new one for Friday",
    /// "tomorrow" at another question): slot -> <c>yyyy-MM-dd</c>. When the flow reaches that ask, the day becomes its
    /// <see cref="PendingDay"/> and only the time is asked. Null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? EarlyDays { get; set; }

    /// <summary>
    /// Hours that may be morning or evening the user named for a date-time or time question the flow asks later ("book a
    /// spin class thursday at 8"): slot -> the words that named it. When the flow reaches that ask, they become its
    /// <see cref="PendingHour"/> (and their day its <see cref="PendingDay"/>) and only morning or evening is asked. Null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? EarlyHours { get; set; }

    /// <summary>
    /// The values an answer left open while the flow waits at that ask, canonical: the amounts of a number answer that
    /// named several ("1200 EUR and 50 for the taxi"), the choices an enum answer left ("somewhere between central and
    /// north"). "the first", "das zweite" as the next answer is that one. Null otherwise. Stored under its first name.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonPropertyName("pendingAmounts")]
    public List<string>? PendingValues { get; set; }

    /// <summary>
    /// Slots of optional asks (<c>optional: true</c>) the user skipped ("keine Angabe"): empty, and their asks are passed
    /// like filled ones until the slot gets a value or is cleared (a correction, <c>clear</c>, <c>edit</c>); null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Skipped { get; set; }

    /// <summary>
    /// Attempts used at asks the flow has left in this run (step id -> count), so a goto back to one goes on counting
    /// (<see cref="Model.AskStep.AttemptsPerVisit"/>); null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, int>? AskAttempts { get; set; }

    /// <summary>Jumps made so far by gotos with a <c>limit</c> in this run of the flow (step id -> count); null when none.</summary>
    public Dictionary<string, int>? Jumps { get; set; }

    [JsonConverter(typeof(SlotValuesJsonConverter))]
    public Dictionary<string, JsonElement> Slots { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// True when the day of <paramref name="value"/> (a date, or a date and time: its first ten characters) lies in the week
    /// or span kept as <paramref name="week"/> (<see cref="PendingWeek"/>, <see cref="EarlyWeeks"/>: <see cref="KeptSpan"/>).
    /// </summary>
    internal static bool InWeek(string? value, string? week) =>
        KeptSpan(week) is var (first, last) && InSpan(value, first, last);

    /// <summary>
    /// A span of days as <see cref="PendingWeek"/> and <see cref="EarlyWeeks"/> keep it: <c>yyyy-MM-dd/yyyy-MM-dd</c>
    /// (ISO 8601's interval), so its last day is known when the bot names it back or reads a day in it.
    /// </summary>
    internal static string KeepSpan(DateOnly first, DateOnly last) =>
        Expressions.CanonicalText.Date(first) + "/" + Expressions.CanonicalText.Date(last);

    /// <summary>
    /// A kept week or span read back: <c>yyyy-MM-dd/yyyy-MM-dd</c> is that span; a day alone is the week whose Monday
    /// it is (weeks are kept so, and states saved before spans kept their last day hold only the first). Null when none.
    /// </summary>
    internal static (DateOnly First, DateOnly Last)? KeptSpan(string? kept)
    {
        if (kept is null) return null;
        var slash = kept.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return Expressions.CanonicalText.TryDate(kept, out var monday) ? (monday, monday.AddDays(6)) : null;
        return Expressions.CanonicalText.TryDate(kept[..slash], out var first) && Expressions.CanonicalText.TryDate(kept[(slash + 1)..], out var last) && last >= first
            ? (first, last) : null;
    }

    /// <summary>True when <paramref name="kept"/> is a span of days the user named instead of a day (not a week said as such: "next week").</summary>
    internal static bool IsSpan(string? kept) => kept is not null && kept.Contains('/', StringComparison.Ordinal) && KeptSpan(kept) is not null;

    /// <summary>True when the day of <paramref name="value"/> (a date, or a date and time) lies from <paramref name="first"/> to <paramref name="last"/>.</summary>
    internal static bool InSpan(string? value, DateOnly first, DateOnly last) =>
        value is { Length: >= 10 } && Expressions.CanonicalText.TryDate(value[..10], out var day) && day >= first && day <= last;

    /// <summary>Forgets what belonged to the step the flow waited at (its attempts and half-given answers): it moved on or starts again.</summary>
    internal void ForgetStep()
    {
        Attempts = 0;
        AwaitingChange = false;
        PendingDay = null;
        PendingWeek = null;
        PendingHour = null;
        PendingValues = null;
    }
}
