using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Validation;

// buttons: { from_result } along the flow's paths, kept apart from the rest of the validator.
internal sealed partial class DefinitionValidator
{
    /// <summary>A response with <c>buttons: { from_result }</c> said by the step at <paramref name="Step"/> (-1: outside the steps).</summary>
    private sealed record ResultUse(int Step, NameRef Response, string Said, NameRef From);

    /// <summary>
    /// The slot of <c>buttons: { from_result }</c> must hold an http step's result when the step that says the response
    /// runs. The written order is not the order the flow runs in (a branch around the http step, a goto back above it),
    /// so the check follows the flow's paths: filled on every path there is fine; on some paths DLG3008 (warning) names a
    /// path on which the question shows no buttons; on none DLG2055. A slot counts as filled after an http step whose
    /// <c>result</c> fills it, after a call whose <c>outputs</c> bring back a slot the called flow fills so, and from the
    /// start of a flow every call passes it to as an input.
    /// </summary>
    private void CheckResultButtons(FlowDefinition flow, IReadOnlySet<string> scope, List<ResultUse> uses)
    {
        if (uses.Count == 0) return;
        var steps = flow.Steps;
        var successors = StepSuccessors(steps);
        var fills = steps.Select(ResultFills).ToList();
        var (entryEvery, entrySome) = FilledAtStart(flow);

        // Before each step runs: the slots filled on every path to it, and on some path; null for a step never reached.
        var every = new HashSet<string>?[steps.Count];
        var some = new HashSet<string>?[steps.Count];
        every[0] = entryEvery;
        some[0] = entrySome;
        var pending = new Queue<int>([0]);
        while (pending.Count > 0)
        {
            var i = pending.Dequeue();
            var afterEvery = every[i]!.Union(fills[i], StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            var afterSome = some[i]!.Union(fills[i], StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            foreach (var next in successors[i])
            {
                bool changed;
                if (every[next] is not { } e || some[next] is not { } s)
                {
                    (every[next], some[next], changed) = (new(afterEvery, StringComparer.Ordinal), new(afterSome, StringComparer.Ordinal), true);
                }
                else
                {
                    var before = (e.Count, s.Count);
                    e.IntersectWith(afterEvery);
                    s.UnionWith(afterSome);
                    changed = before != (e.Count, s.Count);
                }
                if (changed && !pending.Contains(next)) pending.Enqueue(next);
            }
        }

        foreach (var use in uses)
        {
            var from = use.From.Name;
            if (use.Step >= 0 && every[use.Step] is null) continue; // never reached: DLG3004 says so
            if (use.Step >= 0 && every[use.Step]!.Contains(from)) continue;
            if (use.Step >= 0 && some[use.Step]!.Contains(from))
            {
                diagnostics.ReportWithHelp(DiagnosticIds.ButtonsFromResultOnSomePaths, use.Response.Span,
                    $"fill '{from}' on that path too, or go around this step there",
                    use.Said, from, steps[use.Step].ExplicitId ? $"step '{steps[use.Step].Id}'" : StepName(steps, use.Step), flow.Id, EmptyPath(steps, successors, fills, use.Step, from, entrySome.Contains(from)));
                continue;
            }
            var where = use.Step < 0 ? $"flow '{flow.Id}' says it outside its steps" : $"step '{steps[use.Step].Id}' of flow '{flow.Id}' says it";
            var later = steps.OfType<HttpStep>().FirstOrDefault(h => h.Result.Any(r => r.Slot.Name == from));
            var help = !scope.Contains(from) ? SlotNameHelp(from, scope, flow)
                : later is not null ? $"http step '{later.Id}' fills it, but after this step: move the http step before it"
                : $"add result: {{ {from}: $.path }} to an http step before this one";
            // A name no slot has (from_result: fre) is fixed in the response: reported there.
            var at = scope.Contains(from) || NameOfSomeSlot(from) ? use.Response.Span : use.From.Span;
            diagnostics.ReportWithHelp(DiagnosticIds.ButtonsFromResult, at, help, use.Said, from, $"no http step before it fills '{from}' with its result ({where})");
        }
    }

    /// <summary>The slots a step fills with a service's answer: an http step's <c>result</c>, a call's outputs of such slots.</summary>
    private IEnumerable<string> ResultFills(StepDefinition step) => step switch
    {
        HttpStep http => http.Result.Select(r => r.Slot.Name),
        CallStep call when bot.Flows.TryGetValue(call.Flow.Name, out var child) =>
            call.Outputs.Where(o => FilledByResultIn(child, o.Child.Name, [])).Select(o => o.Parent.Name),
        _ => [],
    };

    /// <summary>Whether some step of <paramref name="flow"/> (or of a flow it calls) fills <paramref name="slot"/> with a service's answer.</summary>
    private bool FilledByResultIn(FlowDefinition flow, string slot, HashSet<string> seen) =>
        seen.Add(flow.Id) && flow.Steps.Any(step => step switch
        {
            HttpStep http => http.Result.Any(r => r.Slot.Name == slot),
            CallStep call when bot.Flows.TryGetValue(call.Flow.Name, out var child) =>
                call.Outputs.Any(o => o.Parent.Name == slot && FilledByResultIn(child, o.Child.Name, seen)),
            _ => false,
        });

    /// <summary>
    /// The input slots a flow starts with: those every call passes (none when users can start it themselves), and those
    /// some call passes.
    /// </summary>
    private (HashSet<string> Every, HashSet<string> Some) FilledAtStart(FlowDefinition flow)
    {
        var passed = bot.Flows.Values.SelectMany(f => f.Steps.OfType<CallStep>()).Where(c => c.Flow.Name == flow.Id)
            .Select(c => c.Inputs.Select(i => i.Slot.Name).ToHashSet(StringComparer.Ordinal)).ToList();
        var some = passed.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
        var every = passed.Count == 0 || flow.Routable ? new HashSet<string>(StringComparer.Ordinal)
            : passed.Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));
        return (every, some);
    }

    /// <summary>
    /// A path from the flow's start to step <paramref name="to"/> on which no step fills <paramref name="slot"/>, as the
    /// author reads it: "start -> check_day -> ask_time".
    /// </summary>
    private static string EmptyPath(IReadOnlyList<StepDefinition> steps, List<List<int>> successors, List<IEnumerable<string>> fills, int to, string slot, bool someCallPasses)
    {
        var previous = new int?[steps.Count];
        var seen = new bool[steps.Count];
        var queue = new Queue<int>([0]);
        seen[0] = true;
        while (queue.Count > 0 && !seen[to])
        {
            var i = queue.Dequeue();
            if (i != to && fills[i].Contains(slot, StringComparer.Ordinal)) continue;
            foreach (var next in successors[i].Where(n => !seen[n]))
            {
                seen[next] = true;
                previous[next] = i;
                queue.Enqueue(next);
            }
        }
        var path = new List<string>();
        for (int? at = to; at is { } i; at = previous[i]) path.Insert(0, StepName(steps, i));
        var start = someCallPasses ? "a start without it (by the user, or by a call that does not pass it)" : "the start";
        return string.Join(" -> ", path.Prepend(start));
    }

    /// <summary>A step as the author knows it: its id, or its kind and line when it has none.</summary>
    private static string StepName(IReadOnlyList<StepDefinition> steps, int index) =>
        steps[index].ExplicitId ? steps[index].Id : $"the {steps[index].Kind} step at line {steps[index].Span.Line}";
}
