using System.Text.Json;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The deterministic flow engine. Per turn: the interpretation policy (<see cref="TurnInterpreter"/>: what the step
/// expects first, at most one understanding call), every command checked against the current step
/// (<see cref="CommandApplier"/>), then steps run until the bot waits or no flow is left (<see cref="FlowRunner"/>).
/// Trace events (for author tests): <c>flow_started:x</c>, <c>flow_completed:x</c>, <c>flow_cancelled:x</c>,
/// <c>slot_set:x</c>, <c>slot_corrected:x</c>, <c>slot_invalid:x</c>, <c>pattern:p</c>, <c>handoff</c>,
/// <c>exhausted:step</c>, <c>http_failed:step</c>, <c>limit:gotos</c>, <c>limit:steps</c>, <c>recovered</c>, <c>message_not_read</c>
/// (new dialogs dropped a value the user gave, so the message was not read as the answer to the question asked again).
/// </summary>
public sealed partial class DialogEngine : IDialogEngine
{
    private readonly IDialogDefinitionsProvider _definitions;
    private readonly TurnInterpreter _interpreter;
    private readonly CommandApplier _commands;
    private readonly EventRunner _events;
    private readonly FlowRunner _flows;
    private readonly ReplyRenderer _replies;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates an engine. <paramref name="phraser"/> null = templates only; <paramref name="services"/> null = every http
    /// step takes its error path; <paramref name="knowledgeSimilarity"/> null = <c>answer</c> steps retrieve passages lexically.
    /// </summary>
    public DialogEngine(
        IDialogDefinitionsProvider definitions,
        IUnderstanding understanding,
        TimeProvider? timeProvider = null,
        ILogger<DialogEngine>? logger = null,
        IResponsePhraser? phraser = null,
        IServiceInvoker? services = null,
        IUtteranceSimilarity? knowledgeSimilarity = null)
    {
        _definitions = definitions;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _replies = new ReplyRenderer(phraser, _logger);
        var answers = new AnswerStepRunner(knowledgeSimilarity ?? LexicalSimilarity.ForPassages(), phraser, _replies, _logger);
        _interpreter = new TurnInterpreter(understanding, answers, timeProvider ?? TimeProvider.System, _logger);
        _flows = new FlowRunner(_replies, new HttpStepRunner(services, _logger), answers, _logger);
        _commands = new CommandApplier(_flows, _replies);
        _events = new EventRunner(_flows, _replies);
    }

    /// <inheritdoc />
    public async ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var bot = _definitions.Current; // one snapshot for the whole turn
        // One JSON form of the incoming state (the host's stored bytes, or one serialisation) is both the source of this
        // turn's private copy and the "before" of the change check; the "after" is handed to the host to store (issue 19:
        // the state was serialised five times per turn). Unreadable or newer-versioned state starts over.
        // Null for a new conversation, not empty: `StateJson ?? (State is null ? null : bytes)` is typed ReadOnlyMemory<byte>
        // (a null byte[] converts to an empty one), which threw and caught two JsonExceptions in every new conversation's
        // first turn (issue 19) and came back as the StateJson of a turn that changes nothing (zero bytes: not JSON).
        var before = input.StateJson;
        if (before is null && input.State is { } given) before = DialogStateJson.SerializeToUtf8Bytes(given);
        var state = before is { } json ? DialogStateJson.Deserialize(json.Span) : null;
        var trace = new TurnTrace();
        var fault = before is not null && state is null ? StoredStateFault.Unreadable : StoredStateFault.None;
        if (state is not null && state.Version > DialogState.CurrentVersion)
        {
            // Written by a newer version of the engine (a rolling upgrade, or one rolled back): this one would drop what it
            // does not know. Nothing runs; the host asks the channel to retry, most likely on an instance of that version.
            LogNewerState(_logger, state.Version);
            return Unchanged(input, before, trace, StoredStateFault.Newer);
        }
        if (state is null)
        {
            if (fault == StoredStateFault.Unreadable) LogUnreadableState(_logger);
            state = new DialogState();
        }
        // The channel reports the user's zone on most activities, not all (a conversation update may lack it): remember it.
        if (bot.IsKnownTimeZone(input.TimeZone)) state.TimeZone = input.TimeZone;
        if (ConversationTypes.Canonical(input.ConversationType) is { } conversationType) state.ConversationType = conversationType;
        if (input.Kind == TurnKind.Join) TurnLanguage.Prefer(bot, state, input.Locale);
        var turn = new TurnContext(bot, state, TurnLanguage.For(bot, state, input.Locale, input.Text), input.Now, trace, bot.TimeZoneFor(state.TimeZone)) { Locale = input.Locale, AnswerBy = input.AnswerBy };
        if (input.Kind == TurnKind.Join && before is { } begun && fault == StoredStateFault.None)
        {
            // A join in a conversation that has begun (Web Chat reconnecting after a page reload, or the channel's
            // conversationUpdate greeted first) changes only its language: it is no turn of the user's, so the waiting
            // question's reminder, the buttons shown and the misunderstandings counted stay as they were.
            var joined = DialogStateJson.SerializeToUtf8Bytes(state);
            return new TurnOutcome { State = state, StateJson = joined, StateChanged = !begun.Span.SequenceEqual(joined), Replies = [], Trace = trace, StoredState = fault };
        }

        if (input.Kind == TurnKind.Event && FlowTimers.IsTimer(input.EventName))
        {
            // Before the revision check and the turn counter: a stale timer (the user answered, moved on, the flow
            // ended, the dialogs changed) leaves the state exactly as it was and says nothing.
            if (state.Revision != bot.Revision || !FlowTimers.Run(turn, input.EventName!, input.EventPayload))
            {
                return Unchanged(input, before, trace, fault);
            }
            ConversationHistory.RememberBotLines(turn);
            return new TurnOutcome { State = state, Replies = turn.Replies, Trace = trace, StoredState = fault };
        }

        if (input.Kind == TurnKind.Event && input.EventName == SlowSteps.ContinueEvent
            && (state.Revision != bot.Revision || !SlowSteps.TryResume(turn, input.EventPayload)))
        {
            // An answer the conversation no longer waits for (applied before, expired, dialogs reloaded): nothing changes.
            return Unchanged(input, before, trace, fault);
        }

        // Other dialogs than the state's, or values of another kind than their slots' (a state edited by hand): fitted first.
        var restore = (state.Revision != bot.Revision && (state.Revision is not null || state.Stack.Count > 0 || state.Slots.Count > 0)) || !StateRestore.KindsHold(turn)
            ? StateRestore.Restore(turn)
            : default;
        state.Revision = bot.Revision;
        if (restore.Changes is { Count: > 0 } changes) LogStateRestored(_logger, changes.Count, string.Join("; ", changes));
        state.Turn++;
        // The buttons the last turn showed at the top level are for this turn only.
        turn.ShownButtons = state.Buttons;
        state.Buttons = null;
        turn.Misses = state.Misses;
        state.Misses = 0;

        if (input.Kind is TurnKind.ConversationStart or TurnKind.Join)
        {
            // A join greets only a new conversation (one that has begun returned above; an unreadable one is told it starts over).
            if (bot.Settings.Welcome is { } welcome && (input.Kind == TurnKind.ConversationStart || before is null))
            {
                await _replies.SayAsync(turn, welcome.Name, expectsInput: false, cancellationToken);
            }
        }
        else if (input.Kind == TurnKind.Event && turn.Answered is not null)
        {
            await _flows.RunAsync(turn, cancellationToken);
        }
        else if (input.Kind == TurnKind.Event)
        {
            // Refused: nothing of it is kept (the inputs were written to this turn's private copy of the state only).
            var refused = input.Given is { } preset
                ? await _events.GivenAsync(turn, preset, cancellationToken)
                : input.EventName == Handoffs.StatusEvent
                    ? await Handoffs.StatusAsync(turn, input.EventPayload, _replies, cancellationToken)
                    : await _events.RunAsync(turn, input.EventName ?? "", input.EventPayload, cancellationToken);
            if (refused is { } rejection)
            {
                return Unchanged(input, before, trace, fault, rejection);
            }
        }
        else
        {
            try
            {
                if (restore.RunFirst) await RunRestoredAsync(turn, !restore.SkipMessage, cancellationToken);
                if (restore.SkipMessage) turn.Trace.Events.Add("message_not_read");
                else if (state.Calling is { } call) await SlowSteps.MessageWhileCallingAsync(turn, call, _replies, _flows, cancellationToken);
                // A person has the conversation (the agent hub accepted the handoff): what the user writes is for them.
                else if (Handoffs.HoldsConversation(turn)) turn.Trace.Events.Add("with_agent");
                else await MessageAsync(turn, input, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A fault in the engine must not strand the conversation in a state that fails on every turn:
                // log it, return to a safe point and tell the user.
                LogTurnFailed(_logger, turn.Top?.Flow, turn.Top?.Step, ex);
                turn.Trace.Events.Add("engine_error");
                state.Stack.Clear();
                state.Pending = null;
                state.Calling = null;
                turn.Replies.Clear();
                turn.Replies.Add(ReplyRenderer.Render(turn, bot.Definition.Patterns.Error.Name, false));
            }
        }

        TurnInterpreter.RememberButtons(turn);
        if (trace.ModelOutOfTime > 0) LogModelOutOfTime(_logger, trace.ModelOutOfTime);
        trace.FlowId = turn.Top?.Flow;
        trace.StepId = turn.Top?.Step;
        for (var i = state.Stack.Count - 2; i >= 0; i--)
        {
            if (state.Stack[i].Step is null) trace.Waiting.Add(state.Stack[i].Flow);
        }
        ConversationHistory.RememberBotLines(turn);
        var after = DialogStateJson.SerializeToUtf8Bytes(state);
        return new TurnOutcome { State = state, StateJson = after, StateChanged = before is not { } was || !was.Span.SequenceEqual(after), Replies = turn.Replies, Trace = trace, Remembered = turn.Remembered, Scheduled = [.. turn.Scheduled, .. FlowTimers.Schedule(turn)], StoredState = fault };
    }

    // A message a user sent is never answered with silence: files answer a file ask; text and buttons go through the
    // interpreter; a submitted object through its slot keys; files no step takes get the files pattern; anything else
    // (an object naming no slot, an empty message) is not understood, like words nobody can place.
    private async Task MessageAsync(TurnContext turn, TurnInput input, CancellationToken cancellationToken)
    {
        turn.Files = input.Files;
        if (input.Files.Count > 0 && FileSlots.AtFileAsk(turn))
        {
            // The files are the answer; words sent with them ("here is the receipt") are not read.
            turn.Trace.Path = "fast";
            await _commands.ApplyAsync(turn, [FileSlots.Answer(turn, input.Files)], cancellationToken);
            ConversationHistory.Remember(turn, "user", turn.SensitiveInput ? "***" : "(" + string.Join(", ", input.Files.Select(f => f.Name ?? f.ContentType)) + ")");
            return;
        }
        // The fields of a submitted object that name slots (a card's or form's answer), read once for the whole message.
        var submitted = SubmittedValues.Commands(turn, input.Value);
        // A value that names slots is the answer, whatever text came with it: a messageBack sends its own text (a label
        // like "Submit") next to the form's fields, and that label read as words was "not a valid answer".
        if (submitted.Count > 0 && !string.IsNullOrWhiteSpace(input.Text))
        {
            turn.Trace.Path = "fast";
            await _commands.ApplyAsync(turn, submitted, cancellationToken);
            return;
        }
        var text = UtteranceText.Visible(input.Text);
        var value = ButtonValue(input.Value, namesSlots: submitted.Count > 0);
        // A button that sends a text of its own arrives as that text; it still stands for the button's value, except
        // as the answer to a free-text question, where whatever the user sends is the answer.
        // The sentence such a button sends is what the user said (an answer step's question), whichever way it arrived.
        turn.UserText = text.Length > 0 ? text : value;
        if (turn.Bot.SentButtonValue(turn.Language, value ?? text) is { } sent && !AtFreeTextAsk(turn)) value = sent;
        else if (text.Length == 0) turn.UserText = null;
        var hasInput = text.Length > 0 || value is not null;
        var commands = hasInput ? await _interpreter.InterpretAsync(turn, text, value, cancellationToken) : [];
        // "here is my receipt" with a file, nothing running: the files line asks for the request in words, so a second
        // "Sorry, I did not understand that." after it adds nothing (at a question its reprompt still asks again).
        var filesSayAll = input.Files.Count > 0 && hasInput && turn.State.Stack.Count == 0 && commands.All(c => c is CannotHandleCommand);
        if (input.Files.Count > 0)
        {
            turn.Trace.Events.Add("pattern:files");
            await _replies.SayAsync(turn, turn.Bot.Definition.Patterns.Files.Name, expectsInput: !hasInput || filesSayAll, cancellationToken);
        }
        if (hasInput)
        {
            if (!filesSayAll) await _commands.ApplyAsync(turn, commands, cancellationToken);
            ConversationHistory.Remember(turn, "user", turn.SensitiveInput ? "***" : text.Length > 0 ? text : value!);
            return;
        }
        if (submitted.Count > 0)
        {
            turn.Trace.Path = "fast";
            await _commands.ApplyAsync(turn, submitted, cancellationToken);
            return;
        }
        if (input.Files.Count == 0)
        {
            // Nothing sent at all (in Teams, a message that only @mentions the bot: the user calls it). Outside a flow
            // the help says what the bot can do; at a question, the question's reprompt. A submitted value the bot cannot
            // place stays not understood.
            Command nothing = turn.State.Stack.Count == 0 && input.Value is null ? new HelpCommand() : new CannotHandleCommand();
            await _commands.ApplyAsync(turn, [nothing], cancellationToken);
        }
    }

    // A flow that starts again (or calls again) after new dialogs runs to its question before the message is read, so
    // the message answers that question ("red" to the colour question asked again); the question itself is then not said,
    // as the message may already answer it, and what the message does not answer gets the question back as usual.
    private async Task RunRestoredAsync(TurnContext turn, bool readMessage, CancellationToken cancellationToken)
    {
        var said = turn.Replies.Count;
        await _flows.RunAsync(turn, cancellationToken);
        if (readMessage && turn.Replies.Count > said && turn.Replies[^1].ExpectsInput && turn.State.Calling is null) turn.Replies.RemoveAt(turn.Replies.Count - 1);
    }

    // A turn that changes nothing: the stored state goes back as it came, byte for byte, and nothing is said.
    private static TurnOutcome Unchanged(TurnInput input, ReadOnlyMemory<byte>? before, TurnTrace trace, StoredStateFault fault, EventRejection? rejection = null) =>
        new() { State = input.State ?? new DialogState(), StateJson = before, StateChanged = false, Replies = [], Trace = trace, StoredState = fault, Rejection = rejection };

    private static bool AtFreeTextAsk(TurnContext turn) =>
        turn.CurrentStep is AskStep ask && turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } slot && turn.Bot.TypeOf(slot).Kind == SlotKind.Text;

    /// <summary>
    /// A button payload: a JSON string, or an object's <c>value</c> string when the object names no slot (an object
    /// that names slots is a submitted form: <see cref="SubmittedValues"/>).
    /// </summary>
    private static string? ButtonValue(JsonElement? value, bool namesSlots)
    {
        if (value is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return string.IsNullOrWhiteSpace(v.GetString()) ? null : v.GetString();
        if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(inner.GetString()) && !namesSlots)
        {
            return inner.GetString();
        }
        return null;
    }

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "The conversation's dialog state is not in the shape this version writes; the turn ran on a new state")]
    private static partial void LogUnreadableState(ILogger logger);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "The conversation's dialog state has shape version {Version}, newer than this version writes; the turn did not run")]
    private static partial void LogNewerState(ILogger logger, int version);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "The conversation's state was made with other dialogs: {Count} thing(s) did not fit the dialogs now deployed and were dropped or started again: {Changes}")]
    private static partial void LogStateRestored(ILogger logger, int count, string changes);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Dialog turn failed in flow {Flow} at step {Step}; the conversation was reset to a safe point")]
    private static partial void LogTurnFailed(ILogger logger, string? flow, string? step, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "The turn's time for the model ran out: {Calls} model call(s) skipped or cut short; the local recognizer's reading, the template texts or the knowledge passage answered instead")]
    private static partial void LogModelOutOfTime(ILogger logger, int calls);
}
