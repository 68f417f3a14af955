namespace Chatbot.Dialogs.Model;

/// <summary>Where a pattern's response is said: which role and range placeholders have a value there (the validator checks them).</summary>
internal enum PatternPlace
{
    /// <summary>Anywhere; bot-wide slots and <c>{{ flow.label }}</c> (which may have no value outside a flow).</summary>
    BotWide,

    /// <summary>While a flow ends or resumes: <c>{{ resumed.label }}</c> has a value too.</summary>
    Resumed,

    /// <summary>At an ask whose answer was out of range: <c>{{ range.min }}</c>, <c>{{ range.max }}</c>.</summary>
    Range,

    /// <summary>At an ask of a file slot: <c>{{ accepted.types }}</c>, <c>{{ accepted.max_size }}</c>.</summary>
    Accepted,

    /// <summary>After an early answer was kept: <c>{{ early.value }}</c>.</summary>
    Early,

    /// <summary>After the user changed a value given before: <c>{{ corrected.value }}</c>.</summary>
    Corrected,

    /// <summary>At an ask of an enum slot: <c>{{ options.list }}</c>.</summary>
    Options,
}

/// <summary>
/// One conversation pattern as written under <c>patterns:</c>: its name, its built-in response, where it is said, and
/// whether a turn that uses it records <c>pattern:&lt;name&gt;</c> in its trace (what conversation tests can expect).
/// </summary>
internal sealed record PatternKind(string Name, string Builtin, PatternPlace Place, bool Traced, string Summary)
{
    /// <summary>Only cancel and start_over take a <c>confirm</c> response besides <c>response</c>.</summary>
    public bool HasConfirm => Name is "cancel" or "start_over";

    /// <summary>The commands a user states in words take the author's own phrases under <c>examples</c> besides the built-in ones.</summary>
    public bool TakesExamples => Name is "cancel" or "help" or "start_over" or "handoff";
}

