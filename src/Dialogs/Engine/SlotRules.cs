using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// A slot's <c>validation:</c> rules: those of every ask step that asks for it (in its own flow, or in any flow for a
/// bot-wide slot). They hold whenever the slot gets a value from the user, not only at its ask.
/// </summary>
internal static class SlotRules
{
    /// <summary>The message of the first rule the slot's current value breaks, or null when all hold.</summary>
    public static NameRef? FirstFailing(TurnContext turn, FlowFrame? frame, string slot) =>
        FirstBroken(turn, frame, slot, rule => turn.Evaluate(rule, frame));

    /// <summary>
    /// The message of the first rule that <paramref name="number"/>, too large for the slot to hold exactly (so never
    /// kept), would break as its value: the author's "You can order between 1 and 10 at a time." says more than the
    /// built-in out_of_range of a type without bounds. Null when none would. The state is only read.
    /// </summary>
    public static NameRef? FirstFailingFor(TurnContext turn, FlowFrame frame, string slot, double number) =>
        FirstBroken(turn, frame, slot, rule => turn.EvaluateWith(rule, frame, slot, ExprValue.Of(number)));

    // The rules of every ask of the slot (its own flow's, else any flow's for a bot-wide slot), in order, as 'holds' reads them.
    private static NameRef? FirstBroken(TurnContext turn, FlowFrame? frame, string slot, Func<ExpressionText, ExprValue> holds)
    {
        var flows = frame is not null && turn.Bot.Flows.TryGetValue(frame.Flow, out var own) && own.Definition.Slots.ContainsKey(slot)
            ? [own]
            : turn.Bot.Flows.Values;
        foreach (var flow in flows)
        {
            foreach (var ask in flow.Steps.OfType<AskStep>().Where(a => a.Slot.Name == slot))
            {
                foreach (var rule in ask.Validation)
                {
                    if (!holds(rule.Rule).IsTrue) return rule.Message;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The date slot that <paramref name="slot"/> must come after in <paramref name="flow"/>, as a rule of its ask says
    /// (<c>check_out > check_in</c> or <c>check_in &lt; check_out</c>, with <c>>=</c>/<c>&lt;=</c> too), when both are
    /// dates or date-times (a car's pickup and return); null otherwise. The two make a period: one message can give
    /// both ("from Dec 18 to Dec 20", "from friday to monday"), and a day named without its week or month for the later
    /// one ("Sunday", "the 20th") is the first such day after the earlier (for a date-time, from the earlier's day on).
    /// </summary>
    public static string? DateAfter(CompiledBot bot, CompiledFlow flow, string slot) => Ordering(bot, flow, slot)?.Earlier;

    /// <summary>
    /// True when the later slot of a period may be the earlier's day (<c>last_day >= first_day</c>): the last day is one
    /// of the period's days, as in a leave from Monday to Wednesday, where "for 3 days" ends on Wednesday; false for a
    /// check-out or a return that comes after (<c>check_out > check_in</c>: "for 3 nights" ends three days on).
    /// </summary>
    public static bool Inclusive(CompiledBot bot, CompiledFlow flow, string later) => Ordering(bot, flow, later)?.SameDay == true;

    // The date slot 'slot' must come after by a rule of its ask (DateAfter), and whether the rule lets it be the same (>=, <=).
    private static (string Earlier, bool SameDay)? Ordering(CompiledBot bot, CompiledFlow flow, string slot)
    {
        if (!IsDate(slot)) return null;
        foreach (var rule in flow.Steps.OfType<AskStep>().Where(a => a.Slot.Name == slot).SelectMany(a => a.Validation))
        {
            if (bot.Expression(rule.Rule) is not BinaryExpr { Left: SlotExpr left, Right: SlotExpr right } compare) continue;
            var earlier = compare.Op is ">" or ">=" && left.Name == slot ? right.Name
                : compare.Op is "<" or "<=" && right.Name == slot ? left.Name
                : null;
            if (earlier is not null && earlier != slot && IsDate(earlier)) return (earlier, compare.Op is ">=" or "<=");
        }
        return null;

        bool IsDate(string name) => bot.FindSlot(flow.Id, name) is { } definition && bot.TypeOf(definition).Kind is SlotKind.Date or SlotKind.DateTime;
    }

    /// <summary>The flow's period: the first date slot its steps ask for that must come after another (<see cref="DateAfter"/>), with that other; null when none.</summary>
    public static (string Start, string End)? Period(CompiledBot bot, CompiledFlow flow)
    {
        foreach (var ask in flow.Steps.OfType<AskStep>())
        {
            if (DateAfter(bot, flow, ask.Slot.Name) is { } start) return (start, ask.Slot.Name);
        }
        return null;
    }

    /// <summary>
    /// How to read a value for <paramref name="slot"/> of the running flow: <paramref name="context"/>, with the day it
    /// must come after (<see cref="SlotParseContext.After"/>) when the earlier date slot has one. The week the user named
    /// at this ask before ("next week", then "tuesday": <see cref="FlowFrame.PendingWeek"/>), or for it before the flow
    /// asked (<see cref="FlowFrame.EarlyWeeks"/>), bounds it the same way: the day is the first such day after the Sunday
    /// before that week.
    /// </summary>
    public static SlotParseContext Reading(TurnContext turn, string slot, SlotParseContext context) =>
        turn.TopFlow is { } flow && DateAfter(turn.Bot, flow, slot) is { } earlier
            && turn.Value(earlier) is { ValueKind: System.Text.Json.JsonValueKind.String } held
            && DayAfter(held.GetString(), context) is { } day
            ? context with { After = day }
            : FlowFrame.KeptSpan(turn.CurrentStep is AskStep { } ask && ask.Slot.Name == slot ? turn.Top?.PendingWeek : turn.Top?.EarlyWeeks?.GetValueOrDefault(slot)) is var (monday, _)
                ? context with { After = monday.AddDays(-1) }
                : context;

    /// <summary>
    /// The day a later value of a period is read after: a date's own day (the departure comes after the arrival), the
    /// day before a date-time's day (a car picked up on Friday at 10:00 may come back that Friday evening); null for
    /// any other value.
    /// </summary>
    public static DateOnly? DayAfter(string? earlier, SlotParseContext context) =>
        Expressions.CanonicalText.TryDate(earlier, out var day) ? day
        : Expressions.CanonicalText.TryInstant(earlier, context.Zone, out var instant)
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime).AddDays(-1)
            : null;
}
