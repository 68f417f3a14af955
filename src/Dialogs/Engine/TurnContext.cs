using System.Text.Json;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>Everything one turn works on: the bot snapshot, a private copy of the state, the replies so far, the trace.</summary>
internal sealed class TurnContext(CompiledBot bot, DialogState state, string language, DateTimeOffset now, TurnTrace trace, TimeZoneInfo? timeZone = null)
{
    public CompiledBot Bot { get; } = bot;
    public DialogState State { get; } = state;
    public string Language { get; } = language;
    public DateTimeOffset Now { get; } = now;

    /// <summary>The zone dates and times of this conversation are read and shown in: the user's, else the bot's, else UTC.</summary>
    public TimeZoneInfo TimeZone { get; } = timeZone ?? bot.TimeZone;

    // Built once: every input is fixed for the turn, and the interpreter reads it per word in places (the locale was
    // split again on each read).
    /// <summary>How values the user typed are read this turn.</summary>
    public SlotParseContext UserParse => _userParse ??= SlotParseContext.For(Language, Now, TimeZone) with { MonthFirst = SlotParseContext.MonthFirstIn(Locale) };
    private SlotParseContext? _userParse;

    /// <summary>The channel's locale this turn (<c>en-US</c>), null when it reports none: how the user writes "12/09".</summary>
    public string? Locale { get; init; }

    /// <summary>How canonical values (commands, service data) are read this turn.</summary>
    public SlotParseContext CanonicalParse => SlotParseContext.Canonical(Now, TimeZone);
    public TurnTrace Trace { get; } = trace;
    public List<Reply> Replies { get; } = [];

    /// <summary>When the turn's model calls must be done (<see cref="TurnInput.AnswerBy"/>); null = no limit.</summary>
    public DateTimeOffset? AnswerBy { get; init; }

    /// <summary>Events this turn hands to the queue (slow steps' calls); timers are added when the turn ends.</summary>
    public List<ScheduledEvent> Scheduled { get; } = [];

    /// <summary>The answer of the slow step the flow waits at, once a <c>chatbot.continue</c> event (or its deadline) brought it; consumed by that step.</summary>
    public CallAnswer? Answered { get; set; }

    /// <summary>Keys the turn's <c>remember</c> steps registered (<see cref="TurnOutcome.Remembered"/>).</summary>
    public List<RememberedKey> Remembered { get; } = [];
    public int Gotos { get; set; }
    public int Steps { get; set; }

    /// <summary>What the user typed this turn (null for a click or a start); the question of an <c>answer</c> step.</summary>
    public string? UserText { get; set; }

    /// <summary>
    /// The question answered last turn when this turn's message follows up on it ("and on my iPad?"): an <c>answer</c>
    /// step reads the two together. Null otherwise.
    /// </summary>
    public string? FollowsUp { get; set; }

    /// <summary>
    /// True when this turn's question went to the flow that answers from the bot's knowledge because nothing placed it
    /// ("do you offer acupuncture?"): its <c>answer</c> step sends a passage only when the texts have every word of the question.
    /// </summary>
    public bool Unplaced { get; set; }

    /// <summary>
    /// True when the model read this turn's message at an optional question as the user not answering it ("nope, not
    /// giving that out": help about dont_know): the question is skipped, as "skip" and "I don't know" skip it.
    /// </summary>
    public bool SkipsOptional { get; set; }

    /// <summary>
    /// The date-time slot this turn answered with a time alone on the day the user had given (<see cref="FlowFrame.PendingDay"/>),
    /// and that day: when a rule of the flow then clears the slot ("7pm" is outside the opening hours), the day stays the
    /// user's and only the time is asked again. Null otherwise.
    /// </summary>
    internal (string Slot, string Day)? TimeOnKeptDay { get; set; }

    /// <summary>
    /// The message a clarifying question last turn asked about (<see cref="DialogState.Clarified"/>, taken off the state for
    /// this turn): when this turn's message is clarified again ("Termin" after "Reifenwechsel bitte" asks: booking or
    /// cancelling?), the values of both go to the flow the user picks. Null otherwise.
    /// </summary>
    internal string? ClarifiedBefore { get; set; }

