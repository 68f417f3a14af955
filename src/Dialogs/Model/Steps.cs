using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>One step of a flow. <see cref="Id"/> is the author's id or an index-based one (<c>#3</c>).</summary>
public abstract class StepDefinition
{
    public required string Id { get; init; }

    /// <summary>True when the author wrote the id (only those can be goto targets).</summary>
    public bool ExplicitId { get; init; }
    public required SourceSpan Span { get; init; }

    /// <summary>The step kind as written in YAML (<c>ask</c>, <c>say</c>, …).</summary>
    public abstract string Kind { get; }
}

/// <summary>A validation rule of an ask: an expression that must hold, and the response sent when it does not.</summary>
public sealed record ValidationRule(ExpressionText Rule, NameRef Message);

/// <summary>Expression source text with its position.</summary>
public sealed record ExpressionText(string Text, SourceSpan Span);

/// <summary>Asks for a slot unless it is already filled.</summary>
public sealed class AskStep : StepDefinition
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
}

/// <summary>Sends a response.</summary>
public sealed class SayStep : StepDefinition
{
    public override string Kind => "say";
    public required NameRef Response { get; init; }
}

/// <summary>Asks a yes/no question.</summary>
public sealed class ConfirmStep : StepDefinition
{
    public override string Kind => "confirm";
    public required NameRef Response { get; init; }

    /// <summary>Null = next step.</summary>
    public NameRef? OnYes { get; init; }

    /// <summary>Null = the first step when <see cref="Edit"/> is set, else end of flow.</summary>
    public NameRef? OnNo { get; init; }

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
public sealed record InterruptionSettings(InterruptionMode Mode, IReadOnlyList<NameRef> Names, SourceSpan Span)
{
    /// <summary>Pattern names a list may hold besides routable flow ids.</summary>
    public static readonly IReadOnlyList<string> PatternNames = ["cancel", "help", "handoff", "start_over", "chitchat", "correction"];
}

/// <summary>How an <see cref="InterruptionSettings"/> was written.</summary>
public enum InterruptionMode
{
    /// <summary><c>all</c>: every global pattern, every routable flow, corrections.</summary>
    All,

    /// <summary><c>none</c>: only answers to the step itself.</summary>
    None,

    /// <summary>A list of pattern names and flow ids.</summary>
    Listed,
}

/// <summary>One case of a branch.</summary>
public sealed record BranchCase(ExpressionText Condition, NameRef Goto);

/// <summary>Goes to the first case whose condition holds, else to <see cref="Else"/> (or the next step).</summary>
public sealed class BranchStep : StepDefinition
{
    public override string Kind => "branch";
    public IReadOnlyList<BranchCase> Cases { get; init; } = [];
    public NameRef? Else { get; init; }
}

/// <summary>One assignment of a set step.</summary>
public sealed record SlotAssignment(NameRef Slot, ExpressionText Value);

/// <summary>Assigns slots from expressions.</summary>
public sealed class SetStep : StepDefinition
{
    public override string Kind => "set";
    public IReadOnlyList<SlotAssignment> Assignments { get; init; } = [];
}

/// <summary>Runs a sub-flow and returns; inputs map child slot &lt;- expression, outputs map parent slot &lt;- child slot.</summary>
public sealed class CallStep : StepDefinition
{
    public override string Kind => "call";
    public required NameRef Flow { get; init; }
    public IReadOnlyList<SlotAssignment> Inputs { get; init; } = [];
    public IReadOnlyList<(NameRef Parent, NameRef Child)> Outputs { get; init; } = [];
}

/// <summary>Calls a declared HTTP service and maps the JSON answer into slots.</summary>
public sealed class HttpStep : StepDefinition
{
    public override string Kind => "http";
    public required NameRef Service { get; init; }
    public string Method { get; init; } = "GET";

    /// <summary>Path below the service's base URL, with <c>{{ slot }}</c> placeholders (values are URL-escaped).</summary>
    public string Path { get; init; } = "";
    public SourceSpan PathSpan { get; init; }

    /// <summary>JSON body fields (templates), sent as a flat JSON object.</summary>
    public IReadOnlyList<(string Name, string Template, SourceSpan Span)> Body { get; init; } = [];

    /// <summary>Null = the service's timeout.</summary>
    public TimeSpan? Timeout { get; init; }
    public int? Retry { get; init; }

    /// <summary>Slot &lt;- JSON path (<c>$.status</c>).</summary>
    public IReadOnlyList<(NameRef Slot, string Path, SourceSpan Span)> Result { get; init; } = [];

    /// <summary>Null = the error pattern then end of flow.</summary>
    public NameRef? OnError { get; init; }
}

/// <summary>Hands the conversation to a human.</summary>
public sealed class HandoffStep : StepDefinition
{
    public override string Kind => "handoff";
    public NameRef? Response { get; init; }
}

/// <summary>Ends the flow (and returns to its caller or the interrupted flow).</summary>
public sealed class EndStep : StepDefinition
{
    public override string Kind => "end";
    public NameRef? Response { get; init; }
}

/// <summary>Jumps to another step of the same flow (counted per turn).</summary>
public sealed class GotoStep : StepDefinition
{
    public override string Kind => "goto";
    public required NameRef Target { get; init; }
}
