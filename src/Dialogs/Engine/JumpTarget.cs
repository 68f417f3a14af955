namespace Chatbot.Dialogs.Engine;

/// <summary>Where a goto, branch, confirmation answer or error path leads: a step of the same flow, the end of the flow, or a person.</summary>
internal readonly record struct JumpTarget(JumpTargetKind Kind, string? StepId)
{
    /// <summary>The end of the flow (YAML <c>end</c>).</summary>
    public static JumpTarget End { get; } = new(JumpTargetKind.End, null);

    /// <summary>Reads a target as authors write it: <c>end</c>, <c>handoff</c> or a step id (the validator checked it).</summary>
    public static JumpTarget Of(string name) => name switch
    {
        "end" => End,
        "handoff" => new(JumpTargetKind.Handoff, null),
        _ => new(JumpTargetKind.Step, name),
    };
}

/// <summary>The kinds of <see cref="JumpTarget"/>.</summary>
internal enum JumpTargetKind
{
    Step,
    End,
    Handoff,
}