/// <summary>
/// Responses used by the built-in conversation patterns. Each defaults to a built-in response
/// (<c>builtin.*</c>) so a bot works without writing any of them.
/// </summary>
internal sealed class PatternSettings
{
    /// <summary>
    /// Every pattern, once: the reader, the validator, the built-in responses, the conversation-test checker and the
    /// JSON Schema (kept in step by a test) all read this table.
    /// </summary>
    public static readonly IReadOnlyList<PatternKind> Table =
    [
        new("cancel", "cancelled", PatternPlace.Resumed, true, "Said when a flow is cancelled; confirm is asked first (default: the built-in question; false = cancel at once)."),
        new("help", "help", PatternPlace.BotWide, true, "Said for help when neither the step nor the flow has its own help."),
        new("start_over", "start_over", PatternPlace.BotWide, true, "Said when the user starts over; confirm is asked first while a flow is active (default: no question)."),
        new("handoff", "handoff", PatternPlace.BotWide, true, "Said when the conversation is handed to a person."),
        new("handoff_failed", "handoff_failed", PatternPlace.BotWide, true, "Said when the agent hub reports that no person could take the conversation (a handoff.status event with state failed); the bot goes on answering."),
        new("handoff_completed", "handoff_completed", PatternPlace.BotWide, true, "Said when the agent hub gives the conversation back after a person had it (a handoff.status event with state completed); the bot answers again."),
        new("correction", "correction", PatternPlace.Corrected, true, "Said when the user changed a value given before; {{ corrected.value }} shows the new value (empty for a sensitive slot)."),
        new("chitchat", "chitchat", PatternPlace.BotWide, true, "Said to small talk (greetings, 'ok' or 'yes' when nothing was asked)."),
        new("thanks", "thanks", PatternPlace.BotWide, true, "Said when the user thanks the bot ('thanks', 'danke'); small talk, traced as chitchat too."),
        new("goodbye", "goodbye", PatternPlace.BotWide, true, "Said when the user says goodbye ('bye', 'tschüss'), or no when nothing was asked; small talk, traced as chitchat too."),
        new("cannot_handle", "cannot_handle", PatternPlace.BotWide, true, "Said when nothing the bot knows fits the message."),
        new("topics", "topics", PatternPlace.BotWide, true, "Said with one button per topic (the welcome's buttons, else the routable flows, at most six) after cannot_handle when the message before was not understood either, and instead of the built-in help at the top level."),
        new("other_language", "other_language", PatternPlace.BotWide, true, "Said instead of cannot_handle, or before a question again instead of the generic reprompt, when a message nothing understood is written clearly in a language the bot does not speak ('ich brauche einen Termin' to a bot in English only)."),
        new("off_topic", "off_topic", PatternPlace.BotWide, true, "Said before the current question again when, instead of answering it, the user asks for something the bot does not cover ('can I pay with PayPal?' at 'Which size?'); no attempt is counted."),
        new("clarify", "clarify", PatternPlace.BotWide, true, "Asks which of several flows the user meant (one button each)."),
        new("switch_flow", "switch_flow", PatternPlace.BotWide, true, "Asked with Yes and No instead of the current question when the user asked, without the recognizer's confidence, for another flow ('i need to pick up my prescription' at the branch of a stock check); {{ flow.label }} names it. Yes starts it (the current flow resumes afterwards), no asks the question again, anything else answers it."),
        new("resume", "resume", PatternPlace.Resumed, false, "Said when an interrupted flow continues; {{ resumed.label }} names it."),
        new("already_running", "already_running", PatternPlace.BotWide, true, "Said before the current question again when the user asks for a flow that is already running (no attempt is counted); {{ flow.label }} names it."),
        new("finish_first", "finish_first", PatternPlace.BotWide, true, "Said before a confirmation again when, instead of answering it, the user asks for another of the bot's flows, which the confirmation's interruptions do not let in ('what are your hours?' while confirming a reservation); no attempt is counted."),
        new("recap", "recap", PatternPlace.BotWide, true, "Said before the current question again when the user asks where they were ('where was I?', 'wo war ich?'); {{ flow.label }} names the flow and {{ flow.values }} lists what the user gave so far. No attempt is counted."),
        new("needs", "needs", PatternPlace.BotWide, true, "Said before the current question again when the user asks what the bot still needs from them ('what do you need from me?', 'was brauchen Sie von mir?'); {{ flow.label }} names the flow and {{ flow.missing }} lists what it still asks for. No attempt is counted."),
        new("why_asked", "why_asked", PatternPlace.BotWide, true, "Said before the current question again when the user asks why it is asked ('why do you need that?') and the step has no help of its own; no attempt is counted."),
        new("options", "options", PatternPlace.Options, true, "Said before the current question again when the user asks which answers it takes ('what sizes do you have?', 'welche Größen gibt es?') at a question with fixed choices; {{ options.list }} lists their labels. No attempt is counted."),
        new("repeat", "repeat", PatternPlace.BotWide, true, "Said before the current question again when the user did not catch it ('what?', 'sorry?', 'wie bitte?') or sent only punctuation or emoji; no attempt is counted."),
        new("early_answer", "early_answer", PatternPlace.Early, true, "Said when a value for a question the flow asks later was kept ('tomorrow at 9:30' at another question); {{ early.value }} shows it."),
        new("exhausted", "exhausted", PatternPlace.BotWide, false, "Said when a question got no valid answer in its attempts."),
        new("error", "error", PatternPlace.BotWide, false, "Said when a step fails (a service error without on_error)."),
        new("recovered", "recovered", PatternPlace.BotWide, false, "Said when the definitions changed under a conversation that cannot go on where it was (its step or a value it had no longer fits)."),
        new("out_of_range", "out_of_range", PatternPlace.Range, false, "Said when an answer is outside the slot type's min/max; {{ range.min }} and {{ range.max }} name the range."),
        new("confirm_expected", "confirm_expected", PatternPlace.BotWide, true, "Said before a confirmation again when its answer was neither yes, no nor a correction; the attempt counts."),
        new("text_expected", "text_expected", PatternPlace.BotWide, true, "Said before a free-text question again when the answer was only a yes or no; the attempt counts."),
        new("answer_required", "answer_required", PatternPlace.BotWide, true, "Said before a free-text question again when the answer was only 'skip', 'n/a', 'none', 'keine Angabe' or 'I don't know' (and the step has no help); a question needs an answer unless its ask has optional: true, where those words skip it. The attempt counts."),
        new("time_ambiguous", "time_ambiguous", PatternPlace.BotWide, true, "Said before a time or date-time question again when the answer was an hour that may be morning or evening ('at 8'); the attempt counts."),
        new("time_missing", "time_missing", PatternPlace.BotWide, true, "Said before a date-time question again when the answer named a day but no time ('Thursday'); the day is kept for a time alone as the next answer ('at 3pm'). The attempt counts."),
        new("time_for_day", "time_for_day", PatternPlace.Early, true, "Asked instead of a date-time question when the user named its day earlier without a time ('book one for Friday'); {{ early.value }} names the day, and a time alone answers it."),
        new("day_in_span", "day_in_span", PatternPlace.Early, true, "Said before a date question again when the answer named a span of days, not one ('mid-December', 'zwischen den Jahren'); {{ early.value }} names the span, and a weekday or a day of the month alone as the next answer is read inside it. The attempt counts."),
        new("amount_ambiguous", "amount_ambiguous", PatternPlace.Options, true, "Said before a number question again when the answer named several different amounts ('1200 EUR and 50 for the taxi'); {{ options.list }} names them ('1200 or 50'), and 'the first', 'das zweite' or one of them answers. The attempt counts."),
        new("choice_ambiguous", "choice_ambiguous", PatternPlace.Options, true, "Said before a question with fixed choices again when the answer left more than one ('somewhere between central and north', 'anything but the harbour', 'nur nicht Hafen'); {{ options.list }} names the choices left ('Central Library or North Branch'), only their buttons are shown, and 'the first', 'die zweite' or one of them answers. The attempt counts."),
        new("files", "files", PatternPlace.BotWide, true, "Said when the user sends files and no step takes them."),
        new("file_expected", "file_expected", PatternPlace.Accepted, true, "Said at an ask of a file slot when the user writes instead of attaching a file."),
        new("file_type", "file_type", PatternPlace.Accepted, true, "Said when a file's type is not in the slot type's accept list; {{ accepted.types }} lists them."),
        new("file_size", "file_size", PatternPlace.Accepted, true, "Said when a file is larger than the slot type's max_size; {{ accepted.max_size }} names it."),
        // Notices the host sends when the dialogs could not run the turn (HostNotices): no turn, so no slot has a value.
        new("rate_limited", "rate_limited", PatternPlace.BotWide, false, "Sent instead of an answer when the user writes faster than the rate limit allows (RateLimits); the message is not read."),
        new("not_handled", "not_handled", PatternPlace.BotWide, false, "Sent in the built-in Web Chat when a message could not be handled (the state store down, the conversation busy); nothing of it was kept, so the user is asked to send it again."),
        new("welcome_failed", "welcome_failed", PatternPlace.BotWide, false, "Sent instead of the welcome when the conversation could not be started (the state store down, a fault); the user's first message is answered as usual once the bot is back."),
        new("state_lost", "state_lost", PatternPlace.BotWide, false, "Said before the answer when the conversation's stored state could not be read (damaged, written by something else) and the conversation starts over; the damaged state is kept aside for the operator."),
    ];

