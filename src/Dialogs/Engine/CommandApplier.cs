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
        var accepted = WithinStep(turn, commands);

        // Conversation-level patterns win over everything else in the same input.
        if (FirstOf<HandoffCommand>(accepted) is { } handoff)
        {
            Accept(turn, handoff);
            turn.Trace.Events.Add("pattern:handoff");
            // A model's reading ("hmm, let me think" read as a wish for a person) would end the user's flow unasked: in the
            // middle of a flow it is asked back first, as a cancel is. The user's own handoff phrases hand off at once.
            if (turn.Trace.Path == "llm" && turn.State.Stack.Count > 0 && turn.State.Pending != PendingQuestion.Handoff)
            {
                turn.State.Pending = PendingQuestion.Handoff;
                await replies.SayAsync(turn, PatternSettings.Builtin("handoff_confirm").Name, true, cancellationToken, yesNo: true);
                return;
            }
            turn.State.Pending = null;
            await flows.HandoffAsync(turn, bot.Definition.Patterns.Handoff.Name, cancellationToken);
            return;
        }
        if (PendingAnswer(turn, accepted, PendingQuestion.Handoff) is { } handOff)
        {
            if (handOff) await flows.HandoffAsync(turn, bot.Definition.Patterns.Handoff.Name, cancellationToken);
            else await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (FirstOf<StartOverCommand>(accepted) is { } startOver)
        {
            Accept(turn, startOver);
            turn.Trace.Events.Add("pattern:start_over");
            if (bot.Definition.Patterns.StartOverConfirm is { } confirmStartOver && turn.State.Stack.Count > 0)
            {
                turn.State.Pending = PendingQuestion.StartOver;
                await replies.SayAsync(turn, confirmStartOver.Name, true, cancellationToken, yesNo: true);
                return;
            }
            await StartOverAsync(turn, cancellationToken);
            return;
        }
        if (FirstOf<CancelCommand>(accepted) is { } cancel)
        {
            Accept(turn, cancel);
            turn.Trace.Events.Add("pattern:cancel");
            // The user said what they want instead ("forget it, I want to report a problem", "cancel this and book a new
            // one for Friday"): no "are you sure?" (the author's cancel confirmation guards a bare cancel); the flow goes
            // and the new one, the same one begun again included, starts below with the values the message gave.
            var instead = StartsAnotherFlow(turn, accepted, again: true);
            if (!instead && bot.Definition.Patterns.CancelConfirm is { } confirm)
            {
                turn.State.Pending = PendingQuestion.Cancel;
                await replies.SayAsync(turn, confirm.Name, true, cancellationToken, yesNo: true);
                return;
            }
            await flows.CancelTopAsync(turn, cancellationToken);
            if (!instead)
            {
                await flows.RunAsync(turn, cancellationToken);
                return;
            }
        }
        if (PendingAnswer(turn, accepted, PendingQuestion.StartOver) is { } startAgain)
        {
            if (startAgain) await StartOverAsync(turn, cancellationToken);
            else await flows.RunAsync(turn, cancellationToken);
            return;
        }
        // "no" to "Do you want … instead?": the question it interrupted again (a yes was read as the start of that flow).
        if (PendingAnswer(turn, accepted, PendingQuestion.SwitchFlow) is not null)
        {
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (PendingAnswer(turn, accepted, PendingQuestion.Cancel) is { } stop)
        {
            if (stop) await flows.CancelTopAsync(turn, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }

        if (FirstOf<ChangeSlotCommand>(accepted) is { } change && turn.CurrentStep is ConfirmStep or AskStep)
        {
            // "change the address": its question again, then (after the steps in between) the confirmation or the
            // question the user was at again.
            Accept(turn, change);
            if (FlowRunner.FillingStep(turn.TopFlow!, change.Slot) is null)
            {
                // "the priority" when no question asks for it (a set step gave the default): its choices with their
                // buttons, and the confirmation waits for one of them (a correction of the confirmed slot). No attempt.
                turn.OptionsSlot = change.Slot;
                turn.Trace.Events.Add("pattern:options");
                await replies.SayAsync(turn, bot.Definition.Patterns.Options.Name, true, cancellationToken, extraButtons: [.. ReplyRenderer.SlotButtons(turn, change.Slot)]);
                return;
            }
            await flows.ReaskAsync(turn, change.Slot, cancellationToken);
            return;
        }

        var progressed = false;
        var handled = false;
        var flowStarted = false;
        string? alreadyRunning = null;
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
                alreadyRunning ??= start.Flow;
                continue;
            }
            if (turn.State.Stack.Count >= bot.Settings.Limits.MaxStackDepth)
            {
                Reject(turn, start, "too many flows in progress");
                continue;
            }
            Accept(turn, start);
            // "… and also reserve a book": the second request waits under the first (a frame that has not run yet) and
            // starts when the first ends or is cancelled — whichever recognizer read the two, and also in the middle of
            // a flow, which resumes after both. A third request in the same message is not kept.
            var queued = false;
            foreach (var (later, laterFlow) in LaterRequests(accepted, start))
            {
                if (queued || laterFlow == flow.Id || !bot.Flows.ContainsKey(laterFlow) || turn.State.Stack.Any(f => f.Flow == laterFlow)
                    || turn.State.Stack.Count + 2 > bot.Settings.Limits.MaxStackDepth)
                {
                    Reject(turn, later, queued ? "a third request in one message" : "cannot wait under the first request");
                    continue;
                }
                Accept(turn, later);
                turn.State.Stack.Add(new FlowFrame { Flow = laterFlow });
                turn.Trace.Events.Add("flow_waiting:" + laterFlow);
                queued = true;
            }
            turn.State.Stack.Add(new FlowFrame { Flow = flow.Id });
            turn.Trace.Events.Add("flow_started:" + flow.Id);
            progressed = true;
            flowStarted = true;
            break; // one new flow per turn, and one request waiting under it
        }

        var expectedAsk = turn.CurrentStep as AskStep;
        var failedRule = (NameRef?)null;
        var expectedFailed = false;
        var corrected = false;
        var correctedSlots = new List<string>();
        var changedSlots = new List<string>();
        var slotsChanged = false;
        var otherFailedRule = (NameRef?)null;
        var early = new List<(string Slot, string Shown)>();
        var keptAtTop = new List<string>();
        // The first day of a period before its last (a model may name the departure first): the last is checked against it.
        var period = turn.TopFlow is { } running ? SlotRules.Period(bot, running) : null;
        foreach (var set in accepted.OfType<SetSlotCommand>().OrderBy(s => period is var (_, last) && s.Slot == last ? 1 : 0))
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
                // "book a new one for Friday", "tomorrow" at the reason: a day for a date-time the flow asks later is
                // kept, and that question then asks only for the time.
                if (!isExpected && problem == SlotValueParser.TimeMissing && KeepDay(turn, set.Slot, bot.SlotInfo(slot, turn.Language), set.Value) is { } kept)
                {
                    Accept(turn, set);
                    turn.Trace.Events.Add("day_kept:" + set.Slot);
                    if (!flowStarted && expectedAsk is not null && turn.UserText is not null) early.Add((set.Slot, kept));
                    progressed = true;
                    continue;
                }
                // "we are moving next month": the month (a span of days) is kept for the day question, where "the 15th" is in it.
                if (!isExpected && problem == SlotValueParser.DayInSpan && frame is not null && frame == turn.Top && KeepWeek(turn, set.Slot, text: set.Value) is not null)
                {
                    Accept(turn, set);
                    turn.Trace.Events.Add("span_kept:" + set.Slot);
                    progressed = true;
                    continue;
                }
                // "book a spin class thursday at 8": the hour is kept for the question, which then asks only morning or evening.
                if (!isExpected && problem == SlotValueParser.AmbiguousHour && KeepHour(turn, set.Slot, set.Value))
                {
                    Accept(turn, set);
                    turn.Trace.Events.Add("hour_kept:" + set.Slot);
                    progressed = true;
                    continue;
                }
                Reject(turn, set, "invalid value (" + problem + ")");
                turn.Trace.Events.Add("slot_invalid:" + set.Slot);
                if (isExpected) expectedFailed = true;
                // Out of the type's min/max: the out_of_range pattern names the range instead of a generic reprompt;
                // a refused file gets the pattern that says why (wrong type, too large, words instead of a file).
                if (isExpected && SlotValueParser.IsOutOfRange(problem) && failedRule is null && frame is not null
                    && double.TryParse(set.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var tooLarge)
                    && Math.Abs(tooLarge) > SlotValueParser.MaxExactNumber)
                {
                    failedRule = SlotRules.FirstFailingFor(turn, frame, set.Slot, tooLarge);
                }
                if (isExpected && SlotValueParser.IsOutOfRange(problem)) failedRule ??= bot.Definition.Patterns.OutOfRange;
                // "can we come with 15 people?": said at that slot's question when the flow reaches it now (a submitted
                // form's picker showed the range already).
                if (!isExpected && SlotValueParser.IsOutOfRange(problem) && frame == turn.Top && turn.UserText is not null) turn.RefusedOutOfRange = set.Slot;
                // "Thursday" for a date-time: the day is kept for a time alone as the next answer ("at 3pm").
                if (isExpected && problem == SlotValueParser.TimeMissing && failedRule is null)
                {
                    failedRule = bot.Definition.Patterns.TimeMissing;
                    turn.Trace.Events.Add("pattern:time_missing");
                    // "Thursday morning": the part of the day is kept with the day, reads the bare hour that answers, and
                    // the question names both ("What time on Thursday, March 5, 2026, in the morning?").
                    // "next week" ("a check-up next week", then "tuesday"): the week is kept, a weekday alone is in it, and
                    // the question names the day taken for the week ("What time on Monday, December 14, 2026?").
                    var week = KeepWeek(turn, set.Slot, atAsk: true, text: turn.UserText ?? set.Value);
                    var reading = SlotRules.Reading(turn, set.Slot, turn.UserParse);
                    turn.Top!.PendingDay = SlotValueParser.DayOf(bot.SlotInfo(slot, turn.Language), set.Value, reading)
                        ?? SlotValueParser.Extract(new SlotInfo { Name = set.Slot, Kind = "date" }, set.Value, reading);
                    // A weekday inside a span named before ("next month", then "monday") is named back as the day it read;
                    // so is the first day of a period ("from friday to monday" for a pickup and return: "What time on Friday?").
                    if (SlotValueParser.ReadKeptDay(turn.Top.PendingDay) is (_, not null)
                        || ((week is not null || FlowFrame.IsSpan(turn.Top.PendingWeek) || (period is var (periodStart, _) && periodStart == set.Slot
                            && turn.PeriodRead)) && turn.Top.PendingDay is not null))
                    {
                        failedRule = bot.Definition.Patterns.TimeForDay;
                        turn.Trace.Events.Add("pattern:time_for_day");
                        turn.EarlyValue = FlowRunner.ShownDay(turn, turn.Top.PendingDay!);
                    }
                }
                // "mid-December", "next month": which day in it, the span named back; a weekday or a day of the month alone as the next
                // answer is read from its first day on (as in a week kept: FlowFrame.PendingWeek).
                if (isExpected && problem == SlotValueParser.DayInSpan && failedRule is null
                    && SlotValueParser.SpanOf(bot.SlotInfo(slot, turn.Language), turn.UserText ?? set.Value, turn.UserParse) is var (first, last))
                {
                    failedRule = bot.Definition.Patterns.DayInSpan;
                    turn.Trace.Events.Add("pattern:day_in_span");
                    turn.Top!.PendingWeek = FlowFrame.KeepSpan(first, last);
                    turn.EarlyValue = FlowRunner.ShownSpan(turn, turn.Top.PendingWeek);
                }
                if (isExpected && problem == SlotValueParser.AmbiguousHour && failedRule is null)
                {
                    failedRule = bot.Definition.Patterns.TimeAmbiguous;
                    turn.Trace.Events.Add("pattern:time_ambiguous");
                    // "friday at 8", then "in the evening": the next answer says only which half of the day, and "8pm"
                    // alone is on the day already named (not today's next 8pm).
                    turn.Top!.PendingHour = set.Value;
                    // "wednesday", then "at 7": the day kept before stays.
                    if (bot.SlotInfo(slot, turn.Language).Kind == "datetime") turn.Top.PendingDay = SlotValueParser.Extract(new SlotInfo { Name = set.Slot, Kind = "date" }, set.Value, turn.UserParse) ?? turn.Top.PendingDay;
                }
                // "1200 EUR and 50 for the taxi": which amount, named back; "the first" is the next answer then.
                if (isExpected && problem == SlotValueParser.SeveralAmounts && failedRule is null)
                {
                    failedRule = bot.Definition.Patterns.AmountAmbiguous;
                    turn.Trace.Events.Add("pattern:amount_ambiguous");
                    turn.Top!.PendingValues = [.. SlotValueParser.Amounts(bot.SlotInfo(slot, turn.Language), set.Value, turn.UserParse)];
                }
                // "somewhere between central and north", "anything but the harbour": which of the choices left, named back
                // with only their buttons; "the first" is the next answer then.
                if (isExpected && problem == SlotValueParser.SeveralChoices && failedRule is null)
                {
                    failedRule = bot.Definition.Patterns.ChoiceAmbiguous;
                    turn.Trace.Events.Add("pattern:choice_ambiguous");
                    turn.Top!.PendingValues = [.. SlotValueParser.ChoicesLeft(bot.SlotInfo(slot, turn.Language), set.Value, Lexicon.For(turn.Language))];
                }
                // "both", "beide" after it: the bot needs one amount or choice, so the same question, naming them again.
                if (isExpected && failedRule is null && turn.Top!.PendingValues is [_, _, ..] && Lexicon.For(turn.Language).MeansAll(set.Value))
                {
                    var choices = bot.TypeOf(slot).Kind == SlotKind.Enum;
                    failedRule = choices ? bot.Definition.Patterns.ChoiceAmbiguous : bot.Definition.Patterns.AmountAmbiguous;
                    turn.Trace.Events.Add(choices ? "pattern:choice_ambiguous" : "pattern:amount_ambiguous");
                }
                if (isExpected && failedRule is null) failedRule = FileSlots.PatternFor(turn, problem);
                continue;
            }
            if (bot.IsSensitive(slot)) turn.SensitiveInput = true;
            // The slot's rules hold for every value it gets: the answer to its ask, an early fill, a correction.
            var old = turn.Value(frame, set.Slot);
            turn.Set(frame, set.Slot, normalized);
            if (SlotRules.FirstFailing(turn, frame, set.Slot) is { } rule)
            {
                turn.Set(frame, set.Slot, old);
                Reject(turn, set, "validation failed (" + rule.Name + ")");
                turn.Trace.Events.Add("slot_invalid:" + set.Slot);
                if (isExpected)
                {
                    failedRule = rule;
                    expectedFailed = true;
                    if (frame is not null && frame == turn.Top && bot.TypeOf(slot).Kind == SlotKind.Date) KeepWeek(turn, set.Slot, atAsk: true, refused: normalized);
                }
                else
                {
                    if (otherFailedRule is null && frame == turn.Top) turn.RefusedByRule = set.Slot;
                    otherFailedRule ??= rule;
                    // "I'd like a table next week" at a restaurant closed on its Monday: the week is kept for the day question.
                    if (frame is not null && frame == turn.Top && bot.TypeOf(slot).Kind == SlotKind.Date) KeepWeek(turn, set.Slot);
                }
                continue;
            }
            Accept(turn, set);
            if (frame == turn.Top && bot.TypeOf(slot).Kind == SlotKind.Date)
            {
                KeepDayPart(turn, normalized);
                // "Termin nächste Woche" took its Monday: "Dienstag" as a change later is next week's Tuesday too.
                KeepWeek(turn, set.Slot, taken: normalized);
            }
            if (isExpected)
            {
                turn.Trace.Events.Add("slot_set:" + set.Slot);
            }
            else
            {
                // Changing a value the user gave before is a correction (acknowledged); filling a later slot early, or
                // repeating the value it has, is not.
                var changed = old is { } before && !System.Text.Json.JsonElement.DeepEquals(before, normalized);
                turn.Trace.Events.Add((changed ? "slot_corrected:" : "slot_set:") + set.Slot);
                if (changed)
                {
                    corrected = true;
                    correctedSlots.Add(set.Slot);
                }
                // A value for a question the flow asks later, typed at another question, or one the user says again
                // ("9am" after "Tuesday morning" kept 9:00): shown back, so the user sees it was taken (a submitted form
                // shows its own values).
                if ((old is null || (!changed && accepted.OfType<SetSlotCommand>().Count() == 1)) && !flowStarted && expectedAsk is not null && frame == turn.Top && turn.UserText is not null && !bot.IsSensitive(slot))
                {
                    early.Add((set.Slot, SlotValues.Display(normalized, bot.TypeOf(slot), SlotValues.DisplayContext.Of(turn))));
                }
            }
            if (frame is null && !bot.IsSensitive(slot)) keptAtTop.Add(SlotValues.Display(normalized, bot.TypeOf(slot), SlotValues.DisplayContext.Of(turn)));
            progressed = true;
            slotsChanged = true;
            changedSlots.Add(set.Slot);
        }

        // A value that broke its slot's rules outside its own ask: say why and carry on where we were. At a
        // confirmation the answer that came with it is not applied: the user is asked to confirm again.
        if (otherFailedRule is not null && !expectedFailed)
        {
            await replies.SayAsync(turn, otherFailedRule.Name, false, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }

        var confirmAnswer = accepted.FirstOrDefault(c => c.Kind is CommandKind.Affirm or CommandKind.Deny);
        if (confirmAnswer is not null && turn.CurrentStep is ConfirmStep confirmStep && !flowStarted)
        {
            Accept(turn, confirmAnswer);
            if (turn.AwaitsChange)
            {
                // At "what would you like to change?" values are the changes; a bare yes or no means nothing to change.
                if (slotsChanged) await SayCorrectedAsync(turn, changedSlots, cancellationToken);
                await flows.ConfirmAgainAsync(turn, confirmStep, changedSlots, cancellationToken);
                return;
            }
            if (corrected)
            {
                // "No, make it 3", and "yes, but large": the correction is the answer; ask again with the new values,
                // so what is confirmed is what the user saw.
                turn.Trace.Events.Add("pattern:correction");
                await SayCorrectedAsync(turn, changedSlots, cancellationToken);
                await flows.ConfirmAgainAsync(turn, confirmStep, changedSlots, cancellationToken);
                return;
            }
            await flows.AnswerConfirmAsync(turn, confirmStep, confirmAnswer.Kind == CommandKind.Affirm, cancellationToken);
            return;
        }

        if (!flowStarted && turn.CurrentStep is ConfirmStep atConfirm && (corrected || (slotsChanged && turn.AwaitsChange)))
        {
            // A correction at a confirmation (or the answer to its change prompt): confirm again, after on_change re-ran what depends on it.
            turn.Trace.Events.Add("pattern:correction");
            await SayCorrectedAsync(turn, changedSlots, cancellationToken);
            await flows.ConfirmAgainAsync(turn, atConfirm, changedSlots, cancellationToken);
            return;
        }

        if (corrected)
        {
            turn.Trace.Events.Add("pattern:correction");
            await SayCorrectedAsync(turn, correctedSlots, cancellationToken);
            // "actually make it Saturday" at the e-mail: the author's checks between that question and this one see the new value.
            if (!flowStarted && await flows.RecheckAsync(turn, correctedSlots, cancellationToken)) return;
            // "actually 4 bikes" at the e-mail: the total worked out from the count follows it.
            if (!flowStarted && await flows.ReworkAsync(turn, correctedSlots, cancellationToken)) return;
        }
        else if (early.Count > 0 && !expectedFailed)
        {
            await SayKeptAsync(turn, [.. early.Select(e => StayShown(turn, period, expectedAsk, changedSlots, e.Slot) ?? e.Shown)], cancellationToken);
        }
        foreach (var other in accepted.Where(c => c.Kind is CommandKind.Help or CommandKind.Chitchat or CommandKind.Clarify))
        {
            if (handled || progressed) break;
            Accept(turn, other);
            handled = true;
            switch (other)
            {
                case HelpCommand { About: StepQuestion.WhereWasI }:
                    // The flow by name, then (below) the question it waits for again; no attempt is counted.
                    turn.Trace.Events.Add("pattern:recap");
                    await replies.SayAsync(turn, bot.Definition.Patterns.Recap.Name, false, cancellationToken);
                    break;
                case HelpCommand { About: StepQuestion.Needs } when turn.State.Stack.Count > 0:
                    // "what do you need from me?": what the flow still asks for ({{ flow.missing }}), then (below) the
                    // question again; no attempt is counted. With nothing running it is a plea for help (the topics).
                    turn.Trace.Events.Add("pattern:needs");
                    await replies.SayAsync(turn, bot.Definition.Patterns.Needs.Name, false, cancellationToken);
                    break;
                case HelpCommand { About: StepQuestion.Options } choices:
                    // The choices in words ({{ options.list }}), then the question again with its buttons; no attempt is counted.
                    // The choices of another slot the user asked about ("which branches are there?" at the day) likewise.
                    turn.OptionsSlot = choices.Slot;
                    turn.Trace.Events.Add("pattern:options");
                    await replies.SayAsync(turn, bot.Definition.Patterns.Options.Name, false, cancellationToken);
                    break;
                case HelpCommand { About: StepQuestion.Repeat }:
                    // "what?", "sorry?": the question again (below), no attempt counted.
                    turn.Trace.Events.Add("pattern:repeat");
                    await replies.SayAsync(turn, bot.Definition.Patterns.Repeat.Name, false, cancellationToken);
                    break;
                case HelpCommand { About: StepQuestion.DontKnow }:
                    // The step's help says where to find the answer (the interpreter reads "I don't know" so only when the
                    // step has one, or, from a model, at a free-text question: there without a help, answer_required as
                    // for the exact phrase). It still counts as an attempt: a user who cannot answer after the help
                    // reaches the step's on_exhausted (a person, say) instead of going round in circles.
                    var stepHelp = (turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help;
                    turn.Trace.Events.Add(stepHelp is null ? "pattern:answer_required" : "dont_know");
                    await flows.FailedAttemptAsync(turn, null, cancellationToken, hint: stepHelp is null ? bot.Definition.Patterns.AnswerRequired : null, help: stepHelp);
                    return;
                case HelpCommand { About: StepQuestion.WhyAsked }:
                    // The step's own help explains its question best; else the pattern says what it is for.
                    turn.Trace.Events.Add("pattern:why_asked");
                    var why = (turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help ?? bot.Definition.Patterns.WhyAsked;
                    await replies.SayAsync(turn, why.Name, false, cancellationToken);
                    break;
                case HelpCommand:
                    turn.Trace.Events.Add("pattern:help");
                    var help = (turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help ?? turn.TopFlow?.Definition.Help ?? bot.Definition.Patterns.Help;
                    // The built-in help speaks of "the topics I know" without naming them (and of a cancel with nothing
                    // to cancel): at the top level the topics themselves are the better help. An author's help is said.
                    if (turn.State.Stack.Count == 0 && help.Name.StartsWith(Runtime.BuiltinResponses.Prefix, StringComparison.Ordinal) && await SayTopicsAsync(turn, cancellationToken)) break;
                    await replies.SayAsync(turn, help.Name, false, cancellationToken);
                    break;
                case ChitchatCommand:
                    turn.Trace.Events.Add("pattern:chitchat");
                    await replies.SayAsync(turn, SmallTalkResponse(turn).Name, false, cancellationToken);
                    break;
                case ClarifyCommand { Flows: [var offered] } when turn.State.Stack.Count > 0 && bot.Flows.ContainsKey(offered):
                    // A doubtful request for another flow in the middle of one (TurnInterpreter.SwitchOffer): "Do you want
                    // … instead?" with Yes and No; the message is kept, so the flow a yes starts gets what it named.
                    turn.Trace.Events.Add("pattern:switch_flow");
                    turn.State.Pending = PendingQuestion.SwitchFlow;
                    turn.State.SwitchTo = offered;
                    if (!turn.SensitiveInput && turn.UserText is { Length: > 0 and <= 1000 } asked) turn.State.Clarified = asked;
                    await replies.SayAsync(turn, bot.Definition.Patterns.SwitchFlow.Name, true, cancellationToken, yesNo: true, roles: new FlowRoles(offered, null, null));
                    return;
                case ClarifyCommand clarify:
                    turn.Trace.Events.Add("pattern:clarify");
                    // A message clarified again keeps the first one's values with its own ("Reifenwechsel bitte", then "Termin":
                    // the booking or its cancellation? The booking picked still has the tyre change).
                    var clarifiedText = turn.ClarifiedBefore is { } before ? before + "\n" + turn.UserText : turn.UserText;
                    if (turn.State.Stack.Count == 0 && !turn.SensitiveInput && clarifiedText is { Length: <= 1000 }) turn.State.Clarified = clarifiedText;
                    var options = clarify.Flows.Where(f => bot.Flows.ContainsKey(f)).Select(f => bot.Flows[f]).ToList();
                    await replies.SayAsync(turn, bot.Definition.Patterns.Clarify.Name, true, cancellationToken,
                        extraButtons: [.. options.Select(f => new ReplyButton(ReplyRenderer.FlowTitle(turn, f), f.Id))]);
                    return;
            }
        }

        // A request read as at the top level for a flow that is running (WantedElsewhere at a confirmation) is one too.
        if (alreadyRunning is null && turn.WantedElsewhere is { } wanted && turn.State.Stack.Any(f => f.Flow == wanted)) alreadyRunning = wanted;
        if (alreadyRunning is not null && !expectedFailed && !progressed && !handled && !corrected)
        {
            // "I want to book a repair" while booking one: no failed answer. The response names the flow asked for
            // ({{ flow.label }}, never empty), then the question comes again.
            turn.Trace.Events.Add("pattern:already_running");
            await replies.SayAsync(turn, bot.Definition.Patterns.AlreadyRunning.Name, false, cancellationToken, roles: new FlowRoles(alreadyRunning, null, null));
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        // Nothing placed the words, and the engine has no question of its own open (a cancel or start-over confirmation).
        bool Unplaced() => turn.State.Pending is null && commands.All(c => c is CannotHandleCommand);
        // "skip", "n/a", "weiß nicht", "can I skip this?" at a free-text question: no answer, and this one needs one.
        bool FreeTextNoAnswer() => Unplaced() && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: "text" }
            && Lexicon.For(turn.Language).IsNoAnswer(turn.UserText);
        // "skip", "can I skip this?" at an optional question of any kind (an e-mail, a date): it skips the question; so
        // does the model's reading of the user's own words as not answering it (TurnContext.SkipsOptional).
        bool OptionalNoAnswer() => Unplaced() && turn.CurrentStep is AskStep { Optional: true }
            && (turn.SkipsOptional || Lexicon.For(turn.Language).IsNoAnswer(turn.UserText)) && !AskedWhatToWrite();
        // "no", "nope, thanks", "nein danke" at an optional question ("Should we prepare anything?" — the restaurant trial
        // got "A yes or no does not answer this question."): nothing to give, so the question is left out like "none".
        bool OptionalDeclined() => turn.State.Pending is null && turn.CurrentStep is AskStep { Optional: true }
            && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: not "boolean" }
            && commands.Any(c => c.Kind == CommandKind.Deny) && commands.All(c => c.Kind is CommandKind.Deny or CommandKind.CannotHandle);
        // "what should I write here?", "what can I say?" at an optional question with no help of its own: the user asks
        // what to answer, which neither leaves the question out nor makes it required; the question again tells them.
        bool AskedWhatToWrite() => Unplaced() && turn.CurrentStep is AskStep { Optional: true, Help: null } && !turn.SkipsOptional
            && Lexicon.For(turn.Language) is var asked && asked.IsQuestion(turn.UserText)
            && asked.StepQuestionOf(turn.UserText) is StepQuestion.DontKnow or StepQuestion.Options;
        // "can I skip this?", "I don't know", "I don't have my policy number here" at a required question of another kind
        // (a date, an e-mail, a pattern) without a help text: it needs an answer, which the answer_required reply says;
        // it is neither a side question the bot does not cover nor an answer of the wrong form ("not a valid answer").
        bool NoAnswerAtRequired() => Unplaced() && turn.CurrentStep is AskStep && Lexicon.For(turn.Language).IsNoAnswer(turn.UserText);
        if (turn.WantedElsewhere is not null && !expectedFailed && !progressed && !handled && !corrected && turn.State.Pending is null && turn.CurrentStep is ConfirmStep)
        {
            // "what are your hours?" while confirming a reservation: the bot can help with it, but not before this is
            // answered. Saying so is no wrong answer ("Please answer yes or no." said nothing of why), so no attempt counts.
            foreach (var c in accepted) Accept(turn, c);
            turn.Trace.Events.Add("pattern:finish_first");
            await replies.SayAsync(turn, bot.Definition.Patterns.FinishFirst.Name, false, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (!expectedFailed && !progressed && !handled && !corrected && AskedWhatToWrite())
        {
            foreach (var c in accepted) Accept(turn, c);
            turn.Trace.Events.Add("pattern:repeat");
            await replies.SayAsync(turn, bot.Definition.Patterns.Repeat.Name, false, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (!expectedFailed && !progressed && !handled && !corrected && turn.CurrentStep is AskStep or ConfirmStep
            && commands.All(c => c is CannotHandleCommand) && Lexicon.For(turn.Language) is var asking
            && (asking.IsQuestion(turn.UserText) || asking.IsShortQuestion(turn.UserText)) && !FreeTextNoAnswer() && !OptionalNoAnswer() && !NoAnswerAtRequired())
        {
            // "can I pay with PayPal?" at "Which size?": a question nothing answers is a side question the bot does not
            // cover, not a wrong answer — whichever recognizer found nothing. Say so, then the question again; no
            // attempt is counted, so side questions never use up the question. Wrong answers ("no idea", "lots") are
            // no questions and still count; "how long?" at the branch is a question, not a choice not on the list.
            foreach (var c in accepted) Accept(turn, c);
            turn.Trace.Events.Add("pattern:off_topic");
            await replies.SayAsync(turn, bot.Definition.Patterns.OffTopic.Name, false, cancellationToken);
            await flows.RunAsync(turn, cancellationToken);
            return;
        }
        if (expectedFailed || (!progressed && !handled && !corrected && turn.CurrentStep is AskStep or ConfirmStep))
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            // Words at a file ask that meant nothing else: ask for the file, not for a better wording.
            if (failedRule is null && FileSlots.AtFileAsk(turn)) failedRule = FileSlots.PatternFor(turn, SlotValueParser.NotAFile);
            // "keine Angabe", "skip" at an optional question: no value, and the flow goes on.
            if (failedRule is null && (OptionalNoAnswer() || OptionalDeclined()) && turn.CurrentStep is AskStep optional)
            {
                await flows.SkipAsync(turn, optional, cancellationToken);
                return;
            }
            // A bare yes or no at a free-text question (the interpreter passes it on as one): say it is no answer here.
            NameRef? hint = null;
            var counted = true;
            if (failedRule is null && turn.State.Pending is null && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: "text" } && commands.Any(c => c.Kind is CommandKind.Affirm or CommandKind.Deny))
            {
                hint = bot.Definition.Patterns.TextExpected;
                turn.Trace.Events.Add("pattern:text_expected");
            }
            else if (failedRule is null && (FreeTextNoAnswer() || NoAnswerAtRequired()))
            {
                // "skip", "n/a", "weiß nicht", "can I skip this?" at a free-text question: this one needs an answer to go on
                // (a question, but not one the bot does not cover: off_topic above leaves it out).
                hint = bot.Definition.Patterns.AnswerRequired;
                turn.Trace.Events.Add("pattern:answer_required");
            }
            else if (failedRule is null && commands.All(c => c is CannotHandleCommand) && TurnLanguage.Unspoken(bot, turn.UserText))
            {
                // "ich brauche eine Impfung" at an English question: say which language the bot reads, then the question.
                // Not a wrong answer but none the bot can read: it uses up no attempt (three German answers ended the
                // flow with "that did not work out" before the user had a chance to switch language).
                hint = bot.Definition.Patterns.OtherLanguage;
                counted = false;
                turn.Trace.Events.Add("pattern:other_language");
            }
            await flows.FailedAttemptAsync(turn, failedRule, cancellationToken, hint, counted: counted);
            return;
        }
        if (!progressed && !handled && !corrected)
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            // "Ich brauche einen Termin" to a bot in English only: not "say it differently", but which language it reads.
            var unspoken = TurnLanguage.Unspoken(bot, turn.UserText);
            turn.Trace.Events.Add(unspoken ? "pattern:other_language" : "pattern:cannot_handle");
            await replies.SayAsync(turn, (unspoken ? bot.Definition.Patterns.OtherLanguage : bot.Definition.Patterns.CannotHandle).Name, false, cancellationToken);
            if (unspoken || turn.State.Stack.Count > 0) return;
            // A second "say it differently" in a row helps nobody: the user does not know what the bot covers. From the
            // second message in a row the bot cannot place, it offers its topics as buttons ("2" picks the second); at
            // once for a message the recognizer placed among what the bot does not cover ("what's my balance" to a bank
            // without a balance flow), which no rewording makes one the bot covers.
            turn.State.Misses = turn.Misses + 1;
            if (turn.Misses >= 1 || turn.OutOfScope) await SayTopicsAsync(turn, cancellationToken);
            return;
        }
        await flows.RunAsync(turn, cancellationToken);
        if (turn.Replies.Count == 0 && turn.State.Stack.Count == 0 && keptAtTop.Count > 0)
        {
            // A value for a bot-wide slot with nothing running (a submitted {"email": ...}): kept for the flows that ask
            // for it, said back, and the topics offered; before, the slot was set and the user heard nothing.
            await SayKeptAsync(turn, keptAtTop, cancellationToken);
            await SayTopicsAsync(turn, cancellationToken);
        }
    }

    /// <summary>The <c>topics</c> pattern with the bot's topics as buttons; false (nothing said) for a bot that has none to offer.</summary>
    private async Task<bool> SayTopicsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (ReplyRenderer.Topics(turn) is not { Count: > 0 } topics) return false;
        turn.Trace.Events.Add("pattern:topics");
        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Topics.Name, true, cancellationToken, extraButtons: topics);
        return true;
    }

    /// <summary>
    /// "Dec 18 to Dec 20" at the arrival: the other day of the flow's period, kept with the asked one, is said back as the
    /// whole stay ("Friday, December 18, 2026 – Sunday, December 20, 2026"), not alone as if it answered the question.
    /// Null for any other slot.
    /// </summary>
    private static string? StayShown(TurnContext turn, (string Start, string End)? period, AskStep? asked, List<string> changedSlots, string slot)
    {
        if (period is not var (start, end) || asked?.Slot.Name is not { } name || name == slot || (slot != start && slot != end)
            || (name != start && name != end) || !changedSlots.Contains(name)) return null;
        var shown = new[] { start, end }.Select(s => turn.Bot.FindSlot(turn.Top?.Flow, s) is { } definition && turn.Value(s) is { } value
            ? SlotValues.Display(value, turn.Bot.TypeOf(definition), SlotValues.DisplayContext.Of(turn)) : null).ToList();
        return shown is [{ } first, { } last] ? first + " – " + last : null;
    }

    /// <summary>
    /// Keeps the day of a date-time value that names no time for the running flow's ask of that slot, which comes later
    /// (<see cref="FlowFrame.EarlyDays"/>), and returns the day as the user reads it; null when the flow does not ask
    /// for the slot, has passed that ask, or the value names no day within the type's range.
    /// </summary>
    private static string? KeepDay(TurnContext turn, string name, SlotInfo slot, string value)
    {
        if (turn.Top is not { } top || turn.TopFlow is not { } flow || FlowRunner.FillingStep(flow, name) is not AskStep ask
            || ask == turn.CurrentStep || FlowRunner.Answered(turn, top, name)
            || SlotValueParser.DayOf(slot, value, turn.UserParse) is not { } day) return null;
        (top.EarlyDays ??= [])[name] = day;
        KeepWeek(turn, name);
        return FlowRunner.ShownDay(turn, day);
    }

    /// <summary>
    /// Keeps the week the user's message (or <paramref name="text"/>) names ("next week"), or the span of days it names
    /// instead of a day ("next month", "im Januar", "mid-December": <see cref="SlotValueParser.SpanOf"/>), for a date or
    /// date-time slot, and returns it as kept (<see cref="FlowFrame.KeptSpan"/>): at the slot's own question (<paramref name="atAsk"/>) as the ask's
    /// <see cref="FlowFrame.PendingWeek"/>, otherwise for later (<see cref="FlowFrame.EarlyWeeks"/>), so a weekday or day
    /// of the month alone for it, an answer or a change, is in that week or span. A day the slot took
    /// (<paramref name="taken"/>) is kept with the week only when it lies in it ("next week, or rather tomorrow" keeps
    /// none); a day the flow refused at its question (<paramref name="refused"/>: "monday" after "next week" at a
    /// restaurant closed on Mondays) keeps the week held when it lies in it, any other ends it.
    /// </summary>
    private static string? KeepWeek(TurnContext turn, string name, bool atAsk = false, string? text = null,
        System.Text.Json.JsonElement? taken = null, System.Text.Json.JsonElement? refused = null)
    {
        if (turn.Top is not { } top) return null;
        static string? DayOf(System.Text.Json.JsonElement? value) => value is { ValueKind: System.Text.Json.JsonValueKind.String } day ? day.GetString() : null;
        var said = text ?? turn.UserText;
        var week = SlotValueParser.WeekOf(said, turn.UserParse);
        // A span is kept by its first day, as a week by its Monday; a day taken must lie in the span.
        var span = week is null ? (turn.Bot.FindSlot(top.Flow, name) is { } slot ? SlotValueParser.SpanOf(turn.Bot.SlotInfo(slot, turn.Language), said, turn.UserParse) : SlotValueParser.SpanOf(said, turn.UserParse)) : null;
        var start = week ?? (span is var (first, last) ? FlowFrame.KeepSpan(first, last) : null);
        if (atAsk)
        {
            if (start is not null) top.PendingWeek = start;
            else if (refused is not null && !FlowFrame.InWeek(DayOf(refused), top.PendingWeek)) top.PendingWeek = null;
            return start;
        }
        if (start is null) return null;
        if (taken is not null && !FlowFrame.InWeek(DayOf(taken), start)) return null;
        (top.EarlyWeeks ??= [])[name] = start;
        return start;
    }

    /// <summary>
    /// "friday evening" for a day whose time the flow asks in a slot of its own: the part of the day is kept with the
    /// day for that time question (<see cref="FlowFrame.EarlyDays"/>), so a bare hour there reads in it ("8" is 20:00).
    /// </summary>
    private static void KeepDayPart(TurnContext turn, System.Text.Json.JsonElement day)
    {
        if (turn.UserText is not { } text || turn.Top is not { } top || turn.TopFlow is not { } flow || day.ValueKind != System.Text.Json.JsonValueKind.String
            || SlotValueParser.DayPartIn(text, turn.UserParse) is not { } part) return;
        foreach (var ask in flow.Steps.OfType<AskStep>())
        {
            if (ask == turn.CurrentStep || FlowRunner.Answered(turn, top, ask.Slot.Name) || turn.Bot.FindSlot(top.Flow, ask.Slot.Name) is not { } time
                || turn.Bot.TypeOf(time).Kind != SlotKind.Time) continue;
            (top.EarlyDays ??= [])[ask.Slot.Name] = SlotValueParser.KeptDay(day.GetString()!, part);
            return;
        }
    }

    /// <summary>
    /// The <c>correction</c> pattern with the new values said back ("Got it, I have changed that to 2."), so a misread
    /// change shows before the flow goes on; without a value to show (a sensitive slot) the pattern's other wording.
    /// </summary>
    private Task SayCorrectedAsync(TurnContext turn, List<string> slots, CancellationToken cancellationToken)
    {
        // Read back from where each value now lives, only when a correction is said (not for every value of every turn).
        var values = slots.Distinct(StringComparer.Ordinal)
            .Select(name => FindSlotForSet(turn, name) is (var frame, { } slot) && !turn.Bot.IsSensitive(slot) && turn.Value(frame, name) is { } value
                ? SlotValues.Display(value, turn.Bot.TypeOf(slot), SlotValues.DisplayContext.Of(turn)) : null)
            .ToList();
        turn.CorrectedValue = values.Count > 0 && values.All(v => v is not null) ? string.Join(", ", values) : null;
        return replies.SayAsync(turn, turn.Bot.Definition.Patterns.Correction.Name, false, cancellationToken);
    }

    /// <summary>
    /// Keeps the words of an hour that may be morning or evening for the running flow's ask of that slot, which comes
    /// later (<see cref="FlowFrame.EarlyHours"/>); false when the flow does not ask for the slot or has passed that ask.
    /// </summary>
    private static bool KeepHour(TurnContext turn, string name, string words)
    {
        if (turn.Top is not { } top || turn.TopFlow is not { } flow || FlowRunner.FillingStep(flow, name) is not AskStep ask
            || ask == turn.CurrentStep || FlowRunner.Answered(turn, top, name)) return false;
        (top.EarlyHours ??= [])[name] = words;
        return true;
    }

    /// <summary>The <c>early_answer</c> pattern: the values kept this turn that the user did not see asked for, said back.</summary>
    private Task SayKeptAsync(TurnContext turn, List<string> values, CancellationToken cancellationToken)
    {
        turn.Trace.Events.Add("pattern:early_answer");
        turn.EarlyValue = string.Join(", ", values);
        return replies.SayAsync(turn, turn.Bot.Definition.Patterns.EarlyAnswer.Name, false, cancellationToken);
    }

    /// <summary>
    /// True when the commands start a flow other than the one running, the only one on the stack: with a cancel, that
    /// flow replaces the running one ("forget it, I want to report a problem"). <paramref name="again"/>: the running
    /// flow counts too, begun anew ("cancel this and book a new one for Friday" while booking).
    /// </summary>
    internal static bool StartsAnotherFlow(TurnContext turn, IEnumerable<Command> commands, bool again = false) =>
        turn.State.Stack.Count == 1 && commands.OfType<StartFlowCommand>().Any(s => again || s.Flow != turn.Top!.Flow);

    /// <summary>
    /// Small talk's reply, whichever path found it: thanks get "You're welcome!", a goodbye (or a bare no when nothing
    /// was asked: "no thanks" after an order was placed) gets "Goodbye!", anything else the chit-chat response.
    /// </summary>
    private static NameRef SmallTalkResponse(TurnContext turn)
    {
        var patterns = turn.Bot.Definition.Patterns;
        var talk = SmallTalkOf(turn) ?? (turn.State.Stack.Count == 0 && Lexicon.For(turn.Language).YesNo(turn.UserText) == false ? SmallTalkKind.Goodbye : null);
        if (talk is not { } kind) return patterns.Chitchat;
        turn.Trace.Events.Add(kind == SmallTalkKind.Thanks ? "pattern:thanks" : "pattern:goodbye");
        return kind == SmallTalkKind.Thanks ? patterns.Thanks : patterns.Goodbye;
    }

    /// <summary>Thanks or a goodbye as the user's whole message, in the turn's language or any other of the bot's; null otherwise.</summary>
    // "danke", "tschüss" on an English channel of a bot that speaks German too: thanks and goodbye in any of its languages.
    private static SmallTalkKind? SmallTalkOf(TurnContext turn) =>
        Lexicon.For(turn.Language).SmallTalkOf(turn.UserText)
        ?? turn.Bot.Settings.Languages.Select(l => Lexicon.For(l).SmallTalkOf(turn.UserText)).FirstOrDefault(k => k is not null);

    private async Task StartOverAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var roles = FlowRoles.Of(turn);
        FlowRunner.ClearFlows(turn);
        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.StartOver.Name, false, cancellationToken, roles: roles);
        if (turn.Bot.Settings.Welcome is { } welcome) await replies.SayAsync(turn, welcome.Name, false, cancellationToken);
    }

    /// <summary>The command kinds the current position accepts (the step and its <c>interruptions:</c>).</summary>
    private static readonly CommandKind[] Patterns = [CommandKind.Help, CommandKind.StartOver, CommandKind.Handoff, CommandKind.Chitchat];

    public static List<CommandKind> AllowedCommands(TurnContext turn)
    {
        var scope = InterruptionScope.For(turn);
        var allowed = new List<CommandKind>(12) { CommandKind.CannotHandle };
        if (scope.AllowsAnyFlow) allowed.AddRange([CommandKind.StartFlow, CommandKind.Clarify]);
        if (turn.CurrentStep is AskStep || scope.AllowsAnyCorrection || scope.AllowsAnyFlow) allowed.Add(CommandKind.SetSlot);
        foreach (var pattern in Patterns)
        {
            if (scope.AllowsPattern(pattern)) allowed.Add(pattern);
        }
        if (turn.State.Stack.Count > 0 && scope.AllowsPattern(CommandKind.Cancel)) allowed.Add(CommandKind.Cancel);
        if (turn.AwaitsYesNo)
        {
            allowed.Add(CommandKind.Affirm);
            allowed.Add(CommandKind.Deny);
        }
        return allowed;
    }

    /// <summary>
    /// The user's yes (true) or no (false) to the bot's "are you sure?" <paramref name="question"/> (cancel, start over,
    /// handoff); null when that question is not pending or the input answers neither (the user moved on: the question is
    /// dropped and the input handled normally).
    /// </summary>
    private static bool? PendingAnswer(TurnContext turn, List<Command> accepted, PendingQuestion question)
    {
        if (turn.State.Pending != question) return null;
        turn.State.Pending = null;
        if (accepted.FirstOrDefault(c => c.Kind is CommandKind.Affirm or CommandKind.Deny) is not { } answer) return null;
        Accept(turn, answer);
        return answer.Kind == CommandKind.Affirm;
    }

    // The first command of the kind (what OfType().FirstOrDefault() found, without an iterator per look).
    private static T? FirstOf<T>(List<Command> commands)
        where T : Command
    {
        foreach (var command in commands)
        {
            if (command is T found) return found;
        }
        return null;
    }

    /// <summary>
    /// The requests after <paramref name="first"/> in one message: the interpreter's second side (<see cref="ThenStartCommand"/>)
    /// and any further start a recognizer answered ("renew my loan and also reserve a book": a model's two start_flows).
    /// </summary>
    private static IEnumerable<(Command Command, string Flow)> LaterRequests(List<Command> commands, StartFlowCommand first)
    {
        var after = false;
        foreach (var command in commands)
        {
            if (command is ThenStartCommand then) yield return (then, then.Flow);
            else if (command is StartFlowCommand start && after) yield return (start, start.Flow);
            after |= ReferenceEquals(command, first);
        }
    }

    private static readonly IReadOnlySet<string> NoSlots = System.Collections.Frozen.FrozenSet<string>.Empty;

    private static bool StartsFlows(IReadOnlyList<Command> commands)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i] is StartFlowCommand or ThenStartCommand) return true;
        }
        return false;
    }

    /// <summary>The commands the current step lets through; the others are recorded as rejected with the reason.</summary>
    private static List<Command> WithinStep(TurnContext turn, IReadOnlyList<Command> commands)
    {
        var allowed = AllowedCommands(turn);
        var scope = InterruptionScope.For(turn);
        var asked = turn.State.Pending is null && turn.CurrentStep is AskStep ask ? ask.Slot.Name : null;
        // "forget it, can someone call me back" at a confirmation (the interpreter's cancel_then_start): the cancel leaves
        // the flow, so the flow requested after it was read as at the top level, where the step's interruptions end.
        var leaving = turn.State.Stack.Count == 1 && commands.Any(c => c is CancelCommand) && scope.AllowsPattern(CommandKind.Cancel)
            && StartsAnotherFlow(turn, commands, again: true);
        // Slots of a flow this input starts may be filled with it ("where is my order AB12345").
        // (Only built when the input starts a flow: most turns answer the current step.)
        var newFlowSlots = !StartsFlows(commands) ? NoSlots
            : commands.OfType<StartFlowCommand>().Select(s => s.Flow).Concat(commands.OfType<ThenStartCommand>().Select(t => t.Flow))
            .Where(f => (leaving || scope.AllowsFlow(f)) && turn.Bot.Flows.ContainsKey(f))
            .SelectMany(f => turn.Bot.Flows[f].Definition.Slots.Keys)
            .Where(s => !turn.Bot.WorkedOutSlots.Contains(s))
            .ToHashSet(StringComparer.Ordinal);
        var accepted = new List<Command>();
        foreach (var command in commands)
        {
            // A question answered from the knowledge at a confirmation (TurnContext.AnsweredAside): the answer leaves nothing.
            // "thanks", "danke" at a question whose interruptions leave out chitchat (the energy meter reading): thanking
            // leaves nothing, so it gets its "You're welcome!" and the question again, no attempt counted, instead of
            // the reprompt for a wrong reading. Other small talk stays the author's to let in.
            if ((leaving && (command is StartFlowCommand || (command is SetSlotCommand filled && newFlowSlots.Contains(filled.Slot))))
                || (command is StartFlowCommand aside && aside.Flow == turn.AnsweredAside && scope.AnswersAside)
                || (command is ChitchatCommand && SmallTalkOf(turn) == SmallTalkKind.Thanks))
            {
                accepted.Add(command);
                continue;
            }
            if (!allowed.Contains(command.Kind))
            {
                NoteWantedElsewhere(turn, [command]);
                Reject(turn, command, "not allowed at this step");
                continue;
            }
            var within = command switch
            {
                StartFlowCommand start => scope.AllowsFlow(start.Flow) ? command : null,
                ThenStartCommand then => scope.AllowsFlow(then.Flow) ? command : null,
                ClarifyCommand clarify => clarify.Flows.Where(scope.AllowsFlow).ToList() is { Count: > 0 } flows ? new ClarifyCommand(flows) : null,
                SetSlotCommand set => set.Slot == asked || newFlowSlots.Contains(set.Slot) || scope.AllowsCorrection(set.Slot) ? command : null,
                ChangeSlotCommand change => scope.AllowsCorrection(change.Slot) ? command : null,
                CancelCommand or HelpCommand or HandoffCommand or StartOverCommand or ChitchatCommand => scope.AllowsPattern(command.Kind) ? command : null,
                _ => command,
            };
            if (within is null)
            {
                NoteWantedElsewhere(turn, [command]);
                Reject(turn, command, "not allowed at this step (interruptions)");
                continue;
            }
            accepted.Add(within);
        }
        return accepted;
    }

    /// <summary>
    /// At a confirmation, the first flow that <paramref name="commands"/> ask for and the step's interruptions do not let
    /// in, kept as <see cref="TurnContext.WantedElsewhere"/> (the first one noted stays): another flow (finish_first), or
    /// one already running ("I want to reserve a book" at the reservation's own confirmation: already_running).
    /// </summary>
    internal static void NoteWantedElsewhere(TurnContext turn, IEnumerable<Command> commands)
    {
        if (turn.WantedElsewhere is not null || turn.State.Pending is not null || turn.CurrentStep is not ConfirmStep || turn.Top is null) return;
        var scope = InterruptionScope.For(turn);
        var wanted = commands.SelectMany(c => c switch
            {
                StartFlowCommand start => [start.Flow],
                ThenStartCommand then => [then.Flow],
                ClarifyCommand clarify => clarify.Flows,
                _ => (IEnumerable<string>)[],
            })
            .FirstOrDefault(f => turn.Bot.Flows.ContainsKey(f) && (!scope.AllowsFlow(f) || turn.State.Stack.Any(s => s.Flow == f)));
        if (wanted is null) return;
        turn.WantedElsewhere = wanted;
        turn.Trace.Events.Add("wanted_elsewhere:" + wanted);
    }

    private static string Describe(Command command) => command switch
    {
        StartFlowCommand s => $"start_flow {s.Flow}",
        ThenStartCommand t => $"then_start {t.Flow}",
        SetSlotCommand s => $"set_slot {s.Slot}",
        ChangeSlotCommand c => $"change_slot {c.Slot}",
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
}
