using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Moves flows: runs steps until the bot waits for input or no flow is left, jumps, completes, cancels and hands off,
/// and handles a failed attempt at the step the user was asked. Every loop is bounded by the bot's limits.
/// </summary>
internal sealed partial class FlowRunner(ReplyRenderer replies, HttpStepRunner http, AnswerStepRunner answers, ILogger logger)
{
    /// <summary>Runs steps until the bot waits for input or no flow is left.</summary>
    public async Task RunAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        while (turn.Top is { } frame)
        {
            if (++turn.Steps > turn.Bot.Settings.Limits.MaxStepsPerTurn)
            {
                await AbortAsync(turn, "limit:steps", cancellationToken);
                return;
            }
            var flow = turn.TopFlow!;
            var index = frame.Step is null ? 0 : flow.StepIndex.GetValueOrDefault(frame.Step, flow.Steps.Count);
            if (index >= flow.Steps.Count)
            {
                await CompleteTopAsync(turn, cancellationToken);
                continue;
            }
            var step = flow.Steps[index];
            Enter(frame, step.Id);
            switch (step)
            {
                case AskStep ask:
                    if (Answered(turn, frame, ask.Slot.Name))
                    {
                        Advance(turn);
                        continue;
                    }
                    // "book a new one for Friday" before this question: the day is the user's, only the time is asked
                    // ("What time on Friday, December 11?"), and a time alone as the answer is on that day.
                    // Asked again ("where was I?", a side question) while only the time is missing: the time on that day again.
                    // "book a spin class thursday at 8" before this question: only morning or evening is asked, and the answer
                    // ("in the evening") reads that hour on that day.
                    if (frame.EarlyHours is { } hours && hours.Remove(ask.Slot.Name, out var hour))
                    {
                        if (hours.Count == 0) frame.EarlyHours = null;
                        frame.PendingHour = hour;
                        if (turn.Bot.FindSlot(frame.Flow, ask.Slot.Name) is { } asked && turn.Bot.SlotInfo(asked, turn.Language).Kind == "datetime")
                        {
                            frame.PendingDay = SlotValueParser.Extract(new SlotInfo { Name = ask.Slot.Name, Kind = "date" }, hour, turn.UserParse) ?? frame.PendingDay;
                        }
                        turn.Trace.Events.Add("pattern:time_ambiguous");
                        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.TimeAmbiguous.Name, true, cancellationToken);
                        return;
                    }
                    // "I'd like a table next week" before this question: a weekday alone as the answer is in that week.
                    if (frame.EarlyWeeks is { } weeks && weeks.Remove(ask.Slot.Name, out var week))
                    {
                        if (weeks.Count == 0) frame.EarlyWeeks = null;
                        frame.PendingWeek = week;
                        // "a table sometime next month", "Termin im Januar": the question is asked within the span the user
                        // named, not as if nothing was said ("Which day exactly (Friday, January 1, 2027 – ...)?").
                        if (FlowFrame.IsSpan(week) && frame.EarlyDays?.ContainsKey(ask.Slot.Name) != true)
                        {
                            turn.EarlyValue = ShownSpan(turn, week);
                            turn.Trace.Events.Add("pattern:day_in_span");
                            await replies.SayAsync(turn, turn.Bot.Definition.Patterns.DayInSpan.Name, true, cancellationToken);
                            return;
                        }
                    }
                    var day = frame.EarlyDays is { } days && days.Remove(ask.Slot.Name, out var early) ? early : frame.PendingDay;
                    // "friday evening" for the day: the time question is the author's, and a bare hour answers it in the evening.
                    if (day is not null && turn.Bot.FindSlot(frame.Flow, ask.Slot.Name) is { } timeSlot && turn.Bot.TypeOf(timeSlot).Kind == SlotKind.Time)
                    {
                        if (frame.EarlyDays is { Count: 0 }) frame.EarlyDays = null;
                        frame.PendingDay = day;
                        day = null;
                    }
                    if (day is not null)
                    {
                        if (frame.EarlyDays is { Count: 0 }) frame.EarlyDays = null;
                        frame.PendingDay = day;
                        turn.EarlyValue = ShownDay(turn, day);
                        turn.Trace.Events.Add("pattern:time_for_day");
                        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.TimeForDay.Name, true, cancellationToken);
                        return;
                    }
                    // "can we come with 15 people?": why the number was not taken, then the question (the range is this ask's).
                    if (turn.RefusedOutOfRange == ask.Slot.Name)
                    {
                        turn.RefusedOutOfRange = null;
                        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.OutOfRange.Name, false, cancellationToken);
                    }
                    // "my prescription number is RX123 and I want it again": the flow that message started asks for the
                    // number, and first says why the one written was not taken, instead of asking as if none had been given.
                    if (frame.Attempts == 0 && turn.Trace.Events.Contains("flow_started:" + frame.Flow)
                        && turn.Bot.FindSlot(frame.Flow, ask.Slot.Name) is { } coded && PatternMissSaid(turn, turn.Bot.SlotInfo(coded, turn.Language)) is { } missed)
                    {
                        await replies.SayAsync(turn, BuiltinResponses.Prefix + missed, false, cancellationToken);
                    }
                    // One question per turn: a rule's message that refused this slot's value and asks already ("We are
                    // closed on Mondays. Which other day would suit you?") is the question, as it is at the ask itself.
                    if (turn.RefusedByRule == ask.Slot.Name && turn.Replies is [.., { ExpectsInput: false } refusal] && refusal.Text?.TrimEnd().EndsWith('?') == true)
                    {
                        turn.RefusedByRule = null;
                        var buttons = ReplyRenderer.ButtonsOf(turn, ask.Response.Name);
                        turn.Replies[^1] = refusal with { ExpectsInput = true, Buttons = [.. refusal.Buttons, .. buttons.Where(b => refusal.Buttons.All(r => r.Value != b.Value))] };
                        return;
                    }
                    await replies.SayAsync(turn, ask.Response.Name, true, cancellationToken);
                    return;
                case ConfirmStep confirm:
                    if (turn.AwaitsChange) await replies.SayAsync(turn, confirm.ChangePrompt!.Name, true, cancellationToken);
                    else await replies.SayAsync(turn, confirm.Response.Name, true, cancellationToken, yesNo: true);
                    return;
                case SayStep say:
                    await replies.SayAsync(turn, say.Response.Name, false, cancellationToken);
                    Advance(turn);
                    break;
                case AnswerStep answer:
                    if (!await answers.RunAsync(turn, answer, cancellationToken)) return; // handed to the queue: the flow waits here
                    Advance(turn);
                    break;
                case SetStep set:
                    Assign(turn, frame, set);
                    Advance(turn);
                    break;
                case BranchStep branch:
                    var target = branch.Cases.FirstOrDefault(c => turn.Evaluate(c.Condition).IsTrue)?.Goto ?? branch.Else;
                    if (target is null) Advance(turn);
                    else await JumpAsync(turn, JumpTarget.Of(target.Name), cancellationToken, counted: true);
                    break;
                case GotoStep { Limit: { } limit } limited:
                    frame.Jumps ??= [];
                    var jumps = frame.Jumps.GetValueOrDefault(limited.Id);
                    if (jumps >= limit)
                    {
                        turn.Trace.Events.Add("goto_limit:" + limited.Id);
                        if (limited.OnLimit is null) Advance(turn);
                        else await JumpAsync(turn, JumpTarget.Of(limited.OnLimit.Name), cancellationToken, counted: false);
                        break;
                    }
                    frame.Jumps[limited.Id] = jumps + 1;
                    await JumpAsync(turn, JumpTarget.Of(limited.Target.Name), cancellationToken, counted: true);
                    break;
                case GotoStep go:
                    await JumpAsync(turn, JumpTarget.Of(go.Target.Name), cancellationToken, counted: true);
                    break;
                case RememberStep remember:
                    RememberSteps.Run(turn, remember);
                    Advance(turn);
                    break;
                case ClearStep clear:
                    foreach (var slot in clear.Slots)
                    {
                        turn.Set(frame, slot.Name, null);
                        turn.Trace.Events.Add("slot_cleared:" + slot.Name);
                        // "Friday", then "at 7pm" outside the hours: Friday was not what the rule refused, so it is kept
                        // and the question asks only for another time on it.
                        if (turn.TimeOnKeptDay is var (kept, keptDay) && kept == slot.Name && ReferenceEquals(frame, turn.Top))
                        {
                            // Without its part of the day: the time refused was in it ("tomorrow evening", "7" at a
                            // practice that closes at 18:00), so the question asks for any time on that day.
                            (frame.EarlyDays ??= [])[kept] = keptDay[..10];
                            turn.Trace.Events.Add("day_kept:" + kept);
                        }
                    }
                    Advance(turn);
                    break;
                case CallStep call:
                    if (turn.State.Stack.Count >= turn.Bot.Settings.Limits.MaxStackDepth)
                    {
                        await AbortAsync(turn, "limit:stack", cancellationToken);
                        return;
                    }
                    var child = new FlowFrame { Flow = call.Flow.Name };
                    var childFlow = turn.Bot.Flows[call.Flow.Name];
                    foreach (var input in call.Inputs)
                    {
                        var slot = childFlow.Definition.Slots[input.Slot.Name];
                        if (SlotValues.FromExpr(turn.Evaluate(input.Value), turn.Bot.TypeOf(slot), turn.TimeZone) is { } v) child.Slots[input.Slot.Name] = v;
                    }
                    turn.State.Stack.Add(child);
                    turn.Trace.Events.Add("flow_started:" + child.Flow);
                    break;
                case HttpStep httpStep:
                    HttpStepOutcome called;
                    if (turn.Answered is { } answered)
                    {
                        turn.Answered = null;
                        called = http.Apply(turn, httpStep, answered.Result);
                    }
                    else if (httpStep.Async)
                    {
                        await SlowSteps.DeferAsync(turn, replies, httpStep, cancellationToken);
                        return;
                    }
                    else
                    {
                        called = await http.RunAsync(turn, httpStep, cancellationToken);
                    }
                    if (called.Route is { } route)
                    {
                        await JumpAsync(turn, JumpTarget.Of(route.Name), cancellationToken, counted: false);
                    }
                    else if (called.Succeeded)
                    {
                        if (ReferenceEquals(turn.FailedCall, frame)) turn.FailedCall = null;
                        Advance(turn);
                    }
                    else if (httpStep.OnError is null)
                    {
                        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Error.Name, false, cancellationToken);
                        await CancelTopAsync(turn, cancellationToken, silent: true);
                    }
                    else
                    {
                        turn.FailedCall = frame;
                        await JumpAsync(turn, JumpTarget.Of(httpStep.OnError.Name), cancellationToken, counted: false);
                    }
                    break;
                case HandoffStep handoff:
                    await HandoffAsync(turn, handoff.Response?.Name ?? turn.Bot.Definition.Patterns.Handoff.Name, cancellationToken);
                    return;
                case EndStep end:
                    if (end.Response is not null) await replies.SayAsync(turn, end.Response.Name, false, cancellationToken);
                    await CompleteTopAsync(turn, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// The user answered a confirmation: yes goes on (or to <c>on_yes</c>); no asks what to change (<c>on_no: { prompt }</c>),
    /// or clears the <c>edit</c> slots and goes back, or goes to <c>on_no</c>.
    /// </summary>
    public async Task AnswerConfirmAsync(TurnContext turn, ConfirmStep confirm, bool yes, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        if (yes)
        {
            if (confirm.OnYes is null) Advance(turn);
            else await JumpAsync(turn, JumpTarget.Of(confirm.OnYes.Name), cancellationToken, counted: false);
        }
        else if (confirm.ChangePrompt is not null)
        {
            // The run loop asks the change prompt instead of the confirmation while the frame waits for changes.
            frame.AwaitingChange = true;
        }
        else
        {
            foreach (var slot in confirm.Edit) turn.Set(frame, slot.Name, null);
            if (confirm.OnNo is not null) await JumpAsync(turn, JumpTarget.Of(confirm.OnNo.Name), cancellationToken, counted: false);
            else if (confirm.Edit.Count > 0) Enter(frame, turn.TopFlow!.Steps[0].Id);
            else
            {
                // A no that ends the flow is said to the user (the cancel pattern's response, "Okay, I have stopped
                // that."), not met with silence; a sub-flow's caller goes on and speaks for itself.
                if (!IsCalled(turn)) await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Cancelled.Name, false, cancellationToken);
                turn.Trace.Events.Add("declined");
                await JumpAsync(turn, JumpTarget.End, cancellationToken, counted: false);
            }
        }
        await RunAsync(turn, cancellationToken);
    }

    /// <summary>True when the running flow was started by a <c>call</c> step of the flow below it.</summary>
    private static bool IsCalled(TurnContext turn) =>
        turn.State.Stack.Count > 1 && turn.Bot.Flows.TryGetValue(turn.State.Stack[^2].Flow, out var caller)
        && caller.Step(turn.State.Stack[^2].Step) is CallStep call && call.Flow.Name == turn.Top!.Flow;

    /// <summary>
    /// "change the address" at a confirmation: the slot is forgotten and the flow goes back to the step that fills it,
    /// so its question is asked again; the steps after it run again up to the confirmation (filled asks are skipped).
    /// </summary>
    public async Task ReaskAsync(TurnContext turn, string slot, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        // "the time" at "What would you like to change?" after Friday 14:00, then "4pm": Friday at 16:00 (it was today's).
        // The question is the author's as asked first; a whole new day and time answers it as ever.
        var heldDay = turn.Bot.FindSlot(frame.Flow, slot) is { } definition && turn.Bot.TypeOf(definition).Kind == SlotKind.DateTime
            && turn.Value(slot) is { ValueKind: System.Text.Json.JsonValueKind.String } held && held.GetString() is { Length: >= 10 } value
            && Expressions.CanonicalText.TryDate(value[..10], out _) ? value[..10] : null;
        turn.Set(frame, slot, null);
        turn.Trace.Events.Add("slot_cleared:" + slot);
        Enter(frame, FillingStep(turn.TopFlow!, slot)!.Id);
        await RunAsync(turn, cancellationToken);
        if (heldDay is not null && ReferenceEquals(turn.Top, frame) && turn.CurrentStep is AskStep ask && ask.Slot.Name == slot) frame.PendingDay ??= heldDay;
    }

    /// <summary>
    /// A value given at an earlier question changed at a later one ("actually make it Saturday" at the e-mail question):
    /// when nothing but branches, GET lookups and questions the user answered stand between the two, and a branch or a
    /// lookup does, the flow runs again from the step after the earlier question, so the author's checks see the new
    /// value ("we are closed on Saturdays") as they saw the first, and a lookup fetches what the new value has ("mittwoch"
    /// at the time question showed Monday's free times as Wednesday's); answered questions are skipped. False, and
    /// nothing done, otherwise (a call that changes something, or a message, in between is not run twice).
    /// </summary>
    public async Task<bool> RecheckAsync(TurnContext turn, IReadOnlyCollection<string> corrected, CancellationToken cancellationToken)
    {
        if (turn.TopFlow is not { } flow || turn.CurrentStep is not AskStep current || turn.State.Pending is not null) return false;
        var at = flow.StepIndex[current.Id];
        var earlier = corrected.Select(s => FillingStep(flow, s)).OfType<AskStep>().Select(s => flow.StepIndex[s.Id]).Where(i => i < at).ToList();
        if (earlier.Count == 0) return false;
        var from = earlier.Min() + 1;
        var between = flow.Steps.Skip(from).Take(at - from).ToList();
        static bool Lookup(StepDefinition step) => step is HttpStep { Method: var method } && string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        if (!between.Any(s => s is BranchStep || Lookup(s))
            || !between.All(s => s is BranchStep || Lookup(s) || (s is AskStep ask && Answered(turn, turn.Top!, ask.Slot.Name))))
        {
            return false;
        }
        turn.Trace.Events.Add("rerun:" + flow.Steps[from].Id);
        Enter(turn.Top!, flow.Steps[from].Id);
        await RunAsync(turn, cancellationToken);
        return true;
    }

    /// <summary>
    /// Values the user gave changed after <c>set</c> steps worked other slots out from them ("make it 3 bikes" at the
    /// confirmation of <c>total: count * 15</c>, at a later question, in a submitted form): what reads them is worked out
    /// again before the confirmation or the next question shows, so what is confirmed and booked follows what the user
    /// said last. The steps that read a changed slot (directly or through a slot a <c>set</c> worked out from it) are the
    /// <c>set</c> and <c>branch</c> steps before the current one. When only <c>set</c>, <c>branch</c>, <c>goto</c> steps
    /// and answered questions stand between the first of them and the current step, the flow runs again from it (trace
    /// <c>rerun:step</c>; a branch may now go the other way, a group discount) and true is returned. Otherwise, when no
    /// branch or goto stands there (each step in between ran, in order), the reading <c>set</c> steps are worked out again
    /// where they stand and nothing else runs twice (a message, an HTTP call; trace <c>reworked:step</c>). Otherwise
    /// nothing changes (trace <c>rework_skipped:step</c>): the author's <c>on_change</c> says where to run again from.
    /// </summary>
    public async Task<bool> ReworkAsync(TurnContext turn, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0 || turn.State.Pending is not null || turn.TopFlow is not { } flow || turn.Top is not { Step: { } step } frame
            || !flow.StepIndex.TryGetValue(step, out var at))
        {
            return false;
        }
        var plan = ReworkPlan.Of(flow.Steps, at, changed, turn.Bot.Expression, ask => Answered(turn, frame, ask.Slot.Name));
        switch (plan.Mode)
        {
            case ReworkMode.Rerun:
                turn.Trace.Events.Add("rerun:" + plan.From!.Id);
                Enter(frame, plan.From.Id);
                await RunAsync(turn, cancellationToken);
                return true;
            case ReworkMode.InPlace:
                foreach (var set in plan.Sets)
                {
                    Assign(turn, frame, set);
                    turn.Trace.Events.Add("reworked:" + set.Id);
                }
                break;
            case ReworkMode.Skipped:
                turn.Trace.Events.Add("rework_skipped:" + plan.From!.Id);
                break;
        }
        return false;
    }

    /// <summary>A <c>set</c> step's values, worked out from the slots as they are now.</summary>
    private static void Assign(TurnContext turn, FlowFrame frame, SetStep set)
    {
        foreach (var assignment in set.Assignments)
        {
            var slot = turn.Bot.FindSlot(frame.Flow, assignment.Slot.Name)!;
            turn.Set(frame, assignment.Slot.Name, SlotValues.FromExpr(turn.Evaluate(assignment.Value), turn.Bot.TypeOf(slot), turn.TimeZone));
        }
    }

    /// <summary>A kept span of days (<see cref="FlowFrame.KeptSpan"/>) as the user reads it: "Friday, December 11, 2026 – Sunday, December 20, 2026".</summary>
    public static string ShownSpan(TurnContext turn, string kept)
    {
        var lexicon = Lexicon.For(turn.Language);
        var (first, last) = FlowFrame.KeptSpan(kept) ?? throw new FormatException("Not a kept span: " + kept);
        return lexicon.FormatDate(first) + " – " + lexicon.FormatDate(last);
    }

    /// <summary>A kept day (<c>yyyy-MM-dd</c>, maybe with its part of the day) as the user reads it in the turn's language ("Friday, December 11, 2026, in the morning").</summary>
    public static string ShownDay(TurnContext turn, string day)
    {
        var lexicon = Lexicon.For(turn.Language);
        var (date, part) = SlotValueParser.ReadKeptDay(day) ?? throw new FormatException("Not a kept day: " + day);
        return lexicon.FormatDate(date) + (part is null ? "" : ", " + lexicon.ShownDayPart(part));
    }

    /// <summary>The first step of the flow that fills the slot: its ask, or a call whose output it is; null when none does.</summary>
    public static StepDefinition? FillingStep(CompiledFlow flow, string slot) =>
        flow.Steps.FirstOrDefault(s => (s is AskStep ask && ask.Slot.Name == slot) || (s is CallStep call && call.Outputs.Any(o => o.Parent.Name == slot)));

    /// <summary>
    /// Values changed at a confirmation (a correction, or the answer to its change prompt), or the user had nothing to
    /// change (<paramref name="changed"/> empty): ask the confirmation again — after re-running the flow from
    /// <c>on_change</c> when something changed, so branches and HTTP checks see the new values, or, without one, after
    /// the <c>set</c> steps that read the changed slots worked their values out again (<see cref="ReworkAsync"/>).
    /// </summary>
    public async Task ConfirmAgainAsync(TurnContext turn, ConfirmStep confirm, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        turn.Top!.AwaitingChange = false;
        if (changed.Count > 0 && confirm.OnChange is { } from)
        {
            turn.Trace.Events.Add("rerun:" + from.Name);
            await JumpAsync(turn, JumpTarget.Of(from.Name), cancellationToken, counted: false);
        }
        else if (await ReworkAsync(turn, changed, cancellationToken))
        {
            return;
        }
        await RunAsync(turn, cancellationToken);
    }

    /// <summary>
    /// The answer did not fit the step the user was asked: count the attempt and ask again (with the failed rule's
    /// message, the step's reprompt, or the built-in one), or give up when the attempts are used up. A
    /// <paramref name="hint"/> says what was wrong with the answer before the reprompt or the question; an answer
    /// that was not <paramref name="counted"/> (written in a language the bot does not read) uses up no attempt.
    /// </summary>
    public async Task FailedAttemptAsync(TurnContext turn, NameRef? ruleMessage, CancellationToken cancellationToken, NameRef? hint = null, NameRef? help = null, bool counted = true)
    {
        var frame = turn.Top!;
        var step = turn.CurrentStep!;
        if (counted) frame.Attempts++;
        var (max, onExhausted, prompt, reprompt) = step switch
        {
            AskStep a => (a.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts, a.OnExhausted, a.Response, a.Reprompt),
            ConfirmStep c when turn.AwaitsChange => (c.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts, c.OnExhausted, c.ChangePrompt, c.ChangeReprompt),
            ConfirmStep c => (c.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts, c.OnExhausted, c.Response, (NameRef?)null),
            _ => (1, null, (NameRef?)null, (NameRef?)null),
        };
        if (frame.Attempts >= max)
        {
            await ExhaustAsync(turn, step, onExhausted, cancellationToken);
            await RunAsync(turn, cancellationToken);
            return;
        }
        if (prompt is null) return;
        if (help is not null)
        {
            // "I don't know": the step's help instead of a reprompt that says the answer was wrong, then the question as first asked.
            await replies.SayAsync(turn, help.Name, false, cancellationToken);
            await RunAsync(turn, cancellationToken);
            return;
        }
        var buttons = ReplyRenderer.ButtonsOf(turn, prompt.Name);
        var yesNo = step is ConfirmStep && !turn.AwaitsChange;
        if (ruleMessage is not null)
        {
            await replies.SayAsync(turn, ruleMessage.Name, true, cancellationToken, extraButtons: buttons, yesNo: yesNo);
        }
        else if (reprompt is not null)
        {
            if (hint is not null) await replies.SayAsync(turn, hint.Name, false, cancellationToken);
            await replies.SayAsync(turn, reprompt.Name, true, cancellationToken, extraButtons: buttons);
        }
        else
        {
            // What was wrong when known; at a confirmation or a yes/no question what it takes ("Please answer yes or no.";
            // "my name is Tom" at "Is it a special occasion?" got "Sorry, that is not a valid answer."); else the kind's line.
            var askedYesNo = yesNo || (step is AskStep && !turn.AwaitsChange && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: "boolean" });
            if (hint is null && askedYesNo) turn.Trace.Events.Add("pattern:confirm_expected");
            var line = hint?.Name ?? (askedYesNo ? turn.Bot.Definition.Patterns.ConfirmExpected.Name : BuiltinResponses.Prefix + RepromptOf(turn, step));
            await replies.SayAsync(turn, line, false, cancellationToken);
            await replies.SayAsync(turn, prompt.Name, true, cancellationToken, yesNo: yesNo);
        }
    }

    /// <summary>
    /// The built-in line for a wrong answer at <paramref name="step"/>: what the question's kind takes (an e-mail address, a
    /// number, a date, one of the choices), else the generic "not a valid answer" (text, patterns, yes/no slots).
    /// </summary>
    private static string RepromptOf(TurnContext turn, StepDefinition step) =>
        step is AskStep && !turn.AwaitsChange && UnderstandingRequestBuilder.ExpectedSlot(turn) is { } slot
            ? slot.Kind switch
            {
                "email" => "reprompt_email",
                "integer" or "number" => "reprompt_number",
                "date" => "reprompt_date",
                "time" => "reprompt_time",
                "datetime" => "reprompt_datetime",
                "enum" => "reprompt_choice",
                "regex" => PatternMissSaid(turn, slot) ?? "reprompt",
                _ => "reprompt",
            }
            : "reprompt";

    /// <summary>
    /// "RX123" written for a prescription number (RX and six digits): the built-in line that says it looks too short
    /// (or too long), with the code said back as <c>{{ early.value }}</c>; null when the user's message has no code that
    /// misses the slot's pattern by its length alone (<see cref="SlotValueParser.PatternMissIn"/>). Trace <c>pattern_miss:slot</c>.
    /// </summary>
    private static string? PatternMissSaid(TurnContext turn, SlotInfo slot)
    {
        if (SlotValueParser.PatternMissIn(slot, turn.UserText) is not var (written, miss)) return null;
        turn.EarlyValue = written;
        turn.Trace.Events.Add("pattern_miss:" + slot.Name);
        return miss == SlotValueParser.PatternTooShort ? "reprompt_pattern_short" : "reprompt_pattern_long";
    }

    /// <summary>Cancels the innermost flow and any caller waiting on it; the interrupted flow below (if any) resumes.</summary>
    public async Task CancelTopAsync(TurnContext turn, CancellationToken cancellationToken, bool silent = false)
    {
        if (turn.Top is null) return;
        var cancelled = turn.Top.Flow;
        turn.State.Stack.RemoveAt(turn.State.Stack.Count - 1);
        turn.Trace.Events.Add("flow_cancelled:" + cancelled);
        while (turn.CurrentStep is CallStep call && call.Flow.Name == cancelled)
        {
            cancelled = turn.Top!.Flow;
            turn.State.Stack.RemoveAt(turn.State.Stack.Count - 1);
            turn.Trace.Events.Add("flow_cancelled:" + cancelled);
        }
        var roles = FlowRoles.AfterEnd(turn, cancelled);
        if (!silent) await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Cancelled.Name, false, cancellationToken, roles: roles);
        // A flow that waited under the cancelled one (the second of two requests) starts now; there is nothing to get back to.
        if (turn.Top is { Step: null } waiting) turn.Trace.Events.Add("flow_started:" + waiting.Flow);
        else if (turn.Top is not null) await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Resume.Name, false, cancellationToken, roles: roles);
    }

    /// <summary>Ends every flow: the conversation goes to a person.</summary>
    public async Task HandoffAsync(TurnContext turn, string response, CancellationToken cancellationToken)
    {
        turn.Trace.Events.Add("handoff");
        // Render before the stack goes: the handoff message may name what the user had told us ({{ device }}, ...).
        await replies.SayAsync(turn, response, false, cancellationToken, handoff: true);
        turn.Replies[^1] = turn.Replies[^1] with { HandoffContext = Handoffs.Context(turn) };
        ClearFlows(turn);
        turn.State.HandedOff = true;
    }

    /// <summary>Ends every flow (start over, handoff, a runtime bound), tracing each as cancelled.</summary>
    public static void ClearFlows(TurnContext turn)
    {
        foreach (var frame in turn.State.Stack.AsEnumerable().Reverse()) turn.Trace.Events.Add("flow_cancelled:" + frame.Flow);
        turn.State.Stack.Clear();
        turn.State.Pending = null;
    }

    /// <summary>The slot has a value, or the user skipped its optional ask: its ask is passed.</summary>
    public static bool Answered(TurnContext turn, FlowFrame frame, string slot) =>
        turn.Value(frame, slot) is not null || frame.Skipped?.Contains(slot) == true;

    /// <summary>
    /// "keine Angabe", "skip" at an ask with <c>optional: true</c>: the slot stays empty and the flow goes on. Trace
    /// <c>slot_skipped:slot</c>.
    /// </summary>
    public async Task SkipAsync(TurnContext turn, AskStep ask, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        turn.Set(frame, ask.Slot.Name, null);
        (frame.Skipped ??= []).Add(ask.Slot.Name);
        turn.Trace.Events.Add("slot_skipped:" + ask.Slot.Name);
        Advance(turn);
        await RunAsync(turn, cancellationToken);
    }

    /// <summary>Moves the top frame to the step after its current one (past the end = the flow completes on the next run).</summary>
    public static void Advance(TurnContext turn)
    {
        var frame = turn.Top!;
        var flow = turn.TopFlow!;
        var index = frame.Step is null ? 0 : flow.StepIndex[frame.Step];
        Enter(frame, index + 1 < flow.Steps.Count ? flow.Steps[index + 1].Id : FlowFrame.PastEnd);
    }

    /// <summary>A runtime bound was hit: stop all flows at a safe point and tell the user.</summary>
    public async Task AbortAsync(TurnContext turn, string reason, CancellationToken cancellationToken)
    {
        LogTurnAborted(logger, reason, turn.Top?.Flow, turn.Top?.Step);
        turn.Trace.Events.Add(reason);
        ClearFlows(turn);
        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Error.Name, false, cancellationToken);
    }

    private static void Enter(FlowFrame frame, string? step)
    {
        if (frame.Step != step)
        {
            if (frame.Step is not null && frame.Attempts > 0) (frame.AskAttempts ??= [])[frame.Step] = frame.Attempts;
            frame.ForgetStep();
        }
        frame.Step = step;
    }

    private async Task JumpAsync(TurnContext turn, JumpTarget target, CancellationToken cancellationToken, bool counted)
    {
        if (counted && ++turn.Gotos > turn.Bot.Settings.Limits.MaxGotosPerTurn)
        {
            await AbortAsync(turn, "limit:gotos", cancellationToken);
            return;
        }
        switch (target.Kind)
        {
            case JumpTargetKind.End:
                Enter(turn.Top!, FlowFrame.PastEnd);
                break;
            case JumpTargetKind.Handoff:
                await HandoffAsync(turn, turn.Bot.Definition.Patterns.Handoff.Name, cancellationToken);
                break;
            default:
                var frame = turn.Top!;
                var flow = turn.TopFlow!;
                var from = frame.Step is null ? -1 : flow.StepIndex.GetValueOrDefault(frame.Step, flow.Steps.Count);
                Enter(frame, target.StepId);
                // Sent back to a question (a rule or a check refused its answer): that is an attempt, on top of those
                // used there before, so three refused answers reach max_attempts and on_exhausted as three wrong ones do.
                // Only when this turn's answer was for that question: an author's loop ("anything else?" -> back to the
                // item) brings the user back after another question, and must not run out of attempts.
                if (counted && flow.Step(target.StepId) is AskStep { AttemptsPerVisit: false } ask && flow.StepIndex[ask.Id] <= from
                    && !Answered(turn, frame, ask.Slot.Name) && AnsweredThisTurn(turn, ask.Slot.Name))
                {
                    frame.Attempts = (frame.AskAttempts?.GetValueOrDefault(ask.Id) ?? 0) + 1;
                    if (frame.Attempts >= (ask.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts))
                    {
                        frame.AskAttempts?.Remove(ask.Id);
                        await ExhaustAsync(turn, ask, ask.OnExhausted, cancellationToken);
                    }
                }
                break;
        }
    }

    // The user's message this turn gave or changed the slot (its trace says so), so being sent back refuses that answer.
    private static bool AnsweredThisTurn(TurnContext turn, string slot) =>
        turn.Trace.Events.Contains("slot_set:" + slot) || turn.Trace.Events.Contains("slot_corrected:" + slot);

    /// <summary>
    /// The attempts at <paramref name="step"/> are used up: its <c>on_exhausted</c>, or the <c>exhausted</c> pattern and
    /// the flow ends. An ask's slot is left empty.
    /// </summary>
    private async Task ExhaustAsync(TurnContext turn, StepDefinition step, NameRef? onExhausted, CancellationToken cancellationToken)
    {
        turn.Trace.Events.Add("exhausted:" + step.Id);
        if (step is AskStep ask) turn.Set(turn.Top!, ask.Slot.Name, null);
        if (onExhausted is null)
        {
            await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Exhausted.Name, false, cancellationToken);
            await CancelTopAsync(turn, cancellationToken, silent: true);
        }
        else
        {
            await JumpAsync(turn, JumpTarget.Of(onExhausted.Name), cancellationToken, counted: false);
        }
    }

    private async Task CompleteTopAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var child = turn.Top!;
        turn.State.Stack.RemoveAt(turn.State.Stack.Count - 1);
        turn.Trace.Events.Add("flow_completed:" + child.Flow);
        if (turn.Top is not { } parent)
        {
            if (turn.Bot.Flows.TryGetValue(child.Flow, out var told) && told.OnlyTells) turn.State.Told = child.Flow;
            return;
        }
        if (turn.CurrentStep is CallStep call && call.Flow.Name == child.Flow)
        {
            // "Unser Sendungssystem ist gerade nicht erreichbar", then still "An welchem Tag sollen wir liefern?": a called
            // lookup whose service failed and that ended at its on_error step has said why; its callers cannot go on
            // without its data, so they end too, as after the default on_error (the error pattern and the flow ends).
            if (ReferenceEquals(turn.FailedCall, child))
            {
                turn.FailedCall = null;
                turn.Trace.Events.Add("call_failed:" + child.Flow);
                await CancelTopAsync(turn, cancellationToken, silent: true);
                return;
            }
            foreach (var (parentSlot, childSlot) in call.Outputs)
            {
                turn.Set(parent, parentSlot.Name, child.Slots.TryGetValue(childSlot.Name, out var v) ? v : null);
            }
            Advance(turn);
            return;
        }
        // The second of two requests in one message waited under the first and starts now: nothing to get back to.
        if (parent.Step is null)
        {
            turn.Trace.Events.Add("flow_started:" + parent.Flow);
            return;
        }
        // The finished flow had interrupted this one: say so, and the run loop asks the interrupted step again.
        await replies.SayAsync(turn, turn.Bot.Definition.Patterns.Resume.Name, false, cancellationToken, roles: FlowRoles.AfterEnd(turn, child.Flow));
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Turn stopped by a runtime bound ({Reason}) in flow {Flow} at step {Step}; the conversation was reset to a safe point")]
    private static partial void LogTurnAborted(ILogger logger, string reason, string? flow, string? step);
}