    /// <summary>Pattern names as written under <c>patterns:</c>.</summary>
    public static readonly IReadOnlyList<string> Names = [.. Table.Select(p => p.Name)];

    private readonly IReadOnlyDictionary<string, NameRef> _responses;

    /// <summary>The author's responses by pattern name; every other pattern keeps its built-in response.</summary>
    public PatternSettings(IReadOnlyDictionary<string, NameRef>? responses = null) =>
        _responses = responses ?? new Dictionary<string, NameRef>(StringComparer.Ordinal);

    /// <summary>The response of a pattern of <see cref="Table"/>: the author's, else the built-in one.</summary>
    public NameRef this[string name] => _responses.GetValueOrDefault(name) ?? Builtin(Table.First(p => p.Name == name).Builtin);

    /// <summary>
    /// The author's phrases for a command pattern (<see cref="PatternKind.TakesExamples"/>) by pattern name: "talk to a
    /// pharmacist" for <c>handoff</c>. Said as the whole message, they are that command like the built-in phrases.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText> Examples { get; init; } = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);

    /// <summary>Asked before cancelling; null = cancel without asking.</summary>
    public NameRef? CancelConfirm { get; init; } = Builtin("cancel_confirm");

    /// <summary>Asked before starting over while a flow is active; null (the default) = start over at once.</summary>
    public NameRef? StartOverConfirm { get; init; }

