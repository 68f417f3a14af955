namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The flows a response can name (<c>{{ flow.label }}</c>, <c>{{ interrupted.label }}</c>, <c>{{ resumed.label }}</c>):
/// the flow the message is about, the flow it put on hold, and the flow that continues now.
/// </summary>
/// <remarks>
/// A called sub-flow is part of its caller's task, so the roles name the outermost flow of a call chain: while
/// <c>collect_contact</c> runs for <c>place_order</c>, <c>flow</c> is <c>place_order</c>.
/// </remarks>
internal sealed record FlowRoles(string? Flow, string? Interrupted, string? Resumed)
{
    /// <summary>The roles as the stack stands: the current task, and the task under it that it interrupted; nothing resumes.</summary>
    public static FlowRoles Of(TurnContext turn)
    {
        var top = TaskStart(turn, turn.State.Stack.Count - 1);
        if (top < 0) return new FlowRoles(null, null, null);
        var below = top > 0 ? TaskStart(turn, top - 1) : -1;
        return new FlowRoles(turn.State.Stack[top].Flow, below >= 0 ? turn.State.Stack[below].Flow : null, null);
    }

    /// <summary>After a task ended (<paramref name="ended"/>): the task that continues now, which it had interrupted.</summary>
    public static FlowRoles AfterEnd(TurnContext turn, string ended)
    {
        var resumed = TaskStart(turn, turn.State.Stack.Count - 1);
        var flow = resumed >= 0 ? turn.State.Stack[resumed].Flow : null;
        return new FlowRoles(ended, flow, flow);
    }

    // The index of the frame that started the task the frame at 'index' belongs to (walking down through callers).
    private static int TaskStart(TurnContext turn, int index)
    {
        var stack = turn.State.Stack;
        if (index < 0 || index >= stack.Count) return -1;
        while (index > 0 && turn.Bot.Flows.TryGetValue(stack[index - 1].Flow, out var caller)
            && caller.Step(stack[index - 1].Step) is Model.CallStep call && call.Flow.Name == stack[index].Flow)
        {
            index--;
        }
        return index;
    }
}
