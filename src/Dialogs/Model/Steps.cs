using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>One step of a flow. <see cref="Id"/> is the author's id or an index-based one (<c>#3</c>).</summary>
internal abstract class StepDefinition
{
    public required string Id { get; init; }

    /// <summary>True when the author wrote the id (only those can be goto targets).</summary>
    public bool ExplicitId { get; init; }
    public required SourceSpan Span { get; init; }

    /// <summary>The step kind as written in YAML (<c>ask</c>, <c>say</c>, …).</summary>
    public abstract string Kind { get; }
}

/// <summary>A validation rule of an ask: an expression that must hold, and the response sent when it does not.</summary>
internal sealed record ValidationRule(ExpressionText Rule, NameRef Message);

/// <summary>Expression source text with its position.</summary>
internal sealed record ExpressionText(string Text, SourceSpan Span);

/// <summary>Text with <c>{{ slot }}</c> placeholders and its position.</summary>
internal sealed record TemplateText(string Text, SourceSpan Span);

/// <summary>Asks for a slot unless it is already filled.</summary>
internal sealed class AskStep : StepDefinition
{
    public override string Kind => "ask";
    public required NameRef Slot { get; init; }
    public required NameRef Response { get; init; }
    public NameRef? Reprompt { get; init; }
    public IReadOnlyList<ValidationRule> Validation { get; init; } = [];

    /// <summary>Null = the bot's default (<see cref="BotLimits.MaxAttempts"/>).</summary>
    public int? MaxAttempts { get; init; }
    public SourceSpan? MaxAttemptsSpan { get; init; }

    /// <summary>Where to go when attempts run out: a step id or <c>end</c>; null = the exhausted pattern then end.</summary>
    public NameRef? OnExhausted { get; init; }
    public NameRef? Help { get; init; }

    /// <summary>What may interrupt this ask; null = everything (<see cref="InterruptionMode.All"/>).</summary>
    public InterruptionSettings? Interruptions { get; init; }

    /// <summary><c>remind_after</c>: one reminder when the user has been silent this long at this ask; null = none.</summary>
    public TimeSpan? RemindAfter { get; init; }

    /// <summary><c>remind</c>: the reminder's response; null = the built-in one.</summary>
    public NameRef? Remind { get; init; }

    /// <summary>
    /// <c>from_opening: true</c> (a text slot only): the message that started the flow is the answer when it says more
    /// than the flow's examples ("the printer on floor 2 is jammed" for a problem description), so it is not asked.
    /// </summary>
    public bool FromOpening { get; init; }
    public SourceSpan? FromOpeningSpan { get; init; }

    /// <summary>
    /// <c>optional: true</c>: "skip", "none", "keine Angabe", "weiß nicht" (the words that get <c>answer_required</c> at a
    /// required question) leave the slot empty and the flow goes on; the ask is then passed like a filled one.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>
    /// <c>attempts_per_visit: true</c>: each time a <c>goto</c> or <c>branch</c> sends the flow back here, the attempts
    /// start anew and the return counts none (a loop that asks again on purpose: "another item?"). By default the
    /// attempts at an ask count for the whole run of the flow, and being sent back counts as one.
    /// </summary>
    public bool AttemptsPerVisit { get; init; }
}

/// <summary>Sends a response.</summary>
internal sealed class SayStep : StepDefinition
{
    public override string Kind => "say";
    public required NameRef Response { get; init; }
}

/// <summary>Asks a yes/no question.</summary>
internal sealed class ConfirmStep : StepDefinition
{
    public override string Kind => "confirm";
    public required NameRef Response { get; init; }

    /// <summary>Null = next step.</summary>
    public NameRef? OnYes { get; init; }

    /// <summary>Null = the first step when <see cref="Edit"/> is set, else end of flow (unless <see cref="ChangePrompt"/> is set).</summary>
    public NameRef? OnNo { get; init; }

    /// <summary><c>on_no: { prompt }</c>: after "no" the bot asks this and waits for corrections, then confirms again.</summary>
    public NameRef? ChangePrompt { get; init; }