    /// <summary>
    /// The other flow this turn's message asks for at a confirmation that does not let it in ("what are your hours?"
    /// while confirming a reservation): the user hears why the confirmation comes again (<c>finish_first</c>). Null otherwise.
    /// </summary>
    internal string? WantedElsewhere { get; set; }

    /// <summary>
    /// The flow that answers from the bot's knowledge when this turn's question goes to it at a confirmation whose
    /// default interruptions let no other flow in ("do you have a courtesy car?" while confirming a booking): a passage
    /// answers it clearly, and answering leaves nothing, so the confirmation comes again after it. Null otherwise.
    /// </summary>
    internal string? AnsweredAside { get; set; }

    /// <summary>The button values the previous turn showed at the top level (<see cref="DialogState.Buttons"/>, taken off the state for this turn); null when none.</summary>
    public IReadOnlyList<string>? ShownButtons { get; set; }

    /// <summary>
    /// The last <see cref="AnswerStepRunner.RankAsync"/> of this turn and what it was asked for: the interpreter ranks the
    /// passages for a question before the answer step sends one, and the step does not score them again.
    /// </summary>
    internal (AnswerStep Step, string Question, bool Unplaced, string Language, AnswerStepRunner.Ranking Ranking)? Ranked { get; set; }

    /// <summary>The last <see cref="InterruptionScope.For"/> of this turn and the step it was for (asked many times a turn).</summary>
    internal (bool Pending, string? Flow, StepDefinition? Step, InterruptionScope Scope)? Interruptions { get; set; }

    /// <summary>
    /// The flow whose service call failed this turn and went to its <c>on_error</c> step: when that flow ends in this turn
    /// and was called by another, the caller ends too (it has no data to go on with); a later call that succeeds clears it.
    /// </summary>
    internal FlowFrame? FailedCall { get; set; }

    /// <summary>
    /// True when the recognizer placed this turn's message among the things the bot does not cover and nothing else placed
    /// it ("what's my balance" to a bank without a balance flow): rewording will not help, so the bot's topics come at once.
    /// </summary>
    internal bool OutOfScope { get; set; }

    /// <summary>Messages in a row not understood before this turn (<see cref="DialogState.Misses"/>, taken off the state for this turn).</summary>
    public int Misses { get; set; }

    /// <summary>The files the user attached to this turn's message; a file slot's value can only be one of these.</summary>
    public IReadOnlyList<InputFile> Files { get; set; } = [];

    /// <summary>The values kept this turn for questions the flow asks later, as shown to the user (<c>{{ early.value }}</c>).</summary>
    public string? EarlyValue { get; set; }

    /// <summary>The values the user changed this turn, as shown to the user (<c>{{ corrected.value }}</c>); null when one is sensitive.</summary>
    public string? CorrectedValue { get; set; }

    /// <summary>
    /// A slot whose value in this turn's message was outside its type's range before its question was asked ("can we
    /// come with 15 people?" starting the reservation): when the flow reaches that question in this turn, the
    /// <c>out_of_range</c> response goes first, so the user hears why the number was not taken.
    /// </summary>
    public string? RefusedOutOfRange { get; set; }

    /// <summary>
    /// A slot whose value in this turn's message broke one of its rules before its question was asked ("book a table
    /// for 4 on monday": "We are closed on Mondays. Which other day would suit you?"): when the flow reaches that
    /// question in this turn and the rule's message, said already, asks itself, the message is the question.
    /// </summary>
    public string? RefusedByRule { get; set; }

    /// <summary>
    /// True once this turn's message was read as the flow's period, both days in one message ("from friday to monday"):
    /// a date-time's first day alone then asks only its time on that day.
    /// </summary>
    public bool PeriodRead { get; set; }

    /// <summary>The enum slot whose choices <c>{{ options.list }}</c> lists this turn when no question asks for it (a slot a step set); null: the asked one.</summary>
    public string? OptionsSlot { get; set; }

    /// <summary>True when the user's text answered a sensitive slot (masked in history).</summary>
    public bool SensitiveInput { get; set; }

    public FlowFrame? Top => State.Stack.Count > 0 ? State.Stack[^1] : null;

    public CompiledFlow? TopFlow => Top is { } f ? Bot.Flows.GetValueOrDefault(f.Flow) : null;

    public StepDefinition? CurrentStep => TopFlow?.Step(Top!.Step);

