using System.Text;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// Draws each flow of a compiled bot as a Mermaid <c>flowchart TD</c>, read from the validated model (never by running
/// the engine): steps are nodes; edges for next, branch cases, confirm yes/no/change, ask exhaustion, http statuses and
/// errors, calls, gotos (and their limits) and ends. It lives next to the model so that <c>chatbot graph</c> needs no
/// access to the step types.
/// </summary>
public static class MermaidGraph
{
    /// <summary>The Mermaid text for every flow of <paramref name="bot"/>, or only <paramref name="onlyFlow"/>.</summary>
    public static string Render(CompiledBot bot, string? onlyFlow = null)
    {
        var b = new StringBuilder();
        foreach (var flow in bot.Flows.Values.Where(f => onlyFlow is null || f.Id == onlyFlow).OrderBy(f => f.Definition.Span.File, StringComparer.Ordinal).ThenBy(f => f.Definition.Span.Line))
        {
            if (b.Length > 0) b.Append('\n');
            RenderFlow(b, flow);
        }
        return b.ToString();
    }

    private static void RenderFlow(StringBuilder b, CompiledFlow flow)
    {
        var steps = flow.Steps;
        var terminals = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<string>();
        string Terminal(string id, string label)
        {
            terminals[id] = $"  {id}([\"{Escape(label)}\"])";
            return id;
        }
        string Target(string? name, int fallback)
        {
            if (name is null) return fallback < steps.Count ? "s" + fallback : Terminal("done", "end");
            if (name == "end") return Terminal("done", "end");
            if (name == "handoff") return Terminal("human", "handoff");
            return flow.StepIndex.TryGetValue(name, out var i) ? "s" + i : Terminal("done", "end");
        }
        void Edge(string from, string to, string? label = null, bool dotted = false)
        {
            var arrow = dotted ? "-.->" : "-->";
            edges.Add(label is null ? $"  {from} {arrow} {to}" : $"  {from} {arrow}|\"{Escape(label)}\"| {to}");
        }

        b.Append("%% flow: ").Append(flow.Id).Append('\n');
        b.Append("flowchart TD\n");
        b.Append("  start([\"").Append(Escape(flow.Id)).Append("\"])\n");
        if (steps.Count > 0) edges.Add("  start --> s0");
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var node = "s" + i;
            var prefix = step.ExplicitId ? step.Id + ": " : "";
            b.Append("  ").Append(node).Append(Shape(step, prefix + Label(step))).Append('\n');
            switch (step)
            {
                case AskStep ask:
                    Edge(node, Target(null, i + 1));
                    Edge(node, ask.OnExhausted is { } ex ? Target(ex.Name, i + 1) : Terminal("exhausted", "exhausted"), "exhausted");
                    break;
                case ConfirmStep confirm:
                    Edge(node, Target(confirm.OnYes?.Name, i + 1), "yes");
                    if (confirm.ChangePrompt is not null) Edge(node, node, "no: what to change");
                    else Edge(node, confirm.OnNo is { } no ? Target(no.Name, i + 1) : confirm.Edit.Count > 0 ? "s0" : Terminal("done", "end"), "no");
                    if (confirm.OnChange is { } change) Edge(node, Target(change.Name, i + 1), "changed", dotted: true);
                    if (confirm.OnExhausted is { } cex) Edge(node, Target(cex.Name, i + 1), "exhausted");
                    break;
                case BranchStep branch:
                    foreach (var c in branch.Cases) Edge(node, Target(c.Goto.Name, i + 1), c.Condition.Text);
                    Edge(node, Target(branch.Else?.Name, i + 1), "else");
                    break;
                case CallStep call:
                    var callee = "f_" + Safe(call.Flow.Name);
                    terminals[callee] = $"  {callee}[[\"{Escape(call.Flow.Name)}\"]]";
                    Edge(node, callee, "call", dotted: true);
                    Edge(node, Target(null, i + 1));
                    break;
                case HttpStep http:
                    Edge(node, Target(null, i + 1));
                    foreach (var (status, target) in http.OnStatus) Edge(node, Target(target.Name, i + 1), status.ToString());
                    Edge(node, http.OnError is { } err ? Target(err.Name, i + 1) : Terminal("error", "error"), "error");
                    break;
                case HandoffStep:
                    Edge(node, Terminal("human", "handoff"));
                    break;
                case EndStep:
                    Edge(node, Terminal("done", "end"));
                    break;
                case GotoStep { Limit: { } limit } limited:
                    Edge(node, Target(limited.Target.Name, i + 1), $"goto (at most {limit}x)");
                    Edge(node, Target(limited.OnLimit?.Name, i + 1), "limit");
                    break;
                case GotoStep go:
                    Edge(node, Target(go.Target.Name, i + 1), "goto");
                    break;
                default:
                    Edge(node, Target(null, i + 1));
                    break;
            }
        }
        foreach (var t in terminals.Values) b.Append(t).Append('\n');
        foreach (var e in edges) b.Append(e).Append('\n');
    }

    private static string Shape(StepDefinition step, string label) => step switch
    {
        BranchStep => $"{{\"{Escape(label)}\"}}",
        ConfirmStep => $"{{\"{Escape(label)}\"}}",
        CallStep => $"[[\"{Escape(label)}\"]]",
        _ => $"[\"{Escape(label)}\"]",
    };

    private static string Label(StepDefinition step) => step switch
    {
        AskStep a => "ask " + a.Slot.Name,
        SayStep s => "say " + s.Response.Name,
        ConfirmStep c => "confirm " + c.Response.Name,
        BranchStep => "branch",
        SetStep s => "set " + string.Join(", ", s.Assignments.Select(a => a.Slot.Name)),
        RememberStep r => "remember " + r.Key.Text,
        ClearStep c => "clear " + string.Join(", ", c.Slots.Select(x => x.Name)),
        CallStep c => "call " + c.Flow.Name,
        HttpStep h => $"http {h.Service.Name} {h.Method} {h.Path}",
        HandoffStep h => h.Response is null ? "handoff" : "handoff " + h.Response.Name,
        EndStep e => e.Response is null ? "end" : "end " + e.Response.Name,
        GotoStep g => "goto " + g.Target.Name,
        AnswerStep a => a.Question is null ? "answer from knowledge" : $"answer {a.Question.Name} from knowledge",
        _ => step.Kind,
    };

    /// <summary>Mermaid labels are quoted; quotes inside become the entity Mermaid understands.</summary>
    private static string Escape(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string Safe(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