    /// <summary><c>on_no: { reprompt }</c>: sent when the answer to <see cref="ChangePrompt"/> changes nothing it understood.</summary>
    public NameRef? ChangeReprompt { get; init; }

    /// <summary>A correction at this confirmation re-runs the flow from this step (branches, HTTP checks) before confirming again.</summary>
    public NameRef? OnChange { get; init; }

    /// <summary>Slots cleared on "no", so their asks run again.</summary>
    public IReadOnlyList<NameRef> Edit { get; init; } = [];
    public int? MaxAttempts { get; init; }
    public SourceSpan? MaxAttemptsSpan { get; init; }
    public NameRef? OnExhausted { get; init; }
    public NameRef? Help { get; init; }

    /// <summary>What may interrupt this confirmation; null = cancel, help, handoff and corrections of the confirmed slots.</summary>
    public InterruptionSettings? Interruptions { get; init; }
}

/// <summary>What may interrupt an ask or a confirmation (<c>interruptions: all | none | [names]</c>).</summary>
internal sealed record InterruptionSettings(InterruptionMode Mode, IReadOnlyList<NameRef> Names, SourceSpan Span)
{
    /// <summary>Pattern names a list may hold besides routable flow ids.</summary>
    public static readonly IReadOnlyList<string> PatternNames = ["cancel", "help", "handoff", "start_over", "chitchat", "correction"];
}

/// <summary>How an <see cref="InterruptionSettings"/> was written.</summary>
internal enum InterruptionMode
{
    /// <summary><c>all</c>: every global pattern, every routable flow, corrections.</summary>
    All,

    /// <summary><c>none</c>: only answers to the step itself.</summary>
    None,

    /// <summary>A list of pattern names and flow ids.</summary>
    Listed,
}

/// <summary>One case of a branch.</summary>
internal sealed record BranchCase(ExpressionText Condition, NameRef Goto);

/// <summary>Goes to the first case whose condition holds, else to <see cref="Else"/> (or the next step).</summary>
internal sealed class BranchStep : StepDefinition
{
    public override string Kind => "branch";
    public IReadOnlyList<BranchCase> Cases { get; init; } = [];
    public NameRef? Else { get; init; }
}

/// <summary>One assignment of a set step.</summary>
internal sealed record SlotAssignment(NameRef Slot, ExpressionText Value);

/// <summary>Assigns slots from expressions.</summary>
internal sealed class SetStep : StepDefinition
{
    public override string Kind => "set";
    public IReadOnlyList<SlotAssignment> Assignments { get; init; } = [];
}

/// <summary>Runs a sub-flow and returns; inputs map child slot &lt;- expression, outputs map parent slot &lt;- child slot.</summary>
internal sealed class CallStep : StepDefinition
{
    public override string Kind => "call";
    public required NameRef Flow { get; init; }
    public IReadOnlyList<SlotAssignment> Inputs { get; init; } = [];
    public IReadOnlyList<(NameRef Parent, NameRef Child)> Outputs { get; init; } = [];
}

/// <summary>
/// A step whose slow part can run after the turn (<c>async: true</c>): the turn says <see cref="Wait"/>, the event
/// queue runs the slow part, and the flow goes on from its result in a new turn (<c>Engine.SlowSteps</c>).
/// </summary>
internal abstract class DeferrableStep : StepDefinition
{
    /// <summary><c>async: true</c>: the slow part runs after the turn, from the event queue; its reply comes as a proactive message.</summary>
    public bool Async { get; init; }

    /// <summary><c>wait</c>: said at once when the slow part is handed to the queue ("One moment…"); null = typing only.</summary>
    public NameRef? Wait { get; init; }
}

/// <summary>Calls a declared HTTP service and maps the JSON answer into slots.</summary>
internal sealed class HttpStep : DeferrableStep
{
    public override string Kind => "http";
    public required NameRef Service { get; init; }
    public string Method { get; init; } = "GET";

