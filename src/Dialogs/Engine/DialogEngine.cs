using System.Diagnostics;
using System.Text.Json;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The deterministic flow engine. Per turn: fast path (button value, exact synonym, yes/no) or one understanding
/// call; every command checked against the current step; then steps run until the bot waits or no flow is left.
/// Trace events (for author tests): <c>flow_started:x</c>, <c>flow_completed:x</c>, <c>flow_cancelled:x</c>,
/// <c>slot_set:x</c>, <c>slot_corrected:x</c>, <c>slot_invalid:x</c>, <c>pattern:p</c>, <c>handoff</c>,
/// <c>exhausted:step</c>, <c>http_failed:step</c>, <c>limit:gotos</c>, <c>limit:steps</c>, <c>recovered</c>.
/// </summary>
public sealed partial class DialogEngine : IDialogEngine
{
    private readonly IDialogDefinitionsProvider _definitions;
    private readonly IUnderstanding _understanding;
    private readonly IResponsePhraser? _phraser;
    private readonly IServiceInvoker? _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates an engine. <paramref name="phraser"/> null = templates only; <paramref name="services"/> null = every http step takes its error path.</summary>
    public DialogEngine(
        IDialogDefinitionsProvider definitions,
        IUnderstanding understanding,
        TimeProvider? timeProvider = null,
        ILogger<DialogEngine>? logger = null,
        IResponsePhraser? phraser = null,
        IServiceInvoker? services = null)
    {
        _definitions = definitions;
        _understanding = understanding;
        _phraser = phraser;
        _services = services;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var bot = _definitions.Current; // one snapshot for the whole turn
        var before = input.State is null ? null : DialogStateJson.Serialize(input.State);
        var state = input.State is null || input.State.Version > DialogState.CurrentVersion ? new DialogState() : DialogStateJson.Clone(input.State);
        var trace = new TurnTrace();
        var turn = new TurnContext(bot, state, bot.LanguageFor(input.Locale), input.Now, trace);

        if (input.Kind == TurnKind.Message && string.IsNullOrWhiteSpace(input.Text) && input.Value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } && input.State is not null)
        {
            // Nothing to react to (e.g. an empty message): no replies, nothing to save.
            return new TurnOutcome { State = input.State, StateChanged = false, Replies = [], Trace = trace };
        }
        if (state.Revision != bot.Revision)
        {
            Recover(turn);
        }
        state.Turn++;

        if (input.Kind == TurnKind.ConversationStart)
        {
            if (bot.Settings.Welcome is { } welcome) await SayAsync(turn, welcome.Name, expectsInput: false, cancellationToken);
        }
        else
        {
            try
            {
                await MessageAsync(turn, input, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A fault in the engine must not strand the conversation in a state that fails on every turn:
                // log it, return to a safe point and tell the user.
                LogTurnFailed(_logger, turn.Top?.Flow, turn.Top?.Step, ex);
                turn.Trace.Events.Add("engine_error");
                state.Stack.Clear();
                state.Pending = null;
                turn.Replies.Clear();
                turn.Replies.Add(Render(turn, bot.Definition.Patterns.Error.Name, false));
            }
        }

        trace.FlowId = turn.Top?.Flow;
        trace.StepId = turn.Top?.Step;
        RememberBotLines(turn);
        var after = DialogStateJson.Serialize(state);
        return new TurnOutcome { State = state, StateChanged = before != after, Replies = turn.Replies, Trace = trace };
    }

    private async Task MessageAsync(TurnContext turn, TurnInput input, CancellationToken cancellationToken)
    {
        var value = ButtonValue(input.Value, turn);
        var text = (input.Text ?? "").Trim();
        if (text.Length == 0 && value is null)
        {
            return;
        }

        IReadOnlyList<Command>? commands = FastPath(turn, text, value);
        if (commands is not null)
        {
            turn.Trace.Path = "fast";
        }
        else
        {
            var request = BuildRequest(turn, text.Length > 0 ? text : value!);
            var started = _time.GetTimestamp();
            var result = await UnderstandAsync(request, cancellationToken);
            turn.Trace.UnderstandingLatency = _time.GetElapsedTime(started);
            turn.Trace.Path = result.Path;
            turn.Trace.LlmCalls += result.LlmCalls;
            turn.Trace.TokensIn += result.TokensIn;
            turn.Trace.TokensOut += result.TokensOut;
            commands = AnswerToFreeTextAsk(request, text, result.Commands);
        }

        var userLine = text.Length > 0 ? text : value!;
        await ApplyAsync(turn, commands, cancellationToken);
        Remember(turn, "user", turn.SensitiveInput ? "***" : userLine);
    }

