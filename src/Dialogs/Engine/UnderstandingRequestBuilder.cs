using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>What a recognizer is told about the turn: routable flows with examples, active flows, the asked slot, settable slots, allowed commands, history.</summary>
internal static class UnderstandingRequestBuilder
{
    public static UnderstandingRequest Build(TurnContext turn, string text, IReadOnlyList<CommandKind> allowedCommands)
    {
        var bot = turn.Bot;
        var lang = turn.Language;
        var expected = ExpectedSlot(turn);
        var scope = InterruptionScope.For(turn);
        var slots = new List<SlotInfo>();
        foreach (var frame in turn.State.Stack.AsEnumerable().Reverse())
        {
            if (bot.Flows.TryGetValue(frame.Flow, out var f)) slots.AddRange(f.Definition.Slots.Values.Where(x => slots.All(y => y.Name != x.Name)).Select(s => bot.SlotInfo(s, lang)));
        }
        slots.AddRange(bot.Definition.Slots.Values.Where(x => slots.All(y => y.Name != x.Name)).Select(s => bot.SlotInfo(s, lang)));
        // Recognizers see only what the step lets through: flows the user may start, slots the user may change.
        slots.RemoveAll(s => s.Name != expected?.Name && !scope.AllowsCorrection(s.Name));
        return new UnderstandingRequest
        {
            Text = text,
            Language = lang,
            Flows = [.. bot.Flows.Values.Where(f => f.Definition.Routable && scope.AllowsFlow(f.Id)).Select(f => new FlowCandidate(f.Id, f.Definition.Description, f.Definition.Examples?.Variants.GetValueOrDefault(lang) ?? [])
            {
                Slots = [.. f.Definition.Slots.Values.Where(s => !bot.WorkedOutSlots.Contains(s.Name)).Select(s => bot.SlotInfo(s, lang))],
                ExamplesByLanguage = f.Definition.Examples?.Variants ?? [],
            })],
            OutOfScope = bot.Definition.OutOfScope?.Variants.GetValueOrDefault(lang) ?? [],
            OutOfScopeByLanguage = bot.Definition.OutOfScope?.Variants ?? [],
            ActiveFlows = [.. turn.State.Stack.Select(f => f.Flow)],
            ExpectedSlot = expected,
            ExpectedAfter = expected is null ? null : SlotRules.Reading(turn, expected.Name, turn.UserParse).After,
            Slots = slots,
            AwaitingConfirmation = turn.AwaitsYesNo,
            AllowedCommands = allowedCommands,
            History = [.. turn.State.History],
            Now = turn.Now,
            TimeZone = turn.TimeZone.Id,
            MonthFirst = turn.UserParse.MonthFirst,
            Revision = bot.Revision,
            AnswerBy = turn.AnswerBy,
        };
    }

    /// <summary>The slot the ask step the bot waits at asks for, as recognizers see it; null elsewhere.</summary>
    public static SlotInfo? ExpectedSlot(TurnContext turn) =>
        turn.CurrentStep is AskStep ask && turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } slot
            ? turn.Bot.SlotInfo(slot, turn.Language)
            : null;
}