    /// <summary>Path below the service's base URL, with <c>{{ slot }}</c> placeholders (values are URL-escaped).</summary>
    public string Path { get; init; } = "";
    public SourceSpan PathSpan { get; init; }

    /// <summary>The JSON body as written in YAML; null = no body.</summary>
    public JsonTemplate? Body { get; init; }

    /// <summary>Headers of this step (they win over the service's of the same name): <c>{ config: Key }</c> or a template over slots.</summary>
    public IReadOnlyList<(string Name, SettingValue Value)> Headers { get; init; } = [];

    /// <summary>Template of the <c>Idempotency-Key</c> header; POST and PATCH are retried only with one.</summary>
    public TemplateText? IdempotencyKey { get; init; }

    /// <summary>Null = the service's timeout.</summary>
    public TimeSpan? Timeout { get; init; }
    public int? Retry { get; init; }

    /// <summary>Null = the service's (or the default) retry conditions.</summary>
    public RetryConditions? RetryOn { get; init; }

    /// <summary>Slot &lt;- JSON path (<c>$.status</c>) of a 2xx answer.</summary>
    public IReadOnlyList<(NameRef Slot, string Path, SourceSpan Span)> Result { get; init; } = [];

    /// <summary>Slot &lt;- JSON path of the body of an answer that is not 2xx (before <c>on_status</c> or <c>on_error</c>).</summary>
    public IReadOnlyList<(NameRef Slot, string Path, SourceSpan Span)> ErrorResult { get; init; } = [];

    /// <summary>Where an answer with a given status goes (exact codes before classes); the rest: 2xx next step, else <see cref="OnError"/>.</summary>
    public IReadOnlyList<(StatusPattern Status, NameRef Target)> OnStatus { get; init; } = [];

    /// <summary>Null = the error pattern then end of flow.</summary>
    public NameRef? OnError { get; init; }

    /// <summary>The <c>on_status</c> target for a status: an exact code wins over a class; null when none is written.</summary>
    public NameRef? RouteFor(int status) =>
        OnStatus.FirstOrDefault(r => !r.Status.IsClass && r.Status.Matches(status)).Target
        ?? OnStatus.FirstOrDefault(r => r.Status.IsClass && r.Status.Matches(status)).Target;
}

/// <summary>Hands the conversation to a human.</summary>
internal sealed class HandoffStep : StepDefinition
{
    public override string Kind => "handoff";
    public NameRef? Response { get; init; }
}

/// <summary>Ends the flow (and returns to its caller or the interrupted flow).</summary>
internal sealed class EndStep : StepDefinition
{
    public override string Kind => "end";
    public NameRef? Response { get; init; }
}

/// <summary>Jumps to another step of the same flow (counted per turn).</summary>
internal sealed class GotoStep : StepDefinition
{
    public override string Kind => "goto";
    public required NameRef Target { get; init; }

    /// <summary>How often this goto may jump in one run of the flow; then it goes to <see cref="OnLimit"/>. Null = no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>Where to go once <see cref="Limit"/> jumps were made: a step id, <c>end</c> or <c>handoff</c>; null = the next step.</summary>
    public NameRef? OnLimit { get; init; }

    /// <summary>Highest <c>limit</c> an author may set.</summary>
    public const int LimitCeiling = 10;
}

/// <summary>
/// Registers a key (<c>order:{{ order_id }}</c>) for this conversation, so another system can address its events by
/// the key instead of the conversation id (docs/events.md).
/// </summary>
internal sealed class RememberStep : StepDefinition
{
    public override string Kind => "remember";

    /// <summary>The key: a literal scope (<c>order:</c>) followed by text with <c>{{ slot }}</c> placeholders.</summary>
    public required TemplateText Key { get; init; }

    /// <summary>True: a key another conversation holds moves to this one (last writer wins); false: the first holder keeps it.</summary>
    public bool Replace { get; init; }
}

/// <summary>Clears slots, so the asks for them run again.</summary>
internal sealed class ClearStep : StepDefinition
{
    public override string Kind => "clear";
    public IReadOnlyList<NameRef> Slots { get; init; } = [];
}
