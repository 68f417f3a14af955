using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>How values worked out from changed slots are worked out again (<see cref="FlowRunner.ReworkAsync"/>).</summary>
internal enum ReworkMode
{
    /// <summary>No step before the current one reads a changed slot.</summary>
    None,

    /// <summary>The flow runs again from <see cref="ReworkPlan.From"/>: only sets, branches, gotos and answered asks stand in between.</summary>
    Rerun,

    /// <summary>The reading <c>set</c> steps are worked out again where they stand: each step in between ran, in order.</summary>
    InPlace,

    /// <summary>A branch and a step that must not run twice both stand in between: nothing is worked out again.</summary>
    Skipped,
}

/// <summary>
/// What a change of some slots means for the <c>set</c> and <c>branch</c> steps before step <c>at</c> that read them
/// (directly or through a slot a reading <c>set</c> gives): shared by the engine, which acts on it, and the validator,
/// which warns where a confirmation would show a stale value.
/// </summary>
internal sealed record ReworkPlan(ReworkMode Mode, StepDefinition? From, IReadOnlyList<SetStep> Sets, IReadOnlySet<string> Derived)
{
    /// <summary>The plan for a change of <paramref name="changed"/> with the flow at step index <paramref name="at"/>.</summary>
    public static ReworkPlan Of(IReadOnlyList<StepDefinition> steps, int at, IReadOnlyCollection<string> changed, Func<ExpressionText, Expr?> expression, Func<AskStep, bool> answered)
    {
        var changing = new HashSet<string>(changed, StringComparer.Ordinal);
        var derived = new HashSet<string>(StringComparer.Ordinal);
        bool Reads(ExpressionText text) => expression(text) is { } expr && ExprSlots.Read(expr).Any(changing.Contains);
        var first = -1;
        var sets = new List<SetStep>();
        for (var i = 0; i < at; i++)
        {
            if (steps[i] is SetStep set && set.Assignments.Any(a => Reads(a.Value)))
            {
                sets.Add(set);
                derived.UnionWith(set.Assignments.Select(a => a.Slot.Name));
                changing.UnionWith(derived);
            }
            else if (steps[i] is not BranchStep branch || !branch.Cases.Any(c => Reads(c.Condition)))
            {
                continue;
            }
            if (first < 0) first = i;
        }
        if (first < 0) return new ReworkPlan(ReworkMode.None, null, [], derived);
        var between = steps.Skip(first).Take(at - first).ToList();
        // A set that gives a slot the user just changed would undo the change if it ran again.
        var mode = between.All(s => s is BranchStep or GotoStep || (s is SetStep set && !set.Assignments.Any(a => changed.Contains(a.Slot.Name)))
                || (s is AskStep ask && answered(ask)))
            ? ReworkMode.Rerun
            : between.Any(s => s is BranchStep or GotoStep) ? ReworkMode.Skipped : ReworkMode.InPlace;
        return new ReworkPlan(mode, steps[first], sets, derived);
    }
}
