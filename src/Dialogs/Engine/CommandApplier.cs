using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Applies what understanding decided, after checking every command against the current step: conversation patterns
/// first (handoff, start over, cancel), then a new flow, slot values (answers, early fills, corrections), a confirmation
/// answer, help/chit-chat/clarify; anything that fits nothing is a failed attempt or <c>cannot_handle</c>.
/// </summary>
internal sealed class CommandApplier(FlowRunner flows, ReplyRenderer replies)
{
    public async Task ApplyAsync(TurnContext turn, IReadOnlyList<Command> commands, CancellationToken cancellationToken)
    {
        var bot = turn.Bot;
        var allowed = AllowedCommands(turn);
        var accepted = new List<Command>();
        foreach (var command in commands)
        {
            if (!allowed.Contains(command.Kind))
            {
                Reject(turn, command, "not allowed at this step");
                continue;
            }
            accepted.Add(command);
        }

        // Conversation-level patterns win over everything else in the same input.
        if (accepted.OfType<HandoffCommand>().FirstOrDefault() is { } handoff)
        {
            Accept(turn, handoff);
            turn.Trace.Events.Add("pattern:handoff");
            await flows.HandoffAsync(turn, bot.Definition.Patterns.Handoff.Name, cancellationToken);
            return;
        }
        if (accepted.OfType<StartOverCommand>().FirstOrDefault() is { } startOver)
        {
            Accept(turn, startOver);
            turn.Trace.Events.Add("pattern:start_over");
            FlowRunner.ClearFlows(turn);
            await replies.SayAsync(turn, bot.Definition.Patterns.StartOver.Name, false, cancellationToken);
            if (bot.Settings.Welcome is { } welcome) await replies.SayAsync(turn, welcome.Name, false, cancellationToken);
            return;
        }
        if (accepted.OfType<CancelCommand>().FirstOrDefault() is { } cancel)
        {
            Accept(turn, cancel);
            turn.Trace.Events.Add("pattern:cancel");
            if (bot.Definition.Patterns.CancelConfirm is { } confirm)
            {
                turn.State.Pending = PendingQuestion.Cancel;
                await replies.SayAsync(turn, confirm.Name, true, cancellationToken, yesNo: true);
                return;
            }
            await flows.CancelTopAsync(turn, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (turn.State.Pending == PendingQuestion.Cancel)
        {
            turn.State.Pending = null;
            var answer = accepted.FirstOrDefault(c => c.Kind is CommandKind.Affirm or CommandKind.Deny);
            if (answer is not null)
            {
                Accept(turn, answer);
                if (answer.Kind == CommandKind.Affirm) await flows.CancelTopAsync(turn, cancellationToken);
                await flows.RunAsync(turn, cancellationToken);
                return;
            }
            // Anything else: the user moved on; the cancel question is dropped and the input handled normally.
        }

        var progressed = false;
        var handled = false;
        var flowStarted = false;
        foreach (var start in accepted.OfType<StartFlowCommand>())
        {
            if (!bot.Flows.TryGetValue(start.Flow, out var flow))
            {
                Reject(turn, start, "unknown flow");
                continue;
            }
            if (turn.State.Stack.Any(f => f.Flow == start.Flow))
            {
                Reject(turn, start, "flow already active");
                continue;
            }
            if (turn.State.Stack.Count >= bot.Settings.Limits.MaxStackDepth)
            {
                Reject(turn, start, "too many flows in progress");
                continue;
            }
            Accept(turn, start);
            turn.State.Stack.Add(new FlowFrame { Flow = flow.Id });
            turn.Trace.Events.Add("flow_started:" + flow.Id);
            progressed = true;
            flowStarted = true;
            break; // one new flow per turn; a second one is left for a clarification next turn
        }

        var expectedAsk = turn.CurrentStep as AskStep;
        var failedRule = (NameRef?)null;
        var expectedFailed = false;
        var corrected = false;
        foreach (var set in accepted.OfType<SetSlotCommand>())
        {
            var (frame, slot) = FindSlotForSet(turn, set.Slot);
            if (slot is null)
            {
                Reject(turn, set, "no such slot in the active flows");
                continue;
            }
            var isExpected = expectedAsk is not null && expectedAsk.Slot.Name == set.Slot && frame == turn.Top;
            if (!SlotValues.TryAccept(bot.SlotInfo(slot, turn.Language), set.Value, turn, out var normalized, out var problem))
            {
                Reject(turn, set, "invalid value (" + problem + ")");
                turn.Trace.Events.Add("slot_invalid:" + set.Slot);
                if (isExpected) expectedFailed = true;
                continue;
            }
            if (bot.IsSensitive(slot)) turn.SensitiveInput = true;
            if (isExpected)
            {
                var old = turn.Value(frame, set.Slot);
                turn.Set(frame, set.Slot, normalized);
                failedRule = FirstFailingRule(turn, expectedAsk!);
                if (failedRule is not null)
                {
                    turn.Set(frame, set.Slot, old);
                    Reject(turn, set, "validation failed (" + failedRule.Name + ")");
                    turn.Trace.Events.Add("slot_invalid:" + set.Slot);
                    expectedFailed = true;
                    continue;
                }
                Accept(turn, set);
                turn.Trace.Events.Add("slot_set:" + set.Slot);
                progressed = true;
            }
            else
            {
                var hadValue = turn.Value(frame, set.Slot) is not null;
                turn.Set(frame, set.Slot, normalized);
                Accept(turn, set);
                turn.Trace.Events.Add((hadValue ? "slot_corrected:" : "slot_set:") + set.Slot);
                // Changing a value the user gave before is a correction (acknowledged); filling a later slot early is not.
                if (hadValue) corrected = true;
                progressed = true;
            }
        }

        var confirmAnswer = accepted.FirstOrDefault(c => c.Kind is CommandKind.Affirm or CommandKind.Deny);
        if (confirmAnswer is not null && turn.CurrentStep is ConfirmStep confirmStep && !flowStarted)
        {
            Accept(turn, confirmAnswer);
            if (corrected && confirmAnswer.Kind == CommandKind.Deny)
            {
                // "No, make it 3": the correction is the answer; ask again with the new values.
                await replies.SayAsync(turn, bot.Definition.Patterns.Correction.Name, false, cancellationToken);
                await flows.RunAsync(turn, cancellationToken);
                return;
            }
            await flows.AnswerConfirmAsync(turn, confirmStep, confirmAnswer.Kind == CommandKind.Affirm, cancellationToken);
            return;
        }

        if (corrected)
        {
            turn.Trace.Events.Add("pattern:correction");
            await replies.SayAsync(turn, bot.Definition.Patterns.Correction.Name, false, cancellationToken);
        }
        foreach (var other in accepted.Where(c => c.Kind is CommandKind.Help or CommandKind.Chitchat or CommandKind.Clarify))
        {
            if (handled || progressed) break;
            Accept(turn, other);
            handled = true;
            switch (other)
            {
                case HelpCommand:
                    turn.Trace.Events.Add("pattern:help");
                    var help = (turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help ?? turn.TopFlow?.Definition.Help ?? bot.Definition.Patterns.Help;
                    await replies.SayAsync(turn, help.Name, false, cancellationToken);
                    break;
                case ChitchatCommand:
                    turn.Trace.Events.Add("pattern:chitchat");
                    await replies.SayAsync(turn, bot.Definition.Patterns.Chitchat.Name, false, cancellationToken);
                    break;
                case ClarifyCommand clarify:
                    turn.Trace.Events.Add("pattern:clarify");
                    var options = clarify.Flows.Where(f => bot.Flows.ContainsKey(f)).Select(f => bot.Flows[f]).ToList();
                    await replies.SayAsync(turn, bot.Definition.Patterns.Clarify.Name, true, cancellationToken,
                        extraButtons: [.. options.Select(f => new ReplyButton(ReplyRenderer.FlowTitle(turn, f), f.Id))]);
                    return;
            }
        }

        if (expectedFailed || (!progressed && !handled && !corrected && turn.CurrentStep is AskStep or ConfirmStep))
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            await flows.FailedAttemptAsync(turn, failedRule, cancellationToken);
            return;
        }
        if (!progressed && !handled && !corrected)
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            turn.Trace.Events.Add("pattern:cannot_handle");
            await replies.SayAsync(turn, bot.Definition.Patterns.CannotHandle.Name, false, cancellationToken);
            return;
        }
        await flows.RunAsync(turn, cancellationToken);
    }

    /// <summary>The command kinds the current position accepts.</summary>
    public static List<CommandKind> AllowedCommands(TurnContext turn)
    {
        var allowed = new List<CommandKind> { CommandKind.StartFlow, CommandKind.SetSlot, CommandKind.Help, CommandKind.StartOver, CommandKind.Handoff, CommandKind.Clarify, CommandKind.Chitchat, CommandKind.CannotHandle };
        if (turn.State.Stack.Count > 0) allowed.Add(CommandKind.Cancel);
        if (turn.AwaitsYesNo)
        {
            allowed.Add(CommandKind.Affirm);
            allowed.Add(CommandKind.Deny);
        }
        return allowed;
    }

    private static string Describe(Command command) => command switch
    {
        StartFlowCommand s => $"start_flow {s.Flow}",
        SetSlotCommand s => $"set_slot {s.Slot}",
        ClarifyCommand c => $"clarify {string.Join(",", c.Flows)}",
        _ => CommandSchema.KindNames[command.Kind],
    };

    private static void Accept(TurnContext turn, Command command) => turn.Trace.CommandsAccepted.Add(Describe(command));

    private static void Reject(TurnContext turn, Command command, string reason) => turn.Trace.CommandsRejected.Add($"{Describe(command)}: {reason}");

    /// <summary>The frame and definition a set_slot command targets: the innermost active flow that has the slot, else bot-wide.</summary>
    private static (FlowFrame? Frame, SlotDefinition? Slot) FindSlotForSet(TurnContext turn, string name)
    {
        for (var i = turn.State.Stack.Count - 1; i >= 0; i--)
        {
            var frame = turn.State.Stack[i];
            if (turn.Bot.Flows.TryGetValue(frame.Flow, out var f) && f.Definition.Slots.TryGetValue(name, out var slot)) return (frame, slot);
        }
        return turn.Bot.Definition.Slots.TryGetValue(name, out var botSlot) ? (turn.Top, botSlot) : (null, null);
    }

    private static NameRef? FirstFailingRule(TurnContext turn, AskStep ask)
    {
        foreach (var rule in ask.Validation)
        {
            if (!turn.Evaluate(rule.Rule).IsTrue) return rule.Message;
        }
        return null;
    }
}