    public NameRef Cancelled => this["cancel"];
    public NameRef Help => this["help"];
    public NameRef StartOver => this["start_over"];
    public NameRef Handoff => this["handoff"];
    public NameRef HandoffFailed => this["handoff_failed"];
    public NameRef HandoffCompleted => this["handoff_completed"];
    public NameRef Correction => this["correction"];
    public NameRef Chitchat => this["chitchat"];
    public NameRef Thanks => this["thanks"];
    public NameRef Goodbye => this["goodbye"];
    public NameRef CannotHandle => this["cannot_handle"];
    public NameRef OffTopic => this["off_topic"];
    public NameRef Topics => this["topics"];
    public NameRef OtherLanguage => this["other_language"];
    public NameRef Clarify => this["clarify"];
    public NameRef Resume => this["resume"];
    public NameRef AlreadyRunning => this["already_running"];
    public NameRef FinishFirst => this["finish_first"];
    public NameRef Recap => this["recap"];
    public NameRef WhyAsked => this["why_asked"];
    public NameRef Needs => this["needs"];
    public NameRef SwitchFlow => this["switch_flow"];
    public NameRef Options => this["options"];
    public NameRef Repeat => this["repeat"];
    public NameRef EarlyAnswer => this["early_answer"];
    public NameRef Exhausted => this["exhausted"];
    public NameRef Error => this["error"];
    public NameRef Recovered => this["recovered"];
    public NameRef OutOfRange => this["out_of_range"];
    public NameRef ConfirmExpected => this["confirm_expected"];
    public NameRef TextExpected => this["text_expected"];
    public NameRef AnswerRequired => this["answer_required"];
    public NameRef TimeAmbiguous => this["time_ambiguous"];

    public NameRef TimeMissing => this["time_missing"];
    public NameRef TimeForDay => this["time_for_day"];

    /// <summary>At a date question whose answer named a span of days: which day in it (<c>{{ early.value }}</c>).</summary>
    public NameRef DayInSpan => this["day_in_span"];
    public NameRef AmountAmbiguous => this["amount_ambiguous"];
    public NameRef ChoiceAmbiguous => this["choice_ambiguous"];
    public NameRef Files => this["files"];
    public NameRef FileExpected => this["file_expected"];
    public NameRef FileType => this["file_type"];
    public NameRef FileSize => this["file_size"];

    /// <summary>Every pattern's response with its place (for the validator), plus the confirm questions.</summary>
    public IEnumerable<(NameRef Response, PatternPlace Place)> All() =>
        Table.Select(p => (this[p.Name], p.Place))
            .Concat(new[] { CancelConfirm, StartOverConfirm }.OfType<NameRef>().Select(r => (r, PatternPlace.BotWide)));

    internal static NameRef Builtin(string name) => new("builtin." + name, new Diagnostics.SourceSpan("<built-in>", 1, 1));
}
