using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// How a turn is understood — the one interpretation policy, the same in every host and in <c>chatbot chat</c> and
/// <c>chatbot test</c> (dialogs/README.md, "How a turn is understood"):
/// <list type="number">
/// <item>What the step expects, without a recognizer: a button value; yes/no (and corrections of the confirmed slots)
/// at a confirmation; a value that parses as the asked slot's kind; an early answer or a correction of another slot;
/// a question about the conversation ("where was I?", "why do you need that?"), never an answer; an explicit global
/// command of the user's language; an exact example of one flow.</item>
/// <item>At a free-text ask the user's words are the answer unless they are such a command, or the recognizer is
/// confident (the bot's <c>understanding.digression_threshold</c> and <c>digression_margin</c>) that the user wants
/// another routable flow; short answers that share no word with another flow's examples need no recognizer.</item>
/// <item>Otherwise one recognizer call; its commands are checked against the step like any other.</item>
/// </list>
/// </summary>
internal sealed partial class TurnInterpreter(IUnderstanding understanding, AnswerStepRunner answerSteps, TimeProvider time, ILogger logger)
{
    // Longer answers at a free-text ask always go past the recognizer: a sentence may be a request for something else.
    private const int ShortAnswerWords = 4;

    /// <summary>The commands the user's input means at the current position, with the path and cost recorded in the trace.</summary>
    public async Task<IReadOnlyList<Command>> InterpretAsync(TurnContext turn, string text, string? buttonValue, CancellationToken cancellationToken)
    {
        // The answer to a clarifying question: the flow picked also gets the values the clarified message named.
        var clarified = turn.ClarifiedBefore = turn.State.Clarified;
        turn.State.Clarified = null;
        var answered = turn.State.Answered;
        turn.State.Answered = null;
        var told = turn.State.Told;
        turn.State.Told = null;
        var offered = turn.State.SwitchTo;
        turn.State.SwitchTo = null;
        if (turn.State.Pending == PendingQuestion.SwitchFlow)
        {
            if (SwitchAnswer(turn, text, buttonValue, offered) is { } switched)
            {
                turn.Trace.Path = "fast";
                return clarified is not null && switched is [StartFlowCommand] ? WithNamedValues(turn, switched, clarified) : switched;
            }
            // The offered request's values are not what the user says instead.
            clarified = turn.ClarifiedBefore = null;
        }
        // "2", "the second one" right after the welcome's or a clarifying question's buttons: that button, as if clicked.
        if (buttonValue is null && ButtonByPlace(turn, text) is { } picked)
        {
            turn.Trace.Events.Add("button_by_place:" + picked);
            (text, buttonValue) = ("", picked);
        }
        var reading = await ReadAsync(turn, text, buttonValue, cancellationToken);
        var commands = reading.Commands;
        // Also when the reading found the request's thing unknown to the bot (UnknownThingAsked).
        turn.OutOfScope = (turn.OutOfScope || PlacedOutOfScope(turn, reading.Result)) && commands.All(c => c is CannotHandleCommand);
        if (answered is not null && FollowUp(turn, answered, text, commands) is { } knowledge)
        {
            turn.Trace.Events.Add("follow_up:" + knowledge.Id);
            turn.FollowsUp = answered;
            turn.Unplaced = false; // the question before it places it
            return [new StartFlowCommand(knowledge.Id)];
        }
        if (told is not null && FollowUpOfTold(turn, told, text) is { } again)
        {
            turn.Trace.Events.Add("follow_up:" + told);
            return WithNamedValues(turn, [new StartFlowCommand(again.Id)], text);
        }
        return clarified is not null && commands is [StartFlowCommand] ? WithNamedValues(turn, commands, clarified) : commands;
    }

    /// <summary>
    /// The answer to "Do you want … instead?" (<see cref="PendingQuestion.SwitchFlow"/>): a yes starts the offered flow
    /// (a digression: the flow it interrupted resumes afterwards), a no is left to the engine, which asks the interrupted
    /// question again. Anything else answers that question: the offer is closed and the message read as if it had not
    /// been made (null).
    /// </summary>
    private static IReadOnlyList<Command>? SwitchAnswer(TurnContext turn, string text, string? buttonValue, string? offered)
    {
        var reply = Expected(turn, text, buttonValue, null);
        if (reply is [DenyCommand]) return reply;
        turn.State.Pending = null;
        if (reply is not [AffirmCommand] || offered is null) return null;
        turn.Trace.Events.Add("switch_flow:" + offered);
        return [new StartFlowCommand(offered)];
    }