    /// <summary>True while the bot waits for a yes or no: at a confirm step or with the cancel question open.</summary>
    public bool AwaitsYesNo => State.Pending is not null || CurrentStep is ConfirmStep;

    /// <summary>True while a confirmation asked "what would you like to change?" (<c>on_no: { prompt }</c>) and waits for the changes.</summary>
    public bool AwaitsChange => State.Pending is null && Top is { AwaitingChange: true } && CurrentStep is ConfirmStep { ChangePrompt: not null };

    /// <summary>Evaluates an author expression over the slot values visible from the top frame.</summary>
    public ExprValue Evaluate(ExpressionText text) => ExpressionEvaluator.Evaluate(Bot.Expression(text), ExpressionContext);

    /// <summary>What expressions read this turn: the visible slots (typed by their slot types), now, and the conversation's zone.</summary>
    public ExpressionContext ExpressionContext => new(SlotExpr, Now, TimeZone, State.ConversationType);

    /// <summary>
    /// An expression as the flow of <paramref name="frame"/> sees it: a validation rule of a caller's slot corrected from
    /// its sub-flow reads the caller's slots, not the sub-flow's.
    /// </summary>
    public ExprValue Evaluate(ExpressionText text, FlowFrame? frame) => frame == Top
        ? Evaluate(text)
        : ExpressionEvaluator.Evaluate(Bot.Expression(text), new ExpressionContext(name => SlotExpr(frame, name), Now, TimeZone, State.ConversationType));

    /// <summary>
    /// An expression as <see cref="Evaluate(ExpressionText, FlowFrame?)"/> reads it, with <paramref name="slot"/> read as
    /// <paramref name="value"/>: a rule checked against a value the state never holds (a number too large to keep).
    /// </summary>
    public ExprValue EvaluateWith(ExpressionText text, FlowFrame? frame, string slot, ExprValue value) =>
        ExpressionEvaluator.Evaluate(Bot.Expression(text), new ExpressionContext(name => name == slot ? value : SlotExpr(frame, name), Now, TimeZone, State.ConversationType));

    private ExprValue SlotExpr(string name) => SlotExpr(Top, name);

    private ExprValue SlotExpr(FlowFrame? frame, string name) =>
        Value(frame, name) is { } v && Bot.FindSlot(frame?.Flow, name) is { } slot ? SlotValues.ToExpr(v, Bot.TypeOf(slot), TimeZone) : ExprValue.Unset;

    /// <summary>The slot value visible from the top frame (own slots, then bot-wide).</summary>
    public JsonElement? Value(string slot) => Value(Top, slot);

    public JsonElement? Value(FlowFrame? frame, string slot)
    {
        if (frame is not null && frame.Slots.TryGetValue(slot, out var v)) return v;
        return State.Slots.TryGetValue(slot, out var b) ? b : null;
    }

    /// <summary>Stores a value where the slot lives: the frame's flow if it declares it, else bot-wide.</summary>
    public void Set(FlowFrame? frame, string slot, JsonElement? value)
    {
        var target = frame is not null && Bot.Flows.TryGetValue(frame.Flow, out var f) && f.Definition.Slots.ContainsKey(slot) ? frame.Slots : State.Slots;
        if (value is { } v) target[slot] = v;
        else target.Remove(slot);
        // A value, or clearing the slot to ask again, ends a skip ("keine Angabe" at an optional ask) and a day kept for it.
        if (frame?.Skipped is { } skipped && skipped.Remove(slot) && skipped.Count == 0) frame.Skipped = null;
        if (Top?.EarlyDays is { } days && days.Remove(slot) && days.Count == 0) Top.EarlyDays = null;
        if (Top?.EarlyHours is { } hours && hours.Remove(slot) && hours.Count == 0) Top.EarlyHours = null;
        // A day inside the week kept for the slot keeps it ("next week tuesday", then "actually wednesday" at the
        // confirmation is next week's Wednesday too); any other value ends it.
        if (value is { } day && Top?.EarlyWeeks is { } weeks && weeks.TryGetValue(slot, out var week)
            && !FlowFrame.InWeek(day.ValueKind == JsonValueKind.String ? day.GetString() : null, week)
            && weeks.Remove(slot) && weeks.Count == 0) Top.EarlyWeeks = null;
    }
}