    /// <summary>
    /// At an ask for free text, an answer that understanding could only call chit-chat or out of scope *is* the answer
    /// (a name, a description): recognizers match it against examples and find nothing. Commands that mean something
    /// (a flow, cancel, help, a slot) still win, so interruptions keep working.
    /// </summary>
    private static IReadOnlyList<Command> AnswerToFreeTextAsk(UnderstandingRequest request, string text, IReadOnlyList<Command> commands)
    {
        if (request.ExpectedSlot is not { Kind: "text" } slot || text.Length == 0) return commands;
        if (commands.Any(c => c.Kind is not (CommandKind.Chitchat or CommandKind.CannotHandle))) return commands;
        return [new SetSlotCommand(slot.Name, text)];
    }

    private async Task<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _understanding.UnderstandAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The seam says recognizers do not throw; if one does, the turn still answers (cannot-handle).
            LogUnderstandingFailed(_logger, ex);
            return new UnderstandingResult { Path = "fallback", Error = ex.GetType().Name };
        }
    }

    /// <summary>A button payload: a JSON string, or an object's <c>value</c> (or expected slot) property.</summary>
    private static string? ButtonValue(JsonElement? value, TurnContext turn)
    {
        if (value is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        if (v.ValueKind == JsonValueKind.Object)
        {
            if (v.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String) return inner.GetString();
            if (turn.CurrentStep is AskStep ask && v.TryGetProperty(ask.Slot.Name, out var slot)) return slot.ValueKind == JsonValueKind.String ? slot.GetString() : slot.GetRawText();
        }
        return null;
    }

    /// <summary>Commands that need no understanding: a button value or text that exactly answers what the bot waits for.</summary>
    private static List<Command>? FastPath(TurnContext turn, string text, string? value)
    {
        var candidate = value ?? text;
        if (turn.State.Pending == "cancel" || turn.CurrentStep is ConfirmStep)
        {
            var yes = Lexicon.YesNo(candidate, turn.Language);
            if (yes is not null) return [yes.Value ? new AffirmCommand() : new DenyCommand()];
        }
        else if (turn.CurrentStep is AskStep ask && turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } slot)
        {
            var type = turn.Bot.TypeOf(slot);
            var exact = type.Kind switch
            {
                SlotKind.Enum => SlotNormalizer.MatchEnum(type, candidate, turn.Language) is not null,
                SlotKind.Integer or SlotKind.Number or SlotKind.Email or SlotKind.Regex or SlotKind.Boolean or SlotKind.Date =>
                    SlotNormalizer.TryNormalize(type, candidate, turn.Language, turn.Now, out _, out _),
                _ => value is not null,
            };
            if (exact) return [new SetSlotCommand(ask.Slot.Name, candidate)];
        }
        if (value is not null && turn.Bot.Flows.ContainsKey(value))
        {
            return [new StartFlowCommand(value)];
        }
        return null;
    }

    private UnderstandingRequest BuildRequest(TurnContext turn, string text)
    {
        var bot = turn.Bot;
        var lang = turn.Language;
        SlotInfo Info(SlotDefinition slot)
        {
            var type = bot.TypeOf(slot);
            return new SlotInfo
            {
                Name = slot.Name,
                Kind = SlotKinds.ToName(type.Kind),
                Description = slot.Description ?? type.Description,
                Values = [.. type.Values.Select(v => new EnumValueInfo(v.Value, v.Synonyms.GetValueOrDefault(lang) ?? []))],
                Pattern = type.Pattern,
                Sensitive = bot.IsSensitive(slot),
            };
        }
        var expected = turn.CurrentStep is AskStep ask && bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } s ? Info(s) : null;
        var slots = new List<SlotInfo>();
        foreach (var frame in turn.State.Stack.AsEnumerable().Reverse())
        {
            if (bot.Flows.TryGetValue(frame.Flow, out var f)) slots.AddRange(f.Definition.Slots.Values.Where(x => slots.All(y => y.Name != x.Name)).Select(Info));
        }
        slots.AddRange(bot.Definition.Slots.Values.Where(x => slots.All(y => y.Name != x.Name)).Select(Info));
        var awaitingConfirmation = turn.State.Pending == "cancel" || turn.CurrentStep is ConfirmStep;
        return new UnderstandingRequest
        {
            Text = text,
            Language = lang,
            Flows = [.. bot.Flows.Values.Where(f => f.Definition.Routable).Select(f => new FlowCandidate(f.Id, f.Definition.Description, f.Definition.Examples?.Variants.GetValueOrDefault(lang) ?? [])
            {
                Slots = [.. f.Definition.Slots.Values.Select(Info)],
                ExamplesByLanguage = f.Definition.Examples?.Variants ?? [],
            })],
            ActiveFlows = [.. turn.State.Stack.Select(f => f.Flow)],
            ExpectedSlot = expected,
            Slots = slots,
            AwaitingConfirmation = awaitingConfirmation,
            AllowedCommands = AllowedCommands(turn),
            History = [.. turn.State.History],
            Now = turn.Now,
            Revision = bot.Revision,
        };
    }

    private static List<CommandKind> AllowedCommands(TurnContext turn)
    {
        var allowed = new List<CommandKind> { CommandKind.StartFlow, CommandKind.SetSlot, CommandKind.Help, CommandKind.StartOver, CommandKind.Handoff, CommandKind.Clarify, CommandKind.Chitchat, CommandKind.CannotHandle };
        if (turn.State.Stack.Count > 0) allowed.Add(CommandKind.Cancel);
        if (turn.State.Pending == "cancel" || turn.CurrentStep is ConfirmStep)
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
        _ => command.Kind switch
        {
            CommandKind.Affirm => "affirm",
            CommandKind.Deny => "deny",
            CommandKind.Cancel => "cancel",
            CommandKind.Help => "help",
            CommandKind.StartOver => "start_over",
            CommandKind.Handoff => "handoff",
            CommandKind.Chitchat => "chitchat",
            _ => "cannot_handle",
        },
    };

    private void Reject(TurnContext turn, Command command, string reason) => turn.Trace.CommandsRejected.Add($"{Describe(command)}: {reason}");

    private async Task ApplyAsync(TurnContext turn, IReadOnlyList<Command> commands, CancellationToken cancellationToken)
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
        if (accepted.OfType<HandoffCommand>().Any())
        {
            Accept(turn, accepted.OfType<HandoffCommand>().First());
            turn.Trace.Events.Add("pattern:handoff");
            await HandoffAsync(turn, bot.Definition.Patterns.Handoff.Name, cancellationToken);
            return;
        }
        if (accepted.OfType<StartOverCommand>().Any())
        {
            Accept(turn, accepted.OfType<StartOverCommand>().First());
            turn.Trace.Events.Add("pattern:start_over");
            foreach (var frame in turn.State.Stack.AsEnumerable().Reverse()) turn.Trace.Events.Add("flow_cancelled:" + frame.Flow);
            turn.State.Stack.Clear();
            turn.State.Pending = null;
            await SayAsync(turn, bot.Definition.Patterns.StartOver.Name, false, cancellationToken);
            if (bot.Settings.Welcome is { } welcome) await SayAsync(turn, welcome.Name, false, cancellationToken);
            return;
        }
        if (accepted.OfType<CancelCommand>().FirstOrDefault() is { } cancel)
        {
            Accept(turn, cancel);
            turn.Trace.Events.Add("pattern:cancel");
            if (bot.Definition.Patterns.CancelConfirm is { } confirm)
            {
                turn.State.Pending = "cancel";
                await SayAsync(turn, confirm.Name, true, cancellationToken, yesNo: true);
                return;
            }
            await CancelTopAsync(turn, cancellationToken);
            await RunAsync(turn, cancellationToken);
            return;
        }
        if (turn.State.Pending == "cancel")
        {
            turn.State.Pending = null;
            var answer = accepted.FirstOrDefault(c => c.Kind is CommandKind.Affirm or CommandKind.Deny);
            if (answer is not null)
            {
                Accept(turn, answer);
                if (answer.Kind == CommandKind.Affirm) await CancelTopAsync(turn, cancellationToken);
                await RunAsync(turn, cancellationToken);
                return;
            }
            // Anything else: the user moved on; the cancel question is dropped and the input handled normally.
        }

        var progressed = false;
        var handled = false;
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
            var type = bot.TypeOf(slot);
            var isExpected = expectedAsk is not null && expectedAsk.Slot.Name == set.Slot && frame == turn.Top;
            if (!SlotNormalizer.TryNormalize(type, set.Value, turn.Language, turn.Now, out var normalized, out var problem))
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
        if (confirmAnswer is not null && turn.CurrentStep is ConfirmStep confirmStep && !turn.Trace.Events.Any(e => e.StartsWith("flow_started:", StringComparison.Ordinal)))
        {
            Accept(turn, confirmAnswer);
            if (corrected && confirmAnswer.Kind == CommandKind.Deny)
            {
                // "No, make it 3": the correction is the answer; ask again with the new values.
                await SayAsync(turn, bot.Definition.Patterns.Correction.Name, false, cancellationToken);
                await RunAsync(turn, cancellationToken);
                return;
            }
            await AnswerConfirmAsync(turn, confirmStep, confirmAnswer.Kind == CommandKind.Affirm, cancellationToken);
            return;
        }

        if (corrected)
        {
            turn.Trace.Events.Add("pattern:correction");
            await SayAsync(turn, bot.Definition.Patterns.Correction.Name, false, cancellationToken);
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
                    await SayAsync(turn, help.Name, false, cancellationToken);
                    break;
                case ChitchatCommand:
                    turn.Trace.Events.Add("pattern:chitchat");
                    await SayAsync(turn, bot.Definition.Patterns.Chitchat.Name, false, cancellationToken);
                    break;
                case ClarifyCommand clarify:
                    turn.Trace.Events.Add("pattern:clarify");
                    var options = clarify.Flows.Where(f => bot.Flows.ContainsKey(f)).Select(f => bot.Flows[f]).ToList();
                    await SayAsync(turn, bot.Definition.Patterns.Clarify.Name, true, cancellationToken,
                        extraButtons: [.. options.Select(f => new ReplyButton(FlowTitle(turn, f), f.Id))]);
                    return;
            }
        }

        if (expectedFailed || (!progressed && !handled && !corrected && turn.CurrentStep is AskStep or ConfirmStep))
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            await FailedAttemptAsync(turn, failedRule, cancellationToken);
            return;
        }
        if (!progressed && !handled && !corrected)
        {
            foreach (var c in accepted.Where(c => c.Kind == CommandKind.CannotHandle)) Accept(turn, c);
            turn.Trace.Events.Add("pattern:cannot_handle");
            await SayAsync(turn, bot.Definition.Patterns.CannotHandle.Name, false, cancellationToken);
            return;
        }
        await RunAsync(turn, cancellationToken);
    }

    /// <summary>A button title for a flow: its description in the default language, else its first example in the user's language.</summary>
    private static string FlowTitle(TurnContext turn, CompiledFlow flow)
    {
        var description = flow.Definition.Description;
        if (turn.Language != turn.Bot.Settings.DefaultLanguage && flow.Definition.Examples?.Variants.GetValueOrDefault(turn.Language) is [var example, ..])
        {
            return example;
        }
        return string.IsNullOrEmpty(description) ? flow.Id : description;
    }

    private static void Accept(TurnContext turn, Command command) => turn.Trace.CommandsAccepted.Add(Describe(command));

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
            if (!Evaluate(turn, rule.Rule).IsTrue) return rule.Message;
        }
        return null;
    }

    private static ExprValue Evaluate(TurnContext turn, ExpressionText text) =>
        ExpressionEvaluator.Evaluate(turn.Bot.Expression(text), name => turn.Value(name) is { } v ? SlotNormalizer.ToExpr(v) : ExprValue.Unset);

    private async Task FailedAttemptAsync(TurnContext turn, NameRef? ruleMessage, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        var step = turn.CurrentStep!;
        frame.Attempts++;
        var (max, onExhausted, prompt, reprompt) = step switch
        {
            AskStep a => (a.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts, a.OnExhausted, a.Response, a.Reprompt),
            ConfirmStep c => (c.MaxAttempts ?? turn.Bot.Settings.Limits.MaxAttempts, c.OnExhausted, c.Response, (NameRef?)null),
            _ => (1, null, (NameRef?)null, (NameRef?)null),
        };
        if (frame.Attempts >= max)
        {
            turn.Trace.Events.Add("exhausted:" + step.Id);
            if (step is AskStep ask) turn.Set(frame, ask.Slot.Name, null);
            if (onExhausted is null)
            {
                await SayAsync(turn, turn.Bot.Definition.Patterns.Exhausted.Name, false, cancellationToken);
                await CancelTopAsync(turn, cancellationToken, silent: true);
            }
            else
            {
                await JumpAsync(turn, onExhausted.Name, cancellationToken, counted: false);
            }
            await RunAsync(turn, cancellationToken);
            return;
        }
        if (prompt is null) return;
        var buttons = ButtonsOf(turn, prompt.Name);
        if (ruleMessage is not null)
        {
            await SayAsync(turn, ruleMessage.Name, true, cancellationToken, extraButtons: buttons, yesNo: step is ConfirmStep);
        }
        else if (reprompt is not null)
        {
            await SayAsync(turn, reprompt.Name, true, cancellationToken, extraButtons: buttons);
        }
        else
        {
            await SayAsync(turn, BuiltinResponses.Prefix + "reprompt", false, cancellationToken);
            await SayAsync(turn, prompt.Name, true, cancellationToken, yesNo: step is ConfirmStep);
        }
    }

    private IReadOnlyList<ReplyButton> ButtonsOf(TurnContext turn, string responseId) =>
        turn.Bot.Responses.TryGetValue(responseId, out var r) && r.Buttons.Count > 0
            ? [.. r.Buttons.Select(b => new ReplyButton(Localized(b.Title.Variants, turn), b.Value))]
            : [];

    private async Task AnswerConfirmAsync(TurnContext turn, ConfirmStep confirm, bool yes, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        if (yes)
        {
            await JumpOrNextAsync(turn, confirm.OnYes?.Name, cancellationToken);
        }
        else
        {
            foreach (var slot in confirm.Edit) turn.Set(frame, slot.Name, null);
            var target = confirm.OnNo?.Name ?? (confirm.Edit.Count > 0 ? turn.TopFlow!.Steps[0].Id : "end");
            if (confirm.OnNo is null && confirm.Edit.Count > 0)
            {
                Enter(frame, target);
            }
            else
            {
                await JumpAsync(turn, target, cancellationToken, counted: false);
            }
        }
        await RunAsync(turn, cancellationToken);
    }

    private static void Enter(FlowFrame frame, string? step)
    {
        if (frame.Step != step) frame.Attempts = 0;
        frame.Step = step;
    }

    private Task JumpOrNextAsync(TurnContext turn, string? target, CancellationToken cancellationToken)
    {
        if (target is not null) return JumpAsync(turn, target, cancellationToken, counted: false);
        Advance(turn);
        return Task.CompletedTask;
    }

    /// <summary>Moves the top frame to the step after its current one (past the end = the flow completes on the next run).</summary>
    private static void Advance(TurnContext turn)
    {
        var frame = turn.Top!;
        var flow = turn.TopFlow!;
        var index = frame.Step is null ? 0 : flow.StepIndex[frame.Step];
        Enter(frame, index + 1 < flow.Steps.Count ? flow.Steps[index + 1].Id : "#end");
    }

    private async Task JumpAsync(TurnContext turn, string target, CancellationToken cancellationToken, bool counted)
    {
        if (counted && ++turn.Gotos > turn.Bot.Settings.Limits.MaxGotosPerTurn)
        {
            await AbortAsync(turn, "limit:gotos", cancellationToken);
            return;
        }
        switch (target)
        {
            case "end":
                Enter(turn.Top!, "#end");
                break;
            case "handoff":
                await HandoffAsync(turn, turn.Bot.Definition.Patterns.Handoff.Name, cancellationToken);
                break;
            default:
                Enter(turn.Top!, target);
                break;
        }
    }

    /// <summary>Runs steps until the bot waits for input or no flow is left.</summary>
    private async Task RunAsync(TurnContext turn, CancellationToken cancellationToken)
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
                    if (turn.Value(ask.Slot.Name) is not null)
                    {
                        Advance(turn);
                        continue;
                    }
                    await SayAsync(turn, ask.Response.Name, true, cancellationToken);
                    return;
                case ConfirmStep confirm:
                    await SayAsync(turn, confirm.Response.Name, true, cancellationToken, yesNo: true);
                    return;
                case SayStep say:
                    await SayAsync(turn, say.Response.Name, false, cancellationToken);
                    Advance(turn);
                    break;
                case SetStep set:
                    foreach (var assignment in set.Assignments)
                    {
                        var slot = turn.Bot.FindSlot(frame.Flow, assignment.Slot.Name)!;
                        var value = SlotNormalizer.FromExpr(Evaluate(turn, assignment.Value), turn.Bot.TypeOf(slot));
                        turn.Set(frame, assignment.Slot.Name, value);
                    }
                    Advance(turn);
                    break;
                case BranchStep branch:
                    var target = branch.Cases.FirstOrDefault(c => Evaluate(turn, c.Condition).IsTrue)?.Goto ?? branch.Else;
                    if (target is null) Advance(turn);
                    else await JumpAsync(turn, target.Name, cancellationToken, counted: true);
                    break;
                case GotoStep go:
                    await JumpAsync(turn, go.Target.Name, cancellationToken, counted: true);
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
                        if (SlotNormalizer.FromExpr(Evaluate(turn, input.Value), turn.Bot.TypeOf(slot)) is { } v) child.Slots[input.Slot.Name] = v;
                    }
                    turn.State.Stack.Add(child);
                    turn.Trace.Events.Add("flow_started:" + child.Flow);
                    break;
                case HttpStep http:
                    await HttpAsync(turn, http, cancellationToken);
                    break;
                case HandoffStep handoff:
                    await HandoffAsync(turn, handoff.Response?.Name ?? turn.Bot.Definition.Patterns.Handoff.Name, cancellationToken);
                    return;
                case EndStep end:
                    if (end.Response is not null) await SayAsync(turn, end.Response.Name, false, cancellationToken);
                    await CompleteTopAsync(turn, cancellationToken);
                    break;
            }
        }
    }

    private async Task CompleteTopAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var child = turn.Top!;
        turn.State.Stack.RemoveAt(turn.State.Stack.Count - 1);
        turn.Trace.Events.Add("flow_completed:" + child.Flow);
        if (turn.Top is not { } parent) return;
        if (turn.CurrentStep is CallStep call && call.Flow.Name == child.Flow)
        {
            foreach (var (parentSlot, childSlot) in call.Outputs)
            {
                turn.Set(parent, parentSlot.Name, child.Slots.TryGetValue(childSlot.Name, out var v) ? v : null);
            }
            Advance(turn);
            return;
        }
        // The finished flow had interrupted this one: say so, and the run loop asks the interrupted step again.
        await SayAsync(turn, turn.Bot.Definition.Patterns.Resume.Name, false, cancellationToken);
    }

    /// <summary>Cancels the innermost flow and any caller waiting on it; the interrupted flow below (if any) resumes.</summary>
    private async Task CancelTopAsync(TurnContext turn, CancellationToken cancellationToken, bool silent = false)
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
        if (!silent) await SayAsync(turn, turn.Bot.Definition.Patterns.Cancelled.Name, false, cancellationToken);
        if (turn.Top is not null) await SayAsync(turn, turn.Bot.Definition.Patterns.Resume.Name, false, cancellationToken);
    }

    private async Task HandoffAsync(TurnContext turn, string response, CancellationToken cancellationToken)
    {
        turn.Trace.Events.Add("handoff");
        // Render before the stack goes: the handoff message may name what the user had told us ({{ device }}, ...).
        await SayAsync(turn, response, false, cancellationToken, handoff: true);
        foreach (var frame in turn.State.Stack.AsEnumerable().Reverse()) turn.Trace.Events.Add("flow_cancelled:" + frame.Flow);
        turn.State.Stack.Clear();
        turn.State.Pending = null;
        turn.State.HandedOff = true;
    }

    /// <summary>A runtime bound was hit: stop all flows at a safe point and tell the user.</summary>
    private async Task AbortAsync(TurnContext turn, string reason, CancellationToken cancellationToken)
    {
        LogTurnAborted(_logger, reason, turn.Top?.Flow, turn.Top?.Step);
        turn.Trace.Events.Add(reason);
        foreach (var frame in turn.State.Stack.AsEnumerable().Reverse()) turn.Trace.Events.Add("flow_cancelled:" + frame.Flow);
        turn.State.Stack.Clear();
        turn.State.Pending = null;
        await SayAsync(turn, turn.Bot.Definition.Patterns.Error.Name, false, cancellationToken);
    }

    private async Task HttpAsync(TurnContext turn, HttpStep http, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        var service = turn.Bot.Definition.Services[http.Service.Name];
        ServiceResult result;
        if (_services is null)
        {
            result = ServiceResult.Failed("no service invoker configured");
        }
        else
        {
            var path = Template.Render(http.Path, name => turn.Value(name) is { } v ? Uri.EscapeDataString(SlotNormalizer.ToExpr(v).ToString()) : "");
            JsonElement? body = null;
            if (http.Body.Count > 0)
            {
                var fields = http.Body.ToDictionary(b => b.Name, b => Template.Render(b.Template, name => turn.Value(name) is { } v ? SlotNormalizer.ToExpr(v).ToString() : ""));
                body = JsonSerializer.SerializeToElement(fields, DialogJsonContext.Default.DictionaryStringString);
            }
            var request = new ServiceRequest
            {
                Service = service,
                Method = http.Method,
                Path = path,
                Body = body,
                Timeout = http.Timeout ?? service.Timeout,
                Retry = http.Retry ?? service.Retry,
            };
            try
            {
                result = await _services.InvokeAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = ServiceResult.Failed(ex.GetType().Name);
            }
        }
        if (!result.Success || result.Body is not { } json)
        {
            LogServiceFailed(_logger, http.Service.Name, http.Id, result.StatusCode, result.Error);
            turn.Trace.Events.Add("http_failed:" + http.Id);
            if (http.OnError is null)
            {
                await SayAsync(turn, turn.Bot.Definition.Patterns.Error.Name, false, cancellationToken);
                await CancelTopAsync(turn, cancellationToken, silent: true);
            }
            else
            {
                await JumpAsync(turn, http.OnError.Name, cancellationToken, counted: false);
            }
            return;
        }
        foreach (var (slot, jsonPath, _) in http.Result)
        {
            var definition = turn.Bot.FindSlot(frame.Flow, slot.Name)!;
            var type = turn.Bot.TypeOf(definition);
            var selected = JsonPath.Select(json, jsonPath);
            JsonElement? value = null;
            if (selected is { } s && s.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array))
            {
                var raw = s.ValueKind == JsonValueKind.String ? s.GetString()! : s.GetRawText();
                if (SlotNormalizer.TryNormalize(type, raw, turn.Language, turn.Now, out var normalized, out _)) value = normalized;
            }
            turn.Set(frame, slot.Name, value);
        }
        Advance(turn);
    }

    private static void Recover(TurnContext turn)
    {
        var state = turn.State;
        var bot = turn.Bot;
        var ok = state.Stack.All(frame =>
            bot.Flows.TryGetValue(frame.Flow, out var flow)
            && (frame.Step is null || flow.Step(frame.Step) is AskStep or ConfirmStep or CallStep));
        if (state.Pending == "cancel" && state.Stack.Count == 0) ok = false;
        if (!ok)
        {
            state.Stack.Clear();
            state.Pending = null;
            turn.Trace.Events.Add("recovered");
            turn.Replies.Add(Render(turn, bot.Definition.Patterns.Recovered.Name, false));
        }
        foreach (var frame in state.Stack)
        {
            var flow = bot.Flows[frame.Flow].Definition;
            foreach (var name in frame.Slots.Keys.Where(k => !flow.Slots.ContainsKey(k)).ToList()) frame.Slots.Remove(name);
        }
        foreach (var name in state.Slots.Keys.Where(k => !bot.Definition.Slots.ContainsKey(k)).ToList()) state.Slots.Remove(name);
        state.Revision = bot.Revision;
    }

    private async Task SayAsync(TurnContext turn, string responseId, bool expectsInput, CancellationToken cancellationToken,
        IReadOnlyList<ReplyButton>? extraButtons = null, bool yesNo = false, bool handoff = false)
    {
        var reply = Render(turn, responseId, expectsInput, extraButtons, yesNo, handoff);
        if (turn.Bot.Responses.TryGetValue(responseId, out var response) && response.Phrasing != PhrasingMode.Template && _phraser is not null)
        {
            reply = await PhraseAsync(turn, response, reply, cancellationToken);
        }
        turn.Replies.Add(reply);
    }

    private async Task<Reply> PhraseAsync(TurnContext turn, ResponseDefinition response, Reply reply, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value, slot) in VisibleSlots(turn))
        {
            if (!turn.Bot.IsSensitive(slot)) facts[name] = SlotNormalizer.Display(value, turn.Bot.TypeOf(slot), turn.Language);
        }
        var mustInclude = response.Guards?.MustInclude.Select(m => facts.GetValueOrDefault(m) ?? m).ToList() ?? [];
        try
        {
            var result = await _phraser!.PhraseAsync(new PhrasingRequest
            {
                ResponseId = response.Id,
                Mode = response.Phrasing == PhrasingMode.Generate ? "generate" : "rephrase",
                TemplateText = reply.Text ?? "",
                Language = turn.Language,
                Instruction = response.Instruction,
                Facts = facts,
                MustInclude = mustInclude,
                ForbiddenTopics = response.Guards?.Forbidden ?? [],
                MaxSentences = response.Guards?.MaxSentences,
                Persona = turn.Bot.Settings.Persona,
            }, cancellationToken);
            turn.Trace.LlmCalls += result.FromModel || result.TokensIn > 0 ? 1 : 0;
            turn.Trace.TokensIn += result.TokensIn;
            turn.Trace.TokensOut += result.TokensOut;
            if (string.IsNullOrWhiteSpace(result.Text)) return reply;
            return new Reply { ResponseId = reply.ResponseId, Text = result.Text, Buttons = reply.Buttons, Cards = reply.Cards, ExpectsInput = reply.ExpectsInput, Handoff = reply.Handoff };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPhrasingFailed(_logger, response.Id, ex);
            return reply;
        }
    }

    private static IEnumerable<(string Name, JsonElement Value, SlotDefinition Slot)> VisibleSlots(TurnContext turn)
    {
        var frame = turn.Top;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (frame is not null)
        {
            foreach (var (name, value) in frame.Slots)
            {
                if (turn.Bot.FindSlot(frame.Flow, name) is { } slot && seen.Add(name)) yield return (name, value, slot);
            }
        }
        foreach (var (name, value) in turn.State.Slots)
        {
            if (turn.Bot.Definition.Slots.TryGetValue(name, out var slot) && seen.Add(name)) yield return (name, value, slot);
        }
    }

    private static string Localized(IReadOnlyDictionary<string, IReadOnlyList<string>> variants, TurnContext turn, string key = "")
    {
        var list = variants.GetValueOrDefault(turn.Language) ?? variants.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) ?? variants.GetValueOrDefault("en") ?? variants.Values.FirstOrDefault() ?? [];
        if (list.Count == 0) return "";
        // Deterministic variation: the same turn of the same conversation always picks the same variant.
        var seed = key.Aggregate(turn.State.Turn, (h, c) => unchecked(h * 31 + c));
        return list[(int)((uint)seed % (uint)list.Count)];
    }

    private static Reply Render(TurnContext turn, string responseId, bool expectsInput, IReadOnlyList<ReplyButton>? extraButtons = null, bool yesNo = false, bool handoff = false)
    {
        if (!turn.Bot.Responses.TryGetValue(responseId, out var response))
        {
            // Cannot happen for a validated bot; keep the turn alive anyway.
            return new Reply { ResponseId = responseId, Text = "", ExpectsInput = expectsInput, Handoff = handoff };
        }
        string? Value(string name)
        {
            var frame = turn.Top;
            var slot = turn.Bot.FindSlot(frame?.Flow, name);
            return slot is not null && turn.Value(name) is { } v ? SlotNormalizer.Display(v, turn.Bot.TypeOf(slot), turn.Language) : null;
        }
        var text = Template.Render(Localized(response.Text.Variants, turn, responseId), Value);
        var buttons = response.Buttons.Select(b => new ReplyButton(Localized(b.Title.Variants, turn), b.Value)).ToList();
        if (extraButtons is not null) buttons.AddRange(extraButtons.Where(e => buttons.All(b => b.Value != e.Value)));
        if (yesNo && buttons.Count == 0)
        {
            var (yes, no) = Lexicon.YesNoTitles(turn.Language);
            buttons.Add(new ReplyButton(yes, "yes"));
            buttons.Add(new ReplyButton(no, "no"));
        }
        var cards = new List<ReplyCard>();
        if (response.Card is { } card)
        {
            var hero = new System.Text.Json.Nodes.JsonObject();
            if (card.Title is not null) hero["title"] = Template.Render(Localized(card.Title.Variants, turn), Value);
            if (card.Text is not null) hero["text"] = Template.Render(Localized(card.Text.Variants, turn), Value);
            if (card.Image is not null) hero["images"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["url"] = card.Image });
            cards.Add(new ReplyCard("application/vnd.microsoft.card.hero", JsonSerializer.SerializeToElement(hero, DialogJsonContext.Default.JsonObject)));
        }
        return new Reply { ResponseId = responseId, Text = text, Buttons = buttons, Cards = cards, ExpectsInput = expectsInput, Handoff = handoff };
    }

    private static void Remember(TurnContext turn, string speaker, string text)
    {
        var history = turn.State.History;
        history.Add(new ConversationLine(speaker, text.Length > 300 ? text[..300] : text));
        var max = turn.Bot.Settings.Limits.HistoryTurns;
        if (history.Count > max) history.RemoveRange(0, history.Count - max);
    }

    /// <summary>Adds the bot's replies to the history with sensitive slot values masked.</summary>
    private static void RememberBotLines(TurnContext turn)
    {
        if (turn.Replies.Count == 0) return;
        var secrets = new List<string>();
        foreach (var frame in turn.State.Stack)
        {
            foreach (var (name, value) in frame.Slots)
            {
                if (turn.Bot.FindSlot(frame.Flow, name) is { } slot && turn.Bot.IsSensitive(slot)) secrets.Add(SlotNormalizer.ToExpr(value).ToString());
            }
        }
        foreach (var (name, value) in turn.State.Slots)
        {
            if (turn.Bot.Definition.Slots.TryGetValue(name, out var slot) && turn.Bot.IsSensitive(slot)) secrets.Add(SlotNormalizer.ToExpr(value).ToString());
        }
        var text = string.Join(" ", turn.Replies.Select(r => r.Text).Where(t => !string.IsNullOrEmpty(t)));
        foreach (var secret in secrets.Where(s => s.Length > 0)) text = text.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
        if (text.Length > 0) Remember(turn, "bot", text);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Understanding failed; the turn continues as not understood")]
    private static partial void LogUnderstandingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Turn stopped by a runtime bound ({Reason}) in flow {Flow} at step {Step}; the conversation was reset to a safe point")]
    private static partial void LogTurnAborted(ILogger logger, string reason, string? flow, string? step);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Service {Service} failed at step {Step} (status {Status}): {Error}")]
    private static partial void LogServiceFailed(ILogger logger, string service, string step, int? status, string? error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Dialog turn failed in flow {Flow} at step {Step}; the conversation was reset to a safe point")]
    private static partial void LogTurnFailed(ILogger logger, string? flow, string? step, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Phrasing of response {Response} failed; the template was used")]
    private static partial void LogPhrasingFailed(ILogger logger, string response, Exception exception);
}