    /// <summary>What a message means, and whether the recognizer was asked for it (else it was read on the fast path).</summary>
    private readonly record struct Reading(IReadOnlyList<Command> Commands, bool AskedRecognizer, UnderstandingResult? Result = null);

    /// <summary>
    /// The message read as at the top level, where a cancel would leave the user: the one running flow is set aside while
    /// it is read, so the recognizer's own threshold and the values only one flow takes decide, not a digression's
    /// confidence or the step's interruptions.
    /// </summary>
    private async Task<Reading> ReadAsLeftAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var leaving = turn.State.Stack[0];
        turn.State.Stack.RemoveAt(0);
        try
        {
            return await ReadAsync(turn, text, null, cancellationToken);
        }
        finally
        {
            turn.State.Stack.Insert(0, leaving);
        }
    }

    /// <summary>
    /// "cancel the appointment and book a new one for Friday" while booking: the side before the joining word cancels
    /// what is running — a cancel verb and otherwise only function words and words of the running flow's examples
    /// ("appointment") — so the side after it is what the user wants instead. Null otherwise, and in a flow about
    /// cancelling (its examples use the verb: "cancel my appointment" there is the flow's own request, not a way out).
    /// </summary>
    private static string? AfterCancelOfRunning(TurnContext turn, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.TopFlow is not { } running || lexicon.AroundJoiner(text) is not var (first, second)) return null;
        var words = UtteranceText.Tokens(first);
        var verb = Array.FindIndex(words, lexicon.IsCancelVerb);
        if (verb < 0 || ExampleVocabulary(turn, running).Contains(words[verb])) return null;
        var rest = words.Where((w, i) => i != verb && w.Length >= 3 && !Lexicon.IsStopWord(w)).ToList();
        return rest.Count == 0 || NamesRunningFlow(turn, string.Join(' ', rest)) ? second : null;
    }

    /// <summary>
    /// A cancel of the running flow, then the reading's commands, when they start another flow (or, <paramref name="again"/>,
    /// the running one anew: the user cancelled it and asked for it in one message); null otherwise.
    /// </summary>
    private static Reading? CancelThenStart(TurnContext turn, Reading then, bool again = false)
    {
        if (!CommandApplier.StartsAnotherFlow(turn, then.Commands, again)) return null;
        // "can we do Wednesday instead?" read as a question for the bot's knowledge: a question replaces no task (the
        // booking was cancelled for an answer from the opening hours); it is read here as usual, as a side question.
        if (then.Commands.OfType<StartFlowCommand>().All(s => turn.Bot.Flows.TryGetValue(s.Flow, out var f) && AnswersQuestions(f))) return null;
        turn.Trace.Events.Add("cancel_then_start");
        return then with { Commands = [new CancelCommand(), .. then.Commands] };
    }

    /// <summary>
    /// The recognizer placed the message among the things the bot does not cover, clearly: its out-of-scope reading leads
    /// every flow by the digression margin ("what's my balance" to a bank: lexical 0.174 against 0.044, below its own
    /// threshold). The embedded model's flag alone is no such placing: gibberish ("blorp the frobnicator") is its nearest
    /// out-of-scope example by a hair (0.206 against 0.160), and rewording is what helps there. A recognizer that reports
    /// no out-of-scope score (the keyword one, which compares only the author's out_of_scope list) is taken at its word.
    /// </summary>
    private static bool PlacedOutOfScope(TurnContext turn, UnderstandingResult? result)
    {
        if (result is null) return false;
        static bool OutOfScopeKey(string key) => key.StartsWith("out_of_scope", StringComparison.Ordinal);
        if (!result.Scores.Any(p => OutOfScopeKey(p.Key))) return result.OutOfScope;
        if (result.Scores is not [var best, ..] || !OutOfScopeKey(best.Key)) return false;
        var flow = result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is not null).Select(p => p.Value).DefaultIfEmpty(0).Max();
        return best.Value - flow >= turn.Bot.Settings.Understanding.DigressionMargin;
    }

    private async Task<Reading> ReadAsync(TurnContext turn, string text, string? buttonValue, CancellationToken cancellationToken, bool whole = true)
    {
        var instead = Lexicon.For(turn.Language).AfterLeadingCancel(text);
        // "forget it, 3 please" at "How many?": the cancel phrase takes back what the user said before and the rest
        // answers the question, so the flow goes on. Only an answer read without a recognizer, and not at a free-text
        // question (where anything would be an answer).
        if (instead is not null && AnswerAfterCancel(turn, instead) is { } answer)
        {
            turn.Trace.Path = "fast";
            turn.Trace.Events.Add("cancel_then_answer");
            return new(answer, AskedRecognizer: false);
        }

        // "forget it, I want to report a problem", "cancel the appointment and book a new one for Friday": the running flow
        // goes and the request after the cancel is what the user wants instead. Only when that request starts a flow
        // (the running one begun anew included); anything else is read as a whole.
        if (turn.State.Stack.Count == 1 && (instead ?? AfterCancelOfRunning(turn, text)) is { } wanted)
        {
            // The request is read as at the top level, where the cancel leaves the user: the recognizer's own threshold
            // and the values only one flow takes decide ("forget it, what's the status of INC123456" at the e-mail
            // question needed a digression's confidence and got "Do you want to stop?").
            var then = await ReadAsLeftAsync(turn, wanted, cancellationToken);
            if (CancelThenStart(turn, then, again: true) is { } replaced) return replaced;
            // "cancel this and book a new one for Friday at 10": a local recognizer may find no flow in "a new one" (the
            // embedded model put it with out_of_scope), but the words ask for the running flow and for no other, so it is
            // begun anew with the values named, as a model's cancel and start do. A model (no scores) is taken at its word.
            if (then.Result is { Scores.Count: > 0 } && RequestAfterCancel(turn, wanted) is (true, false)
                && CancelThenStart(turn, then with { Commands = WithNamedValues(turn, [new StartFlowCommand(turn.TopFlow!.Id)], wanted) }, again: true) is { } anew)
            {
                return anew;
            }
            // The recognizer has read the request and found no flow in it: the whole message is not sent a second time
            // (a second model call); what the step expects of it, else the cancel the user opened with.
            if (then.AskedRecognizer) return new(Expected(turn, text, buttonValue, FreeTextSlot(turn)) ?? [new CancelCommand()], AskedRecognizer: true);
        }

        var freeText = FreeTextSlot(turn);
        var expected = Expected(turn, text, buttonValue, freeText);
        // "actually I want to check a ticket instead", "can someone call me back instead?" at the confirmation: a request
        // that says it replaces what is running, and is no answer here, is read as at the top level, where a cancel
        // would leave the user (also where the step lets no other flow in: the user gives it up). When it starts another
        // flow, the running one is cancelled without asking, as after "forget it, …"; otherwise it is read here as usual.
        if (expected is null && buttonValue is null && turn.State.Stack.Count == 1 && turn.State.Pending is null
            && Lexicon.For(turn.Language).SaysInstead(text) && InterruptionScope.For(turn).AllowsPattern(CommandKind.Cancel))
        {
            if (CancelThenStart(turn, await ReadAsLeftAsync(turn, text, cancellationToken)) is { } changedMind) return changedMind;
        }
        if (expected is [HelpCommand { About: null }] && await HelpFromKnowledgeAsync(turn, text, cancellationToken) is { } offered) expected = [offered];
        if (expected is not null)
        {
            turn.Trace.Path = "fast";
            return new(buttonValue is null ? WithCountsBeside(turn, expected, text) : expected, AskedRecognizer: false);
        }
        var input = text.Length > 0 ? text : buttonValue!;
        var request = UnderstandingRequestBuilder.Build(turn, input, CommandApplier.AllowedCommands(turn));
        var started = time.GetTimestamp();
        var result = await UnderstandAsync(request, cancellationToken);
        turn.Trace.UnderstandingLatency = time.GetElapsedTime(started);
        turn.Trace.Path = result.Path;
        turn.Trace.Scores = result.Scores.Count <= 3 ? result.Scores : result.Scores.Take(3).ToList();
        turn.Trace.LlmCalls += result.LlmCalls;
        turn.Trace.TokensIn += result.TokensIn;
        turn.Trace.TokensOut += result.TokensOut;
        if (result.OutOfTime) turn.Trace.ModelOutOfTime++;
        // "mein Drucker druckt nicht" to a bot that speaks only English: a local recognizer reads the foreign words by
        // their letters (the printing guide, a ticket for the English "Laptop" in it); the user is told which language
        // the bot reads (other_language) instead. A model that reports no scores (the LLM) reads the language itself.
        // Inside a flow too, when all it read is a flow: "können Sie mir bitte einen Termin geben" at an English question
        // found the running booking by "Termin" alone (an everyday group's word) and said it was on it already.
        var unspoken = result.Scores.Count > 0 && TurnLanguage.Unspoken(turn.Bot, input);
        if (turn.State.Stack.Count == 0 && unspoken) return new([new CannotHandleCommand()], AskedRecognizer: true);
        var commands = freeText is null ? ConfidentStarts(turn, result, input) : AnswerOrDigression(turn, freeText, input, result);
        if (unspoken && commands.Any(c => c is StartFlowCommand or ClarifyCommand) && commands.All(c => c is StartFlowCommand or ClarifyCommand or CannotHandleCommand))
        {
            return new([new CannotHandleCommand()], AskedRecognizer: true);
        }
        if (freeText is not null && result.Scores.Count > 0 && commands is [SetSlotCommand] && await FactQuestionAsync(turn, input, result, cancellationToken) is { } factQuestion) commands = [factQuestion];
        // "cancel the appointment and book a new one for Friday" read as a cancel alone (a model that answered no start
        // for the request): the request joined to it is read on its own as at the top level, where the cancel leaves the
        // user, so it is not lost; when it starts a flow, the running one goes without "are you sure?" and that one starts.
        if (whole && commands is [CancelCommand] && turn.State.Stack.Count == 1 && turn.State.Pending is null
            && Lexicon.For(turn.Language).AroundJoiner(input) is (_, var joined)
            && CancelThenStart(turn, await ReadAsLeftAsync(turn, joined, cancellationToken), again: true) is { } cancelThen)
        {
            return cancelThen;
        }
        // "cancel my order" with nothing running: a flow about cancelling (its examples use the word, in any form: "ich
        // storniere meinen Termin" to "Termin stornieren") may be meant; the flow nearest to "order" is not, nor is the one
        // whose value it names.
        if (CancelWords(turn, input) is { } cancelWords)
        {
            var about = commands.OfType<StartFlowCommand>().Any(s => turn.Bot.Flows.TryGetValue(s.Flow, out var f)
                && AboutCancelling(turn, f, cancelWords));
            // "cancel my reservation TL40211": the number is the cancelled one's, as in any request that starts a flow.
            return new(about ? WithNamedValues(turn, commands, input) : [new CannotHandleCommand()], AskedRecognizer: true);
        }
        var read = commands;
        commands = Undecided(commands) && ValueDecides(turn, input, Candidates(commands), result) is { } decided ? [decided]
            : Undecided(commands) && PeriodDecides(turn, input, result) is { } dated ? [dated]
            : ValuesOverrule(turn, input, commands) is { } overruled ? [overruled]
            : OwnedThing(turn, input, commands, result) is { } owned ? [owned]
            : PatternDecides(turn, input, commands, result) is { } patterned ? [patterned]
            : Undecided(commands) && TopicDecides(turn, input, commands) is { } topic ? [topic]
            : DoneBefore(turn, input, commands) is { } done ? [done]
            : VerbDecides(turn, input, commands) is { } verb ? [verb]
            : CancelUnsaid(turn, input, commands, result) is { } unsaid ? [unsaid]
            : WordsDecide(turn, input, commands, result) is { } byWords ? [byWords]
            : commands.All(c => c is CannotHandleCommand) && FramedRequest(turn, input) is { } framedRequest ? [framedRequest]
            : KnowledgeAnswers(turn, input, commands, result) is { } answered ? [answered]
            : commands.All(c => c is CannotHandleCommand) && (UnplacedQuestion(turn, input) ?? SideQuestion(turn, input)) is { } question ? [question]
            : StartsRunning(turn, commands) && SideQuestion(turn, input) is { } aboutRunning ? [aboutRunning]
            : RunningAmongClarified(turn, commands) is { } running ? [running] : commands;
        if (QuestionAboutRunning(turn, input, commands) is { } placedNowhere) commands = [placedNowhere];
        if (ReferenceEquals(commands, read) && UnknownThingAsked(turn, input, commands, result)) commands = [new CannotHandleCommand()];
        if (StepHelpQuestion(turn, input, commands) is { } stepHelp) return new([stepHelp], AskedRecognizer: true, result);
        if (PolicyQuestion(turn, input, commands) is { } policy) commands = [policy];
        if (UnknownAsk(turn, input, commands, result)) commands = [new CannotHandleCommand()];
        if (await AnswerableQuestionAsync(turn, input, commands, result, cancellationToken) is { } answerable) commands = [answerable];
        if (await FactNoFlowAsksAsync(turn, input, commands, result, cancellationToken) is { } fact) commands = [fact];
        if (NotACase(turn, input, commands, result) is { } notACase) commands = [notACase];
        if (commands.All(c => c is CannotHandleCommand) && await QuestionAtConfirmationAsync(turn, input, cancellationToken) is { } aside) commands = [aside];
        if (await FlowForUnansweredFactAsync(turn, input, commands, cancellationToken) is { } forFact) commands = forFact;
        if (result.Path != "llm" && commands.All(c => c is CannotHandleCommand) && OneChoiceNamed(turn, input) is { } choice) commands = [choice];
        if (whole && result.Scores.Count > 0 && commands.Any(c => c is StartFlowCommand or ClarifyCommand)
            && await TwoRequestsAsync(turn, input, commands, cancellationToken) is { } both)
        {
            return new(both, AskedRecognizer: true, result);
        }
        if (whole && result.Path != "llm" && commands.All(c => c is CannotHandleCommand) && await NoteRequestElsewhereAsync(turn, input, cancellationToken) is { } asideAsLeft) commands = [asideAsLeft];
        return new(WithCountsBeside(turn, [.. WithNamedValues(turn, AsAsked(turn, ValuesOfStarted(turn, commands)), input)], input), AskedRecognizer: true, result);
    }

    /// <summary>
    /// At a confirmation that lets no other flow in, a message nothing here placed, read as at the top level ("what are
    /// your hours at the harbour branch?" while confirming a reservation): when it asks for another flow, that flow is
    /// noted (<see cref="TurnContext.WantedElsewhere"/>) so the user hears why the confirmation comes again. Only after a
    /// local recognizer: a model read the message once already and is not asked a second time.
    /// A question that reading puts with the flow that answers from the knowledge ("where can I park?", "can I pay by
    /// credit card?" while confirming a visit), where the confirmation keeps its default interruptions, is answered as
    /// at the top level when a passage answers it (the step's own ranking, not the clear bar of
    /// <see cref="QuestionAtConfirmationAsync"/>, whose scores are the lexical scale: the embedded blend put the parking
    /// text at 0.46 and the question got off_topic, lexical answered it): returned, and the confirmation comes again.
    /// </summary>
    private async Task<StartFlowCommand?> NoteRequestElsewhereAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (turn.State.Stack.Count != 1 || turn.State.Pending is not null || turn.CurrentStep is not ConfirmStep || turn.AwaitsChange) return null;
        var (path, scores, unplaced, events) = (turn.Trace.Path, turn.Trace.Scores, turn.Unplaced, turn.Trace.Events.Count);
        var left = await ReadAsLeftAsync(turn, text, cancellationToken);
        // The reading is only looked at: what it traced and marked belongs to a turn that does not happen.
        turn.Trace.Events.RemoveRange(events, turn.Trace.Events.Count - events);
        (turn.Trace.Path, turn.Trace.Scores, turn.Unplaced) = (path, scores, unplaced);
        var lexicon = Lexicon.For(turn.Language);
        if (left.Commands is [StartFlowCommand toKnowledge] && InterruptionScope.For(turn).AnswersAside && lexicon.IsQuestion(text) && !lexicon.IsFollowUp(text)
            && turn.Bot.Flows.TryGetValue(toKnowledge.Flow, out var answers) && answers.Definition.Routable && AnswersQuestions(answers)
            && answers.Steps[0] is AnswerStep step && (await answerSteps.RankAsync(turn, step, text, cancellationToken)).Ranked.Count > 0)
        {
            turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
            turn.AnsweredAside = answers.Id;
            return new StartFlowCommand(answers.Id);
        }
        // Not the flow that answers from the knowledge: at the top level it takes the questions nothing else placed ("can
        // I pay with PayPal?"), and "then I can help you with that" would promise an answer the texts may not have.
        CommandApplier.NoteWantedElsewhere(turn, left.Commands.Where(c => c is not StartFlowCommand start
            || !turn.Bot.Flows.TryGetValue(start.Flow, out var flow) || !AnswersQuestions(flow)).ToList());
        return null;
    }

    /// <summary>
    /// At the top level, two requests in one message ("I want to renew my loan and also reserve a book"): each side of
    /// the word that joins them (<see cref="Lexicon.AroundJoiner"/>), read on its own as at the top level, starts a
    /// different flow. The first starts now with the values its side names; the second waits under it
    /// (<see cref="ThenStartCommand"/>) with its own, and runs when the first ends — neither request is lost (the whole
    /// message started one of them, a different one under each recognizer). A first side that tells about a thing ("my
    /// card expired and I want to renew my loan") is no request: the second side's flow starts when it is one and the
    /// whole message read otherwise (trace <c>request_after_statement:flow</c>). Null otherwise. Only for recognizers that
    /// report scores (two more local calls); a model reads both requests itself.
    /// </summary>
    private async Task<List<Command>?> TwoRequestsAsync(TurnContext turn, string text, IReadOnlyList<Command> whole, CancellationToken cancellationToken)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || lexicon.AroundJoiner(text) is not var (first, second)) return null;
        var (path, scores, events) = (turn.Trace.Path, turn.Trace.Scores, turn.Trace.Events.Count);
        var split = false;
        try
        {
            // Each side a request of its own: an example of a flow, or a reading as confident as a digression needs of a
            // side that asks for something. "my calls keep dropping and there's no signal", "the product was broken and I
            // want to be refunded" are one report, whatever flow the first half is nearest to.
            var firstReading = await ReadAsync(turn, first, null, cancellationToken, whole: false);
            if (Request(first, firstReading) is not [StartFlowCommand start, ..] one)
            {
                // "my card expired and I want to renew my loan": what the user tells first is why; what they ask for is
                // the request, even when the whole message is nearer a flow about the thing they told of.
                // The values come from the whole message ("my card LIB123456 expired and …").
                if (!lexicon.OpensWithThing(first) || Request(second, await ReadAsync(turn, second, null, cancellationToken, whole: false)) is not [StartFlowCommand asked, ..]
                    || whole is [StartFlowCommand same, ..] && same.Flow == asked.Flow)
                {
                    return null;
                }
                split = true;
                turn.Trace.Events.Add("request_after_statement:" + asked.Flow);
                return [.. WithNamedValues(turn, [new StartFlowCommand(asked.Flow)], text)];
            }
            if (Request(second, await ReadAsync(turn, second, null, cancellationToken, whole: false)) is not [StartFlowCommand then, ..] two
                || start.Flow == then.Flow)
            {
                return null;
            }
            split = true;
            turn.Trace.Events.Add($"two_requests:{start.Flow},{then.Flow}");
            // A slot both flows have goes to the one that asks now; the second asks for its own when it runs.
            var firstSlots = turn.Bot.Flows[start.Flow].Definition.Slots.Keys.ToHashSet(StringComparer.Ordinal);
            return [.. one.Where(c => c is StartFlowCommand or SetSlotCommand), new ThenStartCommand(then.Flow),
                .. two.OfType<SetSlotCommand>().Where(s => !firstSlots.Contains(s.Slot))];
        }
        finally
        {
            // The whole message is what the trace shows; what the sides said only when they were taken as two requests.
            (turn.Trace.Path, turn.Trace.Scores) = (path, scores);
            if (!split) turn.Trace.Events.RemoveRange(events, turn.Trace.Events.Count - events);
        }

        IReadOnlyList<Command>? Request(string words, Reading side) =>
            side.Commands is [StartFlowCommand start, ..]
            && (!side.AskedRecognizer || (!lexicon.OpensWithThing(words)
                && (side.Result is not { Scores.Count: > 0 } result || Confident(result, start.Flow, turn.Bot.Settings.Understanding))))
                ? side.Commands
                : null;
    }

    /// <summary>
    /// The slot of the nearest ask before the current step (an ask or a confirmation) of the running flow that holds a
    /// value: the question "go back" returns to. Null at the first question, or outside a flow.
    /// </summary>
    private static string? PreviousAnswer(TurnContext turn)
    {
        if (turn.TopFlow is not { } flow || turn.CurrentStep is not (AskStep or ConfirmStep) || turn.CurrentStep is not { } current) return null;
        var steps = flow.Steps.ToList();
        for (var i = steps.IndexOf(current) - 1; i >= 0; i--)
        {
            if (steps[i] is AskStep ask && turn.Value(ask.Slot.Name) is not null) return ask.Slot.Name;
        }
        return null;
    }

    private static readonly char[] ClauseEnd = [',', ';', '.', '!', '?', ' '];

    private async Task<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await understanding.UnderstandAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The seam says recognizers do not throw; if one does, the turn still answers (cannot-handle).
            LogUnderstandingFailed(logger, ex);
            return new UnderstandingResult { Path = "fallback", Error = ex.GetType().Name };
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Understanding failed; the turn continues as not understood")]
    private static partial void LogUnderstandingFailed(ILogger logger, Exception exception);
}
