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
        // "2", "the second one" right after the welcome's or a clarifying question's buttons: that button, as if clicked.
        if (buttonValue is null && ButtonByPlace(turn, text) is { } picked)
        {
            turn.Trace.Events.Add("button_by_place:" + picked);
            (text, buttonValue) = ("", picked);
        }
        var commands = (await ReadAsync(turn, text, buttonValue, cancellationToken)).Commands;
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
    /// Right after a flow answered a question from the bot's knowledge, a short follow-up that names only what changes
    /// ("and on my iPad?" after "how do I get email on my laptop?") asks that flow again, with the question before it
    /// (<see cref="TurnContext.FollowsUp"/>) — when nothing else understood it, or the recognizer chose that flow itself.
    /// After a question for a fact, a follow-up that names a thing (no request) asks for the same fact of the new thing whatever the
    /// recognizer chose: "and an inspection?" after "how much is an oil change?" started the booking (embedded 0.51,
    /// the inspection is one of its services). Null otherwise.
    /// </summary>
    private static Runtime.CompiledFlow? FollowUp(TurnContext turn, string answered, string text, IReadOnlyList<Command> commands)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || !lexicon.IsFollowUp(text)) return null;
        var knowledge = KnowledgeFlow(turn);
        return knowledge is not null && (commands.All(c => c is CannotHandleCommand) || (commands is [StartFlowCommand start] && start.Flow == knowledge.Id)
            || (Lexicon.AskedFactOf(answered) is not null && lexicon.FollowUpNamesThing(text))) ? knowledge : null;
    }

    /// <summary>
    /// Right after a flow that only tells finished (<see cref="DialogState.Told"/>), a follow-up that names a thing and
    /// a value of that flow's slots ("and central?", "what about the harbour branch?", "und die Zentrale?" after the
    /// north branch's opening hours) asks the same of that value: the flow runs again with it, whatever the recognizer
    /// chose (the lexical one asked "reservation or opening hours?", as both take a branch; the embedded one placed
    /// nothing). Null otherwise.
    /// </summary>
    private static Runtime.CompiledFlow? FollowUpOfTold(TurnContext turn, string told, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        return turn.State.Stack.Count == 0 && turn.State.Pending is null && lexicon.IsFollowUp(text) && lexicon.FollowUpNamesThing(text)
            && turn.Bot.Flows.TryGetValue(told, out var flow) && OtherFlows(turn, InterruptionScope.For(turn)).Contains(flow) && NamedCount(turn, told, text) > 0 ? flow : null;
    }

    /// <summary>
    /// At the top level, or at a confirmation that offered a slot's choices (<see cref="TurnContext.OptionsSlot"/>), the
    /// value of the button the whole message points at among those the previous turn showed
    /// (<see cref="TurnContext.ShownButtons"/>): "the second one", "die zweite", "the last one", and "2", "two", "zwei".
    /// Null when no buttons were shown or the place is not one of them.
    /// </summary>
    private static string? ButtonByPlace(TurnContext turn, string text)
    {
        if (turn.State.Pending is not null || turn.ShownButtons is not { Count: > 0 } shown || (turn.State.Stack.Count > 0 && !turn.AwaitsYesNo)) return null;
        var lexicon = Lexicon.For(turn.Language);
        var place = lexicon.Ordinal(text) ?? PlaceNumber(lexicon, text);
        return place is { } at ? ButtonAt(shown, at) : null;
    }

    /// <summary>The button at a place (from 1, or -1 for the last); null for a place there is none at ("0", "7" of three).</summary>
    private static T? ButtonAt<T>(IReadOnlyList<T> shown, int place)
        where T : class => place == -1 ? shown[^1] : place >= 1 && place <= shown.Count ? shown[place - 1] : null;

    /// <summary>
    /// Whether a number as the whole message points at a button of the question rather than answering it: at a choice
    /// that takes no number (enum, yes/no), and at buttons a service's answer made (<c>from_result</c>) none of which is a
    /// number — "2" at three offered times was 2 PM, a time nobody offered (the author9 trial). Where an item is a
    /// number ("1, 5, 10"), "2" is that number, as the slot reads it.
    /// </summary>
    private static bool NumberIsPlace(TurnContext turn, AskStep ask, SlotInfo? asked, string text, SlotParseContext context)
    {
        if (asked is { Kind: "enum" or "boolean" }) return !SlotValueParser.TryParse(asked, text, context, out _, out _);
        return turn.Bot.Responses.TryGetValue(ask.Response.Name, out var response) && response.Buttons.Any(b => b.FromResult is not null)
            && !ReplyRenderer.ButtonsOf(turn, ask.Response.Name).Any(b => decimal.TryParse(b.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    /// <summary>A number as the whole message ("2", "two", "zwei", "2 please"): the place of a button; null otherwise.</summary>
    private static int? PlaceNumber(Lexicon lexicon, string text)
    {
        var word = lexicon.Peel(text);
        return int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : word.Length > 0 && !word.Contains(' ', StringComparison.Ordinal) ? lexicon.NumberWord(word) : null;
    }

    /// <summary>
    /// At the end of a turn that leaves the conversation at the top level, or that offered a slot's choices at a
    /// confirmation, the values of the buttons its last reply with buttons showed, for <see cref="ButtonByPlace"/> next
    /// turn (a <c>sends:</c> text as the value it stands for).
    /// </summary>
    internal static void RememberButtons(TurnContext turn)
    {
        if ((turn.State.Stack.Count > 0 && turn.OptionsSlot is null) || turn.State.Pending is not null || turn.State.Calling is not null) return;
        if (turn.Replies.LastOrDefault(r => r.Buttons.Count > 0) is not { } reply) return;
        turn.State.Buttons = [.. reply.Buttons.Take(DialogState.MaxButtons).Select(b => turn.Bot.SentButtonValue(turn.Language, b.Value) ?? b.Value)];
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
        if (expected is not null)
        {
            turn.Trace.Path = "fast";
            return new(expected, AskedRecognizer: false);
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
        if (turn.State.Stack.Count == 0 && result.Scores.Count > 0 && TurnLanguage.Unspoken(turn.Bot, input)) return new([new CannotHandleCommand()], AskedRecognizer: true);
        var commands = freeText is null ? ConfidentStarts(turn, result, input) : AnswerOrDigression(turn, freeText, input, result);
        if (freeText is not null && result.Scores.Count > 0 && commands is [SetSlotCommand] && await FactQuestionAsync(turn, input, cancellationToken) is { } factQuestion) commands = [factQuestion];
        // "cancel the appointment and book a new one for Friday" read as a cancel alone (a model that answered no start
        // for the request): the request joined to it is read on its own as at the top level, where the cancel leaves the
        // user, so it is not lost; when it starts a flow, the running one goes without "are you sure?" and that one starts.
        if (whole && commands is [CancelCommand] && turn.State.Stack.Count == 1 && turn.State.Pending is null
            && Lexicon.For(turn.Language).AroundJoiner(input) is (_, var joined)
            && CancelThenStart(turn, await ReadAsLeftAsync(turn, joined, cancellationToken), again: true) is { } cancelThen)
        {
            return cancelThen;
        }
        // "cancel my order" with nothing running: a flow about cancelling (its examples use the word) may be meant; the
        // flow nearest to "order" is not, nor is the one whose value it names.
        if (CancelWords(turn, input) is { } cancelWords)
        {
            var about = commands.OfType<StartFlowCommand>().Any(s => turn.Bot.Flows.TryGetValue(s.Flow, out var f)
                && ExampleVocabulary(turn, f).Any(cancelWords.Contains));
            // "cancel my reservation TL40211": the number is the cancelled one's, as in any request that starts a flow.
            return new(about ? WithNamedValues(turn, commands, input) : [new CannotHandleCommand()], AskedRecognizer: true);
        }
        commands = Undecided(commands) && ValueDecides(turn, input, Candidates(commands), result) is { } decided ? [decided]
            : ValuesOverrule(turn, input, commands) is { } overruled ? [overruled]
            : OwnedThing(turn, input, commands, result) is { } owned ? [owned]
            : PatternDecides(turn, input, commands, result) is { } patterned ? [patterned]
            : Undecided(commands) && TopicDecides(turn, input, commands) is { } topic ? [topic]
            : VerbDecides(turn, input, commands) is { } verb ? [verb]
            : KnowledgeAnswers(turn, input, commands, result) is { } answered ? [answered]
            : commands.All(c => c is CannotHandleCommand) && (UnplacedQuestion(turn, input) ?? SideQuestion(turn, input)) is { } question ? [question]
            : RunningAmongClarified(turn, commands) is { } running ? [running] : commands;
        if (PolicyQuestion(turn, input, commands) is { } policy) commands = [policy];
        if (await AnswerableQuestionAsync(turn, input, commands, result, cancellationToken) is { } answerable) commands = [answerable];
        if (commands.All(c => c is CannotHandleCommand) && await QuestionAtConfirmationAsync(turn, input, cancellationToken) is { } aside) commands = [aside];
        if (await FlowForUnansweredFactAsync(turn, input, commands, cancellationToken) is { } forFact) commands = forFact;
        if (result.Path != "llm" && commands.All(c => c is CannotHandleCommand) && OneChoiceNamed(turn, input) is { } choice) commands = [choice];
        if (whole && result.Scores.Count > 0 && commands.Any(c => c is StartFlowCommand or ClarifyCommand)
            && await TwoRequestsAsync(turn, input, commands, cancellationToken) is { } both)
        {
            return new(both, AskedRecognizer: true, result);
        }
        if (whole && result.Path != "llm" && commands.All(c => c is CannotHandleCommand)) await NoteRequestElsewhereAsync(turn, input, cancellationToken);
        return new(WithNamedValues(turn, AsAsked(turn, ValuesOfStarted(turn, commands)), input), AskedRecognizer: true, result);
    }

    /// <summary>
    /// "how much would new brake pads cost?" during an oil-change booking, which the keyword recognizer read as the quote
    /// and the booking's service brakes: a value beside the start of another flow, for a slot of the running flow that is
    /// not the asked one, is the started flow's when that flow takes values of the same type — not a correction of what
    /// is running (the booking became a brake repair: "Got it, I have updated that."). The started flow gets it from the
    /// message (<see cref="WithNamedValues"/>).
    /// </summary>
    private static IReadOnlyList<Command> ValuesOfStarted(TurnContext turn, IReadOnlyList<Command> commands)
    {
        if (turn.TopFlow is not { } running || commands.OfType<StartFlowCommand>().Select(s => turn.Bot.Flows.GetValueOrDefault(s.Flow))
            .FirstOrDefault(f => f is not null && f.Id != running.Id) is not { } started) return commands;
        var asked = UnderstandingRequestBuilder.ExpectedSlot(turn)?.Name;
        bool Theirs(SetSlotCommand set) => set.Slot != asked && !started.Definition.Slots.ContainsKey(set.Slot)
            && running.Definition.Slots.TryGetValue(set.Slot, out var own) && started.Definition.Slots.Values.Any(d => d.Type.Name == own.Type.Name);
        return [.. commands.Where(c => c is not SetSlotCommand set || !Theirs(set))];
    }

    /// <summary>
    /// At a question with fixed choices (an enum), a sentence nothing placed that names exactly one of them among other
    /// words ("whichever is closest to the harbour" at "Which branch?"): that choice. Null for a question ("is the harbour
    /// branch open on Sundays?"), a denial ("not the harbour one"), or two choices named ("central or north").
    /// A local recognizer compares the whole sentence with the choices, and the other words drown the one that counts.
    /// </summary>
    private static SetSlotCommand? OneChoiceNamed(TurnContext turn, string text)
    {
        if (turn.State.Pending is not null || turn.CurrentStep is not AskStep ask || UnderstandingRequestBuilder.ExpectedSlot(turn) is not { Kind: "enum" } asked) return null;
        var lexicon = Lexicon.For(turn.Language);
        if (lexicon.IsQuestion(text) || text.TrimEnd().EndsWith('?') || lexicon.Negates(text)) return null;
        if (SlotValueParser.EnumValuesNamed(asked, text, lexicon) is not [var value]) return null;
        turn.Trace.Events.Add("choice_in_sentence:" + ask.Slot.Name);
        return new SetSlotCommand(ask.Slot.Name, value);
    }

    /// <summary>
    /// At a confirmation that lets no other flow in, a message nothing here placed, read as at the top level ("what are
    /// your hours at the harbour branch?" while confirming a reservation): when it asks for another flow, that flow is
    /// noted (<see cref="TurnContext.WantedElsewhere"/>) so the user hears why the confirmation comes again. Only after a
    /// local recognizer: a model read the message once already and is not asked a second time.
    /// </summary>
    private async Task NoteRequestElsewhereAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (turn.State.Stack.Count != 1 || turn.State.Pending is not null || turn.CurrentStep is not ConfirmStep || turn.AwaitsChange) return;
        var (path, scores, unplaced, events) = (turn.Trace.Path, turn.Trace.Scores, turn.Unplaced, turn.Trace.Events.Count);
        var left = await ReadAsLeftAsync(turn, text, cancellationToken);
        // The reading is only looked at: what it traced and marked belongs to a turn that does not happen.
        turn.Trace.Events.RemoveRange(events, turn.Trace.Events.Count - events);
        (turn.Trace.Path, turn.Trace.Scores, turn.Unplaced) = (path, scores, unplaced);
        // Not the flow that answers from the knowledge: at the top level it takes the questions nothing else placed ("can
        // I pay with PayPal?"), and "then I can help you with that" would promise an answer the texts may not have.
        CommandApplier.NoteWantedElsewhere(turn, left.Commands.Where(c => c is not StartFlowCommand start
            || !turn.Bot.Flows.TryGetValue(start.Flow, out var flow) || !AnswersQuestions(flow)).ToList());
    }

    /// <summary>
    /// True when the question offers fixed choices: an enum's values, or buttons the step shows for another kind ("What
    /// time suits you?" with the free times from the workshop: "what times do you have?" was off_topic).
    /// </summary>
    private static bool ShowsChoices(TurnContext turn, AskStep ask, SlotInfo asked) =>
        asked.Kind == "enum" || (asked.Kind != "text" && ReplyRenderer.ButtonsOf(turn, ask.Response.Name).Count > 0);

    /// <summary>
    /// A model's help about the conversation (<see cref="HelpCommand.About"/>: "hmm can we go back a step please", "wait,
    /// what was I doing again") read as <see cref="Expected"/> reads the exact phrase: going back is a change of the
    /// previous answer, where there is one; why and repeat only at a step that asks; the choices only at a question with
    /// fixed ones (at a free-text question the user asks what to answer: as "I don't know"); "I don't know" where the
    /// step has a help text or the question is a free-text one (answer_required), elsewhere a wrong answer as on the
    /// local path; otherwise plain help. At an optional question without a help text, "I don't know" and "can I skip
    /// this?" skip it on the local path (<see cref="Lexicon.IsNoAnswer"/>): the model's dont_know ("nope, not giving that
    /// out" at the optional e-mail) skips it too (<see cref="TurnContext.SkipsOptional"/>), instead of a wrong answer;
    /// asking there which answers it takes ("what can I write?") gets the question again, as the exact phrase does.
    /// </summary>
    private static IReadOnlyList<Command> AsAsked(TurnContext turn, IReadOnlyList<Command> commands)
    {
        if (!commands.Any(c => c is HelpCommand { About: not null })) return commands;
        var asking = turn.State.Pending is null && turn.CurrentStep is AskStep;
        var freeText = FreeTextSlot(turn) is not null;
        var stepHelp = turn.State.Pending is null && ((turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help) is not null;
        var optional = turn.State.Pending is null && turn.CurrentStep is AskStep { Optional: true };
        Command Skip()
        {
            turn.SkipsOptional = true;
            return new CannotHandleCommand();
        }
        return [.. commands.Select(c => c is HelpCommand { About: { } about } help ? about switch
        {
            StepQuestion.GoBack when turn.State.Pending is null && PreviousAnswer(turn) is { } previous => new ChangeSlotCommand(previous),
            StepQuestion.DontKnow when optional && !stepHelp => Skip(),
            StepQuestion.WhereWasI => help,
            StepQuestion.WhyAsked or StepQuestion.Repeat when turn.AwaitsYesNo || asking => help,
            // "what times do you have?" at the service question: about a slot asked later, so not these choices; the
            // question again says what comes first.
            StepQuestion.Options when asking && help.Slot is null && AsksAboutOtherSlot(turn, (AskStep)turn.CurrentStep!, turn.UserText ?? "", Lexicon.For(turn.Language))
                => new HelpCommand { About = StepQuestion.Repeat },
            StepQuestion.Options when asking && UnderstandingRequestBuilder.ExpectedSlot(turn) is { } expected && ShowsChoices(turn, (AskStep)turn.CurrentStep!, expected) => help,
            // "what can I write here?" at an optional question without help: neither a skip nor a missing answer; the
            // question again says how to answer it or leave it out (as CommandApplier.AskedWhatToWrite on the local path).
            StepQuestion.Options when optional && !stepHelp => new HelpCommand { About = StepQuestion.Repeat },
            StepQuestion.Options or StepQuestion.DontKnow when freeText || (about == StepQuestion.DontKnow && stepHelp) => new HelpCommand { About = StepQuestion.DontKnow },
            StepQuestion.DontKnow => new CannotHandleCommand(),
            _ => new HelpCommand(),
        } : c)];
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
    /// At the top level, a message that names a value only one routable flow has and values for two or more of that
    /// flow's slots ("I need a flu shot next friday at 10": the reason and the time of the booking) is a request for
    /// that flow, even when the recognizer is nearer another flow that takes none of them (the embedded model reads
    /// "flu shot" as the question about vaccinations). One value alone does not overrule it ("do you do flu shots?"
    /// stays a question), nor do values several flows share ("where are my 2 laptops?" stays the order check) — unless
    /// the value is the whole message ("vaccination", "a sick note"): a thing named alone is what the user wants,
    /// not a question about it (the recognizers sent "vaccination" to the practice's questions, not the booking).
    /// </summary>
    private static StartFlowCommand? ValuesOverrule(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0 || commands is not [StartFlowCommand start]) return null;
        int Named(string flow) => NamedCount(turn, flow, text);
        if (Named(start.Flow) > 0) return null;
        var question = Lexicon.For(turn.Language).IsQuestion(text);
        bool Whole(string flow) => !question && turn.Bot.Flows[flow].Definition.Slots.Values
            .Select(d => turn.Bot.SlotInfo(d, turn.Language))
            .Any(s => s.Kind == "enum" && SlotValueParser.TryParse(s, text, turn.UserParse, out _, out _));
        // "my vpn keeps disconnecting", "the printer on floor 2 is jammed": a statement about a thing only one flow takes
        // reports it; a flow that answers questions from the bot's knowledge would answer one the user did not ask.
        var answers = turn.Bot.Flows[start.Flow].OpensWithAnswer;
        // "I lost my suitcase in Madrid", "ich habe meinen Koffer verloren": the user's own account of what happened to a
        // thing only one flow takes reports it too (the lexical recognizer sent it to the cover questions, 0.39 vs 0.36).
        bool Reports(string flow) => answers && (OpensWithValue(turn, turn.Bot.Flows[flow], text) || Lexicon.For(turn.Language).TellsOwnStory(text));
        var named = NamedValues(turn, text, null).Named.Where(f => f != start.Flow && (Named(f) >= 2 || Whole(f) || Reports(f))).ToList();
        if (named is not [var flow]) return null;
        turn.Trace.Events.Add("named_values:" + flow);
        return new StartFlowCommand(flow);
    }

    /// <summary>
    /// At the top level, "my phone", "it's about my phone": a thing the user says is theirs, and nothing more than a value
    /// two or three flows share. The embedded and keyword recognizers started the order ("How many would you like?")
    /// for a phone the user already has; which flow is meant the message does not say, so it asks, as the lexical
    /// recognizer and an unplaced "a tablet" do (<see cref="ValueDecides"/>). "I'd like a tablet" (no possessive) and
    /// "my phone is broken" (another word) keep the recognizer's flow. Only for recognizers that report scores.
    /// </summary>
    private static ClarifyCommand? OwnedThing(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || result.Scores.Count == 0 || commands is not [StartFlowCommand start, ..]) return null;
        var lexicon = Lexicon.For(turn.Language);
        var words = UtteranceText.Tokens(text);
        if (!words.Any(lexicon.IsPossessive) || words.Count(t => !Lexicon.IsStopWord(t)) > 1) return null;
        var (values, named) = NamedValues(turn, text, null);
        var sharing = values.Where(f => f.Values.Count > 0).Select(f => f.Id).ToList();
        if (named.Count > 0 || sharing.Count is < 2 or > 3 || !sharing.Contains(start.Flow, StringComparer.Ordinal)) return null;
        turn.Trace.Events.Add("owned_value:" + string.Join(',', sharing));
        return new ClarifyCommand(sharing);
    }

    /// <summary>
    /// At the top level, a message with a value written inside it that only one flow's pattern slot takes ("whats the
    /// status of INC123456": the ticket number), when the recognizer is unsure: it could not place the message, or it
    /// started a flow without a digression's confidence (embedded 0.322 a new ticket, 0.310 the status, so the question
    /// became the new ticket's description; the keyword recognizer placed it nowhere). Among the flows it scored within
    /// the digression margin of its best, the one that takes the value is meant, and gets it. Null otherwise, also when
    /// the recognizer placed the message far outside what the bot does.
    /// A model reports no scores: when it could not place the message, or asked which flow is meant, every flow it
    /// could start is near (it answered cannot_handle for "whats the status of INC123456", and the question went to the
    /// how-to answers: "I can't answer that from our guides"). A flow the model started is taken at its word, as
    /// everywhere on the model path: without a confidence nothing tells its wrong start from "open a new ticket,
    /// INC123456 was closed without a fix", which names another flow's value and is rightly a new ticket.
    /// </summary>
    private static StartFlowCommand? PatternDecides(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || result.OutOfScope) return null;
        var scope = InterruptionScope.For(turn);
        var settings = turn.Bot.Settings.Understanding;
        var started = commands is [StartFlowCommand start] ? start.Flow : null;
        HashSet<string> near;
        if (result.Scores.Count == 0)
        {
            if (!Undecided(commands)) return null;
            near = [.. Candidates(commands) ?? OtherFlows(turn, scope).Select(f => f.Id)];
        }
        else
        {
            if (started is null ? !Undecided(commands) : Confident(result, started, settings)) return null;
            var scores = result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is not null && p.Value > 0).ToList();
            if (scores.Count == 0) return null;
            var best = scores.Max(p => p.Value);
            near = scores.Where(p => p.Value >= best - settings.DigressionMargin).Select(p => UnderstandingResult.FlowOf(p.Key)!).Append(started).OfType<string>().ToHashSet(StringComparer.Ordinal);
        }
        var taken = OtherFlows(turn, scope).Where(f => near.Contains(f.Id))
            .Select(f => (f.Id, Values: f.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language))
                .Where(s => s.Kind == "regex").Select(s => SlotValueParser.Extract(s, text, turn.UserParse)).OfType<string>().ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var only = taken.Where(f => f.Values.Any(v => taken.Count(g => g.Values.Contains(v)) == 1)).Select(f => f.Id).ToList();
        if (only is not [var flow] || flow == started) return null;
        turn.Trace.Events.Add("pattern_value:" + flow);
        return new StartFlowCommand(flow);
    }

    /// <summary>
    /// At the top level, a question the recognizer could not place or asks about ("how much is the excess on a claim?":
    /// the embedded model asked "a claim or its status?", nearest to the word "claim"; the lexical one placed it outside
    /// the bot), whose words that only one flow's examples use all point at a flow that answers from the bot's knowledge
    /// ("excess": "what is the excess"): that flow answers it. Words several flows' examples share ("claim") say nothing;
    /// words of two flows ("can you check my claim about the excess?") decide nothing. Null otherwise. No score gate: a
    /// model's cannot_handle or clarify is as undecided as a local recognizer's, and the words decide the same way.
    /// </summary>
    private static StartFlowCommand? TopicDecides(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0 || !Lexicon.For(turn.Language).IsQuestion(text)) return null;
        var flows = OtherFlows(turn, InterruptionScope.For(turn))
            .Select(f => (Flow: f, Words: ExampleVocabulary(turn, f).ToHashSet(StringComparer.Ordinal))).ToList();
        var pointed = UtteranceText.Tokens(text).Where(w => w.Length >= 3 && !Lexicon.IsStopWord(w))
            .Select(w => flows.Where(f => f.Words.Any(e => SameStem(w, e))).Select(f => f.Flow).ToList())
            .Where(owners => owners.Count == 1).Select(owners => owners[0]).Distinct().ToList();
        if (pointed is not [var flow] || !flow.OpensWithAnswer) return null;
        turn.Trace.Events.Add("topic_word:" + flow.Id);
        // Placed by one word, not by the recognizer: answered only from a passage that has every word of it, as an
        // unplaced question is (UnplacedQuestion).
        turn.Unplaced = commands.All(c => c is CannotHandleCommand);
        return new StartFlowCommand(flow.Id);
    }

    /// <summary>
    /// The last rule at the top level: "do you offer acupuncture?", "wo kann ich parken?" — a question nothing placed (no
    /// value, pattern, topic word or verb decided it either), in a bot that answers questions from its knowledge, goes to
    /// the flow that does. It answers from a passage, or says its if_no_answer ("I can't answer that from our practice
    /// information. Please call us …"): the bot read a question and has no answer to it, which "say it differently"
    /// would hide — the user would rephrase a question the bot cannot answer anyway. Not a fragment that opens like a
    /// follow-up ("and on my iPad?") with no answer before it: nothing to ask about. Null otherwise. On every path: a
    /// model's cannot_handle is "nothing placed it" too (the stricter passage rule is the answer step's, when no model phrases).
    /// </summary>
    private static StartFlowCommand? UnplacedQuestion(TurnContext turn, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || !lexicon.IsQuestion(text) || lexicon.IsFollowUp(text)) return null;
        if (KnowledgeFlow(turn) is not { } answers
            || NamedValues(turn, text, null).Named.Count > 0) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        turn.Unplaced = true;
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At the top level, "can I rent a bike while mine is in the workshop?": a question the recognizer started a flow for
    /// without a digression's confidence (embedded 0.579 the repair booking, 0.510 the shop's questions), where the
    /// started flow's examples share at most one of its two or more content words ("bike") and it names no value of that
    /// flow, while one passage of the bot's knowledge has every content word of it (the rental bikes): the flow that answers from
    /// the knowledge answers it. A request phrased as a question names more of the flow ("can I book a repair for
    /// tomorrow?": "book", "repair" and a day) and keeps its flow. Trace <c>question_to_knowledge:flow</c>. Null
    /// otherwise, also for a recognizer without scores (a model reads questions itself).
    /// </summary>
    private static StartFlowCommand? KnowledgeAnswers(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || result.Scores.Count == 0 || commands is not [StartFlowCommand start]
            || !turn.Bot.Flows.TryGetValue(start.Flow, out var started) || started.OpensWithAnswer
            || Confident(result, start.Flow, turn.Bot.Settings.Understanding)
            || !Lexicon.For(turn.Language).IsQuestion(text) || NamedCount(turn, start.Flow, text) > 0) return null;
        if (KnowledgeFlow(turn) is not { } answers) return null;
        var vocabulary = ExampleVocabulary(turn, started).ToHashSet(StringComparer.Ordinal);
        var words = UtteranceText.Tokens(text).Where(w => w.Length >= 3 && !Lexicon.IsStopWord(w)).ToList();
        var shared = words.Count(w => vocabulary.Any(v => SameStem(w, v)));
        // "do you have a swimming pool?", "is there a gym?": the embedded model put a question about the hotel with the
        // room booking (0.409, 0.304), with no word of its examples. Nothing placed it, so it is answered as an unplaced
        // question is, from a passage with every word of it, else with the flow's if_no_answer.
        if (words.Count > 0 && shared == 0)
        {
            turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
            turn.Unplaced = true;
            return new StartFlowCommand(answers.Id);
        }
        if (words.Count < 2 || shared > 1 || !OnePassageHasEveryWord(turn, text)) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At the top level, "what do I need to bring to my first appointment", "bis wann muss ich mich nach dem Umzug
    /// anmelden": a question for information (no request opener: "can I book an appointment for Friday?", "kann ich einen
    /// Termin buchen?" ask for the action) that a passage answers clearly (<see cref="AnswerStepRunner.Ranking.Clear"/>:
    /// one the answer step would send, near by its clear score and ahead of every other section) goes to the flow that
    /// answers from the knowledge, even when the recognizer or a value started an action flow without a digression's
    /// confidence (embedded 0.56 the booking, 0.50 the practice's questions: the booking asked for a reason, the passage
    /// says what to bring). A passage that only reaches min_score is no reason to overrule the recognizer: "how long does
    /// an appointment usually take" (0.37 the cancelling text) and "what documents do I need for a claim" (0.31 the
    /// excess) were answered with texts that do not say it. A confident start stays: "has my claim been processed yet"
    /// (0.78 the status, 0.62 the next) is about the user's own case — unless the question asks for a fact (a price, a
    /// time: "until when can I check out", "how much is a late checkout" started the late checkout at 0.7): it asks what
    /// the passage says, not for the action. Trace <c>knowledge_question:flow</c>. Null
    /// otherwise, also for a recognizer without scores (a model reads questions itself).
    /// </summary>
    private async Task<StartFlowCommand?> AnswerableQuestionAsync(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result, CancellationToken cancellationToken)
    {
        var fact = Lexicon.AskedFactOf(text) is not null;
        var chosen = commands switch
        {
            [StartFlowCommand start] => start.Flow,
            // The keyword recognizer asked "questions about the hotel, or a late checkout?" for "until when can I check
            // out?": a question for a fact is the questions' flow, when a passage states it clearly.
            [ClarifyCommand { Flows: [var one, var other] }] when fact && KnowledgeFlow(turn) is { } k && (one == k.Id || other == k.Id) => one == k.Id ? other : one,
            _ => null,
        };
        if (turn.State.Stack.Count > 0 || result.Scores.Count == 0 || chosen is null
            || !turn.Bot.Flows.TryGetValue(chosen, out var started) || started.OpensWithAnswer
            || (Confident(result, chosen, turn.Bot.Settings.Understanding) && !fact)
            || await ClearlyAnsweredAsync(turn, text, cancellationToken) is not { } answers) return null;
        turn.Trace.Events.Add("knowledge_question:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At the top level, "can I bring a friend to a class?", "kann ich einen Freund zum Kurs mitbringen?": a question
    /// whether the user may do something (<see cref="Lexicon.AsksPermission"/>) with a verb the chosen flow's examples
    /// never use ("bring"; "can I book a class?" asks for the booking) and no value of that flow asks about a rule of
    /// the place, not for the flow's action. When exactly one section of the bot's knowledge has every word it is asked
    /// of ("a guest in a class pays 12 euros": a friend one brings is a guest), that section states the rule: the flow
    /// that answers from the knowledge sends it (the embedded model started the class booking at 0.55, and ranked the
    /// class times above the prices). Also when the recognizer chose that flow or nothing. Trace
    /// <c>policy_question:flow</c>. When no section has every word ("can I bring my dog to a class?"), that flow says it
    /// has no answer rather than the chosen flow starting (trace <c>policy_unanswered:flow</c>). Null otherwise.
    /// </summary>
    private static StartFlowCommand? PolicyQuestion(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0 || Lexicon.For(turn.Language).AsksPermission(text) is not var (verb, asked)) return null;
        var chosen = commands is [StartFlowCommand start] && turn.Bot.Flows.TryGetValue(start.Flow, out var flow) ? flow : null;
        if (chosen is null ? !commands.All(c => c is CannotHandleCommand)
            : !AnswersQuestions(chosen) && (ExampleVocabulary(turn, chosen).Any(v => SameStem(verb, v)) || NamedCount(turn, chosen.Id, text) > 0)) return null;
        if (KnowledgeFlow(turn) is not { } answers || answers.Steps[0] is not AnswerStep step) return null;
        var knowledge = turn.Bot.Knowledge;
        var stating = knowledge.PassagesIn(LanguageDetector.Primary(turn.Language), turn.Bot.Settings.Languages)
            .Where(i => HasEveryWord(turn, asked, knowledge.SearchTexts[i])).ToList();
        // "can I bring my dog to a class?" that no section speaks of: the rule is not the bot's to state, and the booking
        // would answer a question the user did not ask; the flow that answers from the knowledge says it has no answer
        // (as for a question nothing placed, only a passage with every word of it would do).
        if (stating.Count == 0)
        {
            turn.Trace.Events.Add("policy_unanswered:" + answers.Id);
            turn.Unplaced = true;
            return new StartFlowCommand(answers.Id);
        }
        if (stating.Select(i => (knowledge.Passages[i].File, knowledge.Passages[i].Heading)).Distinct().Count() != 1) return null;
        AnswerStepRunner.Settle(turn, step, turn.UserText ?? text, stating[0]);
        turn.Trace.Events.Add("policy_question:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At a free-text question, "how much is breakfast?", "was kostet das Frühstück?" (the hotel's requests, lexical and
    /// German: filed as the request): a question for a fact (a price, a time, a duration, a deadline, a contact; not a
    /// request, not a follow-up) that a passage of the bot's knowledge states clearly is answered as a digression, and the
    /// question comes again. Anything else stays the answer ("why does my chain keep slipping?" describes the problem).
    /// Only for a local recognizer (scores): a model reads questions itself. Trace <c>question_to_knowledge:flow</c>.
    /// </summary>
    private async Task<StartFlowCommand?> FactQuestionAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (turn.State.Pending is not null || Lexicon.AskedFactOf(text) is null
            || await ClearlyAnsweredAsync(turn, text, cancellationToken) is not { } answers || turn.State.Stack.Any(f => f.Flow == answers.Id)) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// In the middle of a flow, at a question that is no free text or at a confirmation, "gibt es bei Ihnen Parkplätze?"
    /// at the departure day: a side question the recognizer could not place (or placed without a digression's
    /// confidence) that one passage of the bot's knowledge answers with every word of it, and that names no value of the
    /// running flow, is answered by the flow that answers from the knowledge, and the question comes again (the hotel
    /// trial: the German question, which the lexical recognizer put outside the bot, got "I can't help with that here"
    /// although the parking text answers it). A side question no passage answers whole stays <c>off_topic</c>. Trace
    /// <c>question_to_knowledge:flow</c>.
    /// </summary>
    private static StartFlowCommand? SideQuestion(TurnContext turn, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count == 0 || turn.State.Pending is not null || turn.CurrentStep is not (AskStep or ConfirmStep) || FreeTextSlot(turn) is not null
            || turn.TopFlow is not { } running || !lexicon.IsQuestion(text) || lexicon.IsFollowUp(text)) return null;
        // "what is the price of a double?" while booking a room names the double to ask about it, not to choose it.
        if (KnowledgeFlow(turn) is not { } answers
            || (NamedCount(turn, running.Id, text) > 0 && Lexicon.AskedFactOf(text) is null) || !OnePassageHasEveryWord(turn, text)) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        turn.Unplaced = true;
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At a confirmation that keeps its default interruptions, "do you have a courtesy car?" while confirming a booking:
    /// no other flow may start there, and the question got off_topic; but answering it from the bot's own passages leaves
    /// nothing, so when one answers it clearly (the bar a question for a fact meets at a free-text question) the flow that
    /// answers from the knowledge answers it and the confirmation comes again (<see cref="TurnContext.AnsweredAside"/>).
    /// A question no passage answers clearly stays what it was (off_topic, or finish_first when it asks for another
    /// flow); <c>interruptions: none</c> or a list without that flow keeps it out. Trace <c>question_to_knowledge:flow</c>.
    /// </summary>
    private async Task<StartFlowCommand?> QuestionAtConfirmationAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (turn.State.Pending is not null || turn.CurrentStep is not ConfirmStep || turn.AwaitsChange || !InterruptionScope.For(turn).AnswersAside
            || turn.Bot.Flows.Values.FirstOrDefault(f => f.Definition.Routable && AnswersQuestions(f) && turn.State.Stack.All(s => s.Flow != f.Id)) is not { } knowledge
            || await ClearlyAnsweredAsync(turn, text, cancellationToken, knowledge) is not { } answers) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        turn.AnsweredAside = answers.Id;
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// In the middle of a flow, "was kostet das ungefähr?" during a brake booking: a question for a fact (a price) that
    /// went to the flow that answers from the knowledge, or nowhere, and that no passage answers, got that flow's
    /// if_no_answer ("please call us") although the bot has a flow that works such a figure out. When exactly one other
    /// flow the step lets in is asked for that kind of fact by its examples ("how much would new brakes cost for my car":
    /// the quote), and the question names what it asks of — a value of that flow's slots ("how much are brake pads?"),
    /// or nothing but a pronoun for what is running ("das", "it": the brake repair being booked) — that flow starts as a
    /// digression instead, with the running flow's values of its slot types ("das": the service to be quoted), and the
    /// question comes again after it. Trace <c>fact_to_flow:flow</c>. Null otherwise.
    /// </summary>
    private async Task<IReadOnlyList<Command>?> FlowForUnansweredFactAsync(TurnContext turn, string text, IReadOnlyList<Command> commands, CancellationToken cancellationToken)
    {
        if (turn.State.Stack.Count == 0 || turn.State.Pending is not null || turn.TopFlow is not { } running) return null;
        var toKnowledge = commands is [StartFlowCommand start] && turn.Bot.Flows.TryGetValue(start.Flow, out var started) && AnswersQuestions(started);
        if (!toKnowledge && !commands.All(c => c is CannotHandleCommand)) return null;
        var lexicon = Lexicon.For(turn.Language);
        if (!lexicon.IsQuestion(text) || lexicon.IsFollowUp(text) || Lexicon.AskedFactOf(text) is not { } asked) return null;
        var flows = OtherFlows(turn, InterruptionScope.For(turn))
            .Where(f => !AnswersQuestions(f) && f.ExampleWords(turn.Language).Any(e => Lexicon.AskedFactOf(string.Join(' ', e))?.Kind == asked.Kind)).ToList();
        if (flows is not [var flow]) return null;
        var subject = UtteranceText.Tokens(asked.Subject);
        var pronoun = subject.All(Lexicon.IsStopWord);
        // The running flow's values of the slot types the started flow asks for: what "das" stands for.
        var carried = !pronoun ? [] : flow.Definition.Slots.Values
            .Select(d => (Slot: d.Name, From: running.Definition.Slots.Values.FirstOrDefault(r => r.Type.Name == d.Type.Name)))
            .Where(p => p.From is not null && turn.Value(p.From.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } v && v.GetString() is { Length: > 0 })
            .Select(p => new SetSlotCommand(p.Slot, turn.Value(p.From!.Name)!.Value.GetString()!)).ToList();
        if (pronoun ? carried.Count == 0 : NamedCount(turn, flow.Id, asked.Subject) == 0) return null;
        // Sent to the knowledge, the question keeps any passage the answer step would send; placed nowhere (off_topic
        // otherwise), it keeps only one that answers it clearly.
        if (KnowledgeFlow(turn) is { } knowledge && knowledge.Steps[0] is AnswerStep step
            && await answerSteps.RankAsync(turn, step, text, cancellationToken) is var ranking && (toKnowledge ? ranking.Ranked.Count > 0 : ranking.Clear)) return null;
        turn.Trace.Events.Add("fact_to_flow:" + flow.Id);
        return [new StartFlowCommand(flow.Id), .. carried];
    }

    /// <summary>The flow that answers from the bot's knowledge (it opens with an answer step that takes the user's question) and can start here; null when none.</summary>
    private static Runtime.CompiledFlow? KnowledgeFlow(TurnContext turn) =>
        OtherFlows(turn, InterruptionScope.For(turn)).FirstOrDefault(AnswersQuestions);

    /// <summary>True when the flow answers the user's question from the knowledge: it opens with an answer step that takes it.</summary>
    private static bool AnswersQuestions(Runtime.CompiledFlow flow) => flow.Steps.FirstOrDefault() is AnswerStep { Question: null };

    /// <summary>
    /// True when a recognizer put a message that neither asks nor requests anything with the flow that answers questions
    /// from the knowledge, in the middle of a flow: "the base fee is charged twice" at "What looks wrong on the bill?",
    /// "12.873,4 kWh" at the meter reading (author16's energy trial). Such a message answers the question asked, or is
    /// a wrong answer to it; the knowledge has nothing to answer.
    /// </summary>
    private static bool StatementForKnowledge(TurnContext turn, Runtime.CompiledFlow flow, string text)
    {
        if (!AnswersQuestions(flow) || text.TrimEnd().EndsWith('?')) return false;
        var lexicon = Lexicon.For(turn.Language);
        // A framed request asks too: "I would like to know the base fee", "could you tell me the base fee".
        return !lexicon.IsQuestion(text) && !lexicon.IsRequest(text) && lexicon.Unframed(text) == text;
    }

    /// <summary>
    /// The flow that answers from the knowledge (<paramref name="answers"/>, else the one that may start here), when the
    /// message is a question (no request, no follow-up) that one of its passages answers clearly
    /// (<see cref="AnswerStepRunner.Ranking.Clear"/>); null otherwise.
    /// </summary>
    private async Task<Runtime.CompiledFlow?> ClearlyAnsweredAsync(TurnContext turn, string text, CancellationToken cancellationToken, Runtime.CompiledFlow? answers = null)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (!lexicon.IsQuestion(text) || lexicon.IsRequest(text) || lexicon.IsFollowUp(text)) return null;
        answers ??= KnowledgeFlow(turn);
        if (answers is null || answers.Steps[0] is not AnswerStep step) return null;
        return (await answerSteps.RankAsync(turn, step, text, cancellationToken)).Clear ? answers : null;
    }

    /// <summary>True when one passage of the bot's knowledge has every word of the question (stems, one typo, everyday synonyms; not "nearby").</summary>
    private static bool OnePassageHasEveryWord(TurnContext turn, string text)
    {
        var asked = Lexicon.WithoutNearby(text);
        return turn.Bot.Knowledge.SearchTexts.Any(p => HasEveryWord(turn, asked, p));
    }

    // Each passage's words are prepared once per bot revision (the cache key), not again for every such question. The
    // words that ask for a fact are had by a passage that states one (Lexicon.WordsToHave).
    private static bool HasEveryWord(TurnContext turn, string asked, string passage) =>
        AnswerStepRunner.Passages.Unmatched(Lexicon.WordsToHave(asked, passage), [passage], "knowledge-passage:" + turn.Bot.Revision).Count == 0;

    /// <summary>
    /// At the top level, "I want to order something", "I'd like to order": the message uses a word as a verb (after
    /// "to", or first and followed by an article or "something") that the started flow's examples use only as a noun
    /// ("where is my order", "order status") and exactly one other routable flow's examples use as a verb ("order a
    /// phone"): that flow is meant (the embedded model read the word alone and put it with the order status). Null
    /// otherwise, also for the word alone ("order": which one is meant the word does not say).
    /// </summary>
    private static StartFlowCommand? VerbDecides(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0 || commands is not [StartFlowCommand start] || !turn.Bot.Flows.TryGetValue(start.Flow, out var chosen)) return null;
        var lexicon = Lexicon.For(turn.Language);
        bool Verb(string[] words, int i) => (i > 0 && words[i - 1] == "to")
            || (i == 0 && words.Length > 1 && (lexicon.IsArticle(words[1]) || words[1] is "something" or "some" or "etwas"));
        bool Noun(string[] words, int i) => (i > 0 && (lexicon.IsArticle(words[i - 1]) || lexicon.IsPossessive(words[i - 1])))
            || (i + 1 < words.Length && !lexicon.StopWords.Contains(words[i + 1]));
        var message = UtteranceText.Tokens(lexicon.Peel(lexicon.Unframed(text)));
        var full = UtteranceText.Tokens(text);
        // Function words are no verbs in either reading: "from the 3rd to the 9th" is no use of "the" as a verb, and
        // another flow's "damage to the rental" would otherwise decide a car booking (conv27).
        foreach (var word in full.Where((w, i) => Verb(full, i)).Concat(message.Where((w, i) => Verb(message, i))).Where(w => w.Length >= 3 && !lexicon.StopWords.Contains(w)).Distinct(StringComparer.Ordinal))
        {
            List<(bool Verb, bool Noun)> Uses(Runtime.CompiledFlow flow) => [.. flow.ExampleWords(turn.Language)
                .SelectMany(e => e.Select((w, i) => (w, i)).Where(p => p.w == word).Select(p => (Verb(e, p.i), Noun(e, p.i))))];
            var own = Uses(chosen);
            if (own.Count == 0 || own.Any(u => u.Verb) || !own.All(u => u.Noun)) continue;
            var verbs = turn.Bot.Flows.Values.Where(f => f.Id != chosen.Id && f.Definition.Routable && Uses(f).Any(u => u.Verb)).ToList();
            if (verbs is not [var meant]) continue;
            turn.Trace.Events.Add("verb_decides:" + meant.Id);
            return new StartFlowCommand(meant.Id);
        }
        return null;
    }

    /// <summary>
    /// True when the message is a statement whose subject is a value of one of the flow's enum slots with more said
    /// after it ("my monitor is flickering", "the printer on floor 2 is jammed"): it tells what happens to that thing.
    /// Not a question, nor a message where the value stands later ("tell me about vaccinations"), nor one where it only
    /// modifies the noun after it ("my vaccination card is lost": a card, <see cref="Lexicon.IsHeadNoun"/>).
    /// </summary>
    private static bool OpensWithValue(TurnContext turn, Runtime.CompiledFlow flow, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        var words = lexicon.SubjectOnwards(text);
        var enums = flow.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language)).Where(s => s.Kind == "enum").ToList();
        for (var take = 1; take <= 3 && take < words.Length; take++)
        {
            if (lexicon.IsHeadNoun(words[take])) continue;
            var subject = string.Join(' ', words[..take]);
            if (enums.Any(s => SlotValueParser.TryParse(s, subject, turn.UserParse, out _, out _))) return true;
        }
        return false;
    }

    // How many of the flow's slots the message names values for (a description taken from_opening names none).
    private static int NamedCount(TurnContext turn, string flow, string text) =>
        WithNamedValues(turn, [new StartFlowCommand(flow)], text, fromOpening: false).Count(c => c is SetSlotCommand);

    /// <summary>
    /// "it's a mountain bike" at the day question of a repair booking: the recognizer could not tell the booking from the
    /// repair status, and "Which of these did you mean: your repair status, a repair booking?" asked a user who is booking
    /// one. A message as near to the running flow as to another is about what is running: read as that flow's request
    /// (the engine says it is on it and asks its question again); a clear request for the other flow is no clarify.
    /// </summary>
    private static StartFlowCommand? RunningAmongClarified(TurnContext turn, IReadOnlyList<Command> commands) =>
        commands is [ClarifyCommand clarify] && turn.State.Pending is null
        && turn.State.Stack.Select(f => f.Flow).LastOrDefault(clarify.Flows.Contains) is { } running
            ? new StartFlowCommand(running) : null;

    // The recognizer could not place the message, or asks which of a few flows is meant.
    private static bool Undecided(IReadOnlyList<Command> commands) => commands.All(c => c is CannotHandleCommand) || commands is [ClarifyCommand];

    private static IReadOnlyList<string>? Candidates(IReadOnlyList<Command> commands) => commands is [ClarifyCommand clarify] ? clarify.Flows : null;

    /// <summary>
    /// Step 4 at the top level: a message the recognizer could not place that names a value only one routable flow's
    /// enum slots have ("book a flu shot for tomorrow", "I need a sick note"), or that is as a whole a value of one
    /// flow's pattern slot ("AB12345" is an order number), starts that flow, which then gets the value. Values that
    /// several flows share (a product both ordering and a problem report ask for) start nothing and veto nothing ("zwei
    /// große Handys": the size decides). When the recognizer
    /// asks which of a few flows is meant (<paramref name="candidates"/>), the value decides among those only
    /// ("ich möchte 3 kleine Handys bestellen, Lieferung an Hauptstraße 5": the order, not the order check).
    /// A short message that names only a value two or three flows share ("I want a tablet", "ein Tablet bitte") asks
    /// which of them is meant, unless the recognizer placed it among the things the bot does not cover.
    /// </summary>
    private static Command? ValueDecides(TurnContext turn, string text, IReadOnlyList<string>? candidates, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0) return null;
        var (values, named) = NamedValues(turn, text, candidates);
        if (named is [var flow])
        {
            // "how much is a sick note?", "do you do flu shots?": a question that names a value asks about it; a flow that
            // answers from the bot's knowledge answers it (or says it cannot) — starting the booking would be presumptuous.
            // Not a question with values for two of the flow's slots ("can I get a checkup monday afternoon at 4?"): that
            // is a request, as ValuesOverrule reads it when the recognizer placed it. Among flows the recognizer hesitates
            // between, only one of them answers ("what is the status of INC123456": the status or a new ticket).
            if (Lexicon.For(turn.Language).IsQuestion(text)
                && NamedCount(turn, flow, text) < 2
                && OtherFlows(turn, InterruptionScope.For(turn)).FirstOrDefault(f => f.Id != flow && f.OpensWithAnswer
                    && (candidates is null || candidates.Contains(f.Id, StringComparer.Ordinal))) is { } knowledge)
            {
                turn.Trace.Events.Add("question_to_knowledge:" + knowledge.Id);
                return new StartFlowCommand(knowledge.Id);
            }
            turn.Trace.Events.Add("named_value:" + flow);
            return new StartFlowCommand(flow);
        }
        if (named.Count > 0 || candidates is not null) return null;
        var sharing = values.Where(f => f.Values.Count > 0).Select(f => f.Id).ToList();
        // A code as the whole message ("DE123456789") that several flows take says only that one of them is meant, however
        // many, and has no words a recognizer could place out of scope: the user picks among them with buttons and the
        // picked flow keeps the code (the parcel bot: five flows).
        var code = sharing.Count >= 2 && values.Where(f => f.Values.Count > 0).All(f => f.Values.All(v => v.StartsWith("regex:", StringComparison.Ordinal)));
        if (result.OutOfScope && !code) return null;
        // At most two words that are no function words ("like tablet", "gern Tablet"): a longer message says more than
        // which thing it is about ("kann ich ein Tablet mit PayPal bezahlen"), and not understanding it is the honest answer.
        // A greeting, politeness and how many ("hey, I'd like two phones please") say no more than which thing.
        var lexicon = Lexicon.For(turn.Language);
        if (sharing.Count < 2 || (sharing.Count > 3 && !code) || UtteranceText.Tokens(lexicon.Peel(lexicon.Unframed(text)))
            .Count(t => !Lexicon.IsStopWord(t) && !t.All(char.IsAsciiDigit) && lexicon.NumberWord(t) is null) > 2) return null;
        turn.Trace.Events.Add("shared_value:" + string.Join(',', sharing));
        return new ClarifyCommand(sharing);
    }

    /// <summary>
    /// The enum and pattern values the message names (a pattern value as the whole message, or anywhere in it among
    /// <paramref name="candidates"/>), per routable flow (among <paramref name="candidates"/> when given), and the flows
    /// that have one of them no other of those flows has. A value several flows share says
    /// nothing about which is meant, and does not keep a value only one has from deciding ("zwei große Handys
    /// bestellen": the size only the order has, the phone a problem report has too).
    /// </summary>
    private static (List<(string Id, HashSet<string> Values)> Values, List<string> Named) NamedValues(TurnContext turn, string text, IReadOnlyList<string>? candidates)
    {
        // A pattern value counts as the whole message, or, among flows the recognizer hesitates between, also inside a
        // sentence: "what is the status of INC123456" between the ticket status and a new ticket (embedded 0.296 vs
        // 0.292) is the status, the one of them that takes a ticket number.
        // A word shaped like a code that no pattern accepts ("INC12345", a digit short) points there too, at the one of
        // them that takes a code at all: that flow asks for the number and shows what it looks like.
        var code = candidates is not null && text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(IsCodeShaped);
        string? PatternValue(SlotInfo slot) => candidates is null
            ? SlotValueParser.TryParse(slot, text, turn.UserParse, out var whole, out _) ? "regex:" + whole : null
            : SlotValueParser.Extract(slot, text, turn.UserParse) is { } inside ? "regex:" + inside : code ? "code" : null;
        var values = OtherFlows(turn, InterruptionScope.For(turn))
            .Where(f => candidates is null || candidates.Contains(f.Id, StringComparer.Ordinal))
            // A bot-wide pattern slot a flow asks, also through a sub-flow (the parcel's tracking number), is the flow's too.
            .Select(f => (f.Id, Values: f.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language))
                .Concat(turn.Bot.BotWideAsked(f).Where(d => !f.Definition.Slots.ContainsKey(d.Name)).Select(d => turn.Bot.SlotInfo(d, turn.Language)).Where(s => s.Kind == "regex"))
                .Select(s => s.Kind == "enum" ? SlotValueParser.Extract(s, text, turn.UserParse)
                    : s.Kind == "regex" ? PatternValue(s) : null)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal)))
            .ToList();
        return (values, [.. values.Where(f => f.Values.Any(v => values.Count(g => g.Values.Contains(v)) == 1)).Select(f => f.Id)]);
    }

    // "INC12345", "AB-1234": letters and three digits or more, nothing else but a dash or slash inside.
    private static bool IsCodeShaped(string word)
    {
        var w = UtteranceText.Bare(word);
        return w.Count(char.IsDigit) >= 3 && w.Any(char.IsLetter) && w.All(c => char.IsLetterOrDigit(c) || c is '-' or '/');
    }

    /// <summary>
    /// In the middle of a flow, the recognizer's start of a flow counts only when it is confident (the same threshold
    /// and margin as a digression from a free-text ask): "how many do you have in stock?" at "How many would you
    /// like?" is nearest to the order check but no request for it, and gets the question again. The same holds for
    /// the flow that is running ("we are already doing that"): the embedded model names it as the nearest flow for many
    /// unrelated answers. At the top level a start needs only the recognizer's own threshold. A recognizer without
    /// scores (the LLM) is taken at its word.
    /// </summary>
    private static IReadOnlyList<Command> ConfidentStarts(TurnContext turn, UnderstandingResult result, string text)
    {
        // A question at a confirmation asks about a value it names; a word-matching recognizer would read the value as
        // a correction ("how do I connect to the wifi?" made a hardware ticket a network one). A model is taken at its word.
        var commands = turn.CurrentStep is ConfirmStep && result.Path != "llm" && AsksAboutValue(Lexicon.For(turn.Language), text)
            ? [.. result.Commands.Where(c => c is not SetSlotCommand)]
            : result.Commands;
        if (turn.State.Stack.Count == 0 || result.Scores.Count == 0) return commands;
        var settings = turn.Bot.Settings.Understanding;
        // Read only for a confident start of another flow: it goes through every example of the running flow.
        bool? ownWords = null;
        bool OwnWords() => ownWords ??= NamesRunningFlow(turn, text);
        var doubtful = commands.OfType<StartFlowCommand>()
            .Where(s => !Confident(result, s.Flow, settings) || (s.Flow != turn.TopFlow?.Id && OwnWords())
                || turn.Bot.Flows.TryGetValue(s.Flow, out var started) && StatementForKnowledge(turn, started, text))
            .Select(s => s.Flow)
            .ToHashSet(StringComparer.Ordinal);
        if (doubtful.Count == 0) return commands;
        foreach (var flow in doubtful) turn.Trace.Events.Add("digression_unsure:" + flow);
        // Values the recognizer found for a dropped flow belong to it, not to the question being asked.
        var asked = UnderstandingRequestBuilder.ExpectedSlot(turn)?.Name;
        bool OfDropped(string slot) => slot != asked && doubtful.Any(f => turn.Bot.Flows.TryGetValue(f, out var d) && d.Definition.Slots.ContainsKey(slot));
        return [.. commands.Where(c => c is not StartFlowCommand start || !doubtful.Contains(start.Flow)).Where(c => c is not SetSlotCommand set || !OfDropped(set.Slot))];
    }

    /// <summary>
    /// "claim" at "What happened?" while filing a claim: every word of the message that is no function word is a word
    /// (or word stem) of the running flow's examples, so it names what the user is doing, not another flow (the embedded
    /// model started the claim status, whose examples say "claim" too, and the user was asked for a claim number three
    /// times). False when the message has a word of its own ("check my claim").
    /// </summary>
    private static bool NamesRunningFlow(TurnContext turn, string text)
    {
        if (turn.TopFlow is not { } top) return false;
        var vocabulary = ExampleVocabulary(turn, top).ToHashSet(StringComparer.Ordinal);
        var words = UtteranceText.Tokens(text).Where(w => w.Length >= 3 && !Lexicon.IsStopWord(w)).ToList();
        return words.Count > 0 && words.All(w => vocabulary.Any(v => SameStem(w, v)));
    }

    /// <summary>
    /// A flow started by this message also gets the enum values the message names for its slots, whichever path
    /// started it ("I'd like to purchase a new phone" -> product phone), unless the recognizer already gave them.
    /// Asking again for the running flow may answer its question on the way ("book a repair for tomorrow" at the
    /// day): a value of the asked slot's kind that stands out in a sentence is taken too. The one number the message
    /// mentions fills the flow's only number slot ("I'd like two pizzas"; with two number slots it could be either),
    /// and an e-mail, pattern, date or time value fills the flow's only slot of that kind that a step would ask for
    /// ("where is my order AB12345" does not ask for the number again). A text slot whose ask says <c>from_opening</c>
    /// takes the whole message when it says more than the flow's examples (<see cref="SaysMoreThanExamples"/>), unless
    /// <paramref name="fromOpening"/> is false (counting values: a description names no value).
    /// </summary>
    private static IReadOnlyList<Command> WithNamedValues(TurnContext turn, IReadOnlyList<Command> commands, string text, bool fromOpening = true)
    {
        if (commands.OfType<StartFlowCommand>().FirstOrDefault() is not { } start || !turn.Bot.Flows.TryGetValue(start.Flow, out var flow)) return commands;
        var context = turn.UserParse;
        var asked = turn.Top?.Flow == start.Flow && turn.State.Pending is null && turn.CurrentStep is AskStep ask ? ask.Slot.Name : null;
        // The flow's own slots and the bot-wide ones it asks for ("slots: email" kept for every flow: "…, my email is a@b.de"),
        // also through a sub-flow it calls ("wo ist mein Paket DE123456789": the tracking number a called lookup asks).
        var wide = turn.Bot.BotWideAsked(flow);
        var slots = flow.Definition.Slots.Values
            .Concat(wide)
            .Distinct()
            .Select(d => turn.Bot.SlotInfo(d, turn.Language)).ToList();
        bool Asked(SlotInfo s) => FlowRunner.FillingStep(flow, s.Name) is not null || (!flow.Definition.Slots.ContainsKey(s.Name) && wide.Any(w => w.Name == s.Name));
        // Only the numbers a step asks for or a call fills: a price an http step sets is no second count ("a room for 2
        // people" at a hotel whose booking also keeps the price per night).
        var numbers = slots.Where(s => s.Kind is "integer" or "number" && Asked(s)).ToList();
        // "where is my order AB12345", "…, my email is a@b.de": an e-mail, pattern or date value for the one slot of its
        // kind that the user would be asked for (never a slot only a step sets, such as an http result).
        var given = slots.Where(s => StandsOut(s) && s.Kind != "enum" && Asked(s)).ToList();
        // Patterns tell their slots apart ("HH-AB 123" is a number plate, not the phone number the flow also asks for):
        // a pattern slot counts as alone when it is the only one whose pattern the message holds, and the words it was
        // read from give no count ("my Golf HH-AB 123" has no mileage of 123).
        var patterns = given.Where(s => s.Kind == "regex")
            .Select(s => (Slot: s, Words: SlotValueParser.PatternWords(s, text, context))).Where(p => p.Words is not null).ToList();
        var countText = patterns is [var (_, plate)] ? text.Replace(plate!, " ", StringComparison.Ordinal) : text;
        bool OnlyOfItsKind(SlotInfo s) => s.Kind == "regex" ? patterns is [var (only, _)] && only == s : given.Count(g => g.Kind == s.Kind) == 1 && given.Contains(s);
        // "can we come with 15 people?" for 1 to 10: the number goes to the engine, which names the range at its question.
        string? OutOfRange(SlotInfo s) => SlotValueParser.SingleNumberWords(countText, context) is { } words
            && !SlotValueParser.TryParse(s, words, context, out _, out var problem) && SlotValueParser.IsOutOfRange(problem) ? words : null;
        // "a room for me and my wife next weekend": a count of people without a number.
        string? PeopleInside(SlotInfo s) => CountsPeople(turn, s.Name, flow.Id) && context.Lexicon.PeopleCountInside(text) is { } people
            && SlotValueParser.TryParse(s, people.ToString(System.Globalization.CultureInfo.InvariantCulture), context, out var value, out _) ? value : null;
        // "a double room for two nights", "für 3 Tage": the number is how long, not how many.
        bool LengthOfTime(string message) => SlotValueParser.SingleNumberWords(message, context) is { } mention
            && UtteranceText.Tokens(message).ToList() is var tokens && UtteranceText.Tokens(mention).ToList() is [.., var last]
            && tokens.IndexOf(last) is >= 0 and var at && at + 1 < tokens.Count && context.Lexicon.IsLengthUnit(tokens[at + 1]);
        // "a room from Dec 18 to Dec 20", "got any rooms on the 18th?": the days of the flow's period (two date slots),
        // which a recognizer may have read as one day for either; a lone day is the first unless "until" goes before it.
        var period = asked is null ? PeriodNamed(turn, flow, text, onlyAsked: null) : null;
        // A whole period replaces a day a recognizer read for either slot; a lone day is only placed where none did.
        if (period is [_, _]) commands = [.. commands.Where(c => c is not SetSlotCommand set || period.OfType<SetSlotCommand>().All(p => p.Slot != set.Slot))];
        else if (period is not null && SlotRules.Period(turn.Bot, flow) is var (first, last) && commands.OfType<SetSlotCommand>().Any(c => c.Slot == first || c.Slot == last)) period = null;
        var named = slots
            .Where(s => commands.OfType<SetSlotCommand>().All(c => c.Slot != s.Name) && period?.OfType<SetSlotCommand>().Any(p => p.Slot == s.Name) != true)
            // "book one for Friday": a day without a time for a date-time is kept for its question, which then asks the time.
            // "book a spin class thursday at 8": the day and the hour go to the engine, which asks morning or evening at its question.
            .Select(s => (s.Name, Value: s.Kind == "enum" || (s.Name == asked && StandsOut(s)) || OnlyOfItsKind(s) ? SlotValueParser.Extract(s, text, context) ?? SlotValueParser.DayOf(s, text, context, inside: true)
                    ?? (s.Name != asked ? SlotValueParser.AmbiguousHourIn(s, text, context) : null)
                : numbers is [var number] && number == s && !LengthOfTime(countText) ? SlotValueParser.SingleNumber(s, countText, context) ?? OutOfRange(s) ?? PeopleInside(s) : null))
            .Where(p => p.Value is not null)
            .Select(p => (Command)new SetSlotCommand(p.Name, p.Value!))
            .ToList();
        // "the printer on floor 2 is jammed": the problem is described already; asking for a description again would
        // make the user repeat it. Only when the author marked the ask, and only when the message is more than a request.
        foreach (var opening in flow.Steps.OfType<AskStep>().Where(a => fromOpening && a.FromOpening && a.Slot.Name != asked))
        {
            if (commands.OfType<SetSlotCommand>().Any(c => c.Slot == opening.Slot.Name) || slots.FirstOrDefault(s => s.Name == opening.Slot.Name) is not { Kind: "text" } slot) continue;
            // Not a message written in a language the bot does not speak: the flow goes on in the bot's language, and
            // so should what it keeps (a German description in an English ticket).
            // Without the greeting and thanks around it ("hello, my laptop won't turn on" kept its "hello," in the ticket).
            if (!SaysMoreThanExamples(turn, flow, slots, text) || TurnLanguage.Unspoken(turn.Bot, text)
                || !SlotValueParser.TryParse(slot, context.Lexicon.Unframed(text), context, out var whole, out _)) continue;
            turn.Trace.Events.Add("from_opening:" + slot.Name);
            named.Add(new SetSlotCommand(slot.Name, whole));
        }
        if (fromOpening && TitleNamed(turn, flow, slots, commands, named, text) is { } title) named.Add(title);
        if (fromOpening && asked is null && FramedFirstAnswer(turn, flow, slots, commands, named, text) is { } framed) named.Add(framed);
        if (period is not null) named.InsertRange(0, period);
        return named.Count == 0 ? commands : [.. commands, .. named];
    }

    /// <summary>
    /// The days a message names for the flow's period (two date slots, one of which must come after the other:
    /// <see cref="SlotRules.Period"/>): both when it names a period ("from Dec 18 to Dec 20", "vom 18. bis 20. Dezember",
    /// "from the 18th for 3 nights"), the start first; at a question (<paramref name="onlyAsked"/>) only when it asks for
    /// one of the two or both have a value (a change of the dates at the number of guests). In an opening message
    /// (<paramref name="onlyAsked"/> null) also a lone day: the start's ("any rooms on the 18th?"), none after
    /// "until"/"bis". Null when the flow has no period or the message names none of its days.
    /// </summary>
    private static List<Command>? PeriodNamed(TurnContext turn, Runtime.CompiledFlow? flow, string text, string? onlyAsked)
    {
        if (flow is null || SlotRules.Period(turn.Bot, flow) is not var (start, end)
            || (onlyAsked is not null && onlyAsked != start && onlyAsked != end && (turn.Value(start) is null || turn.Value(end) is null))
            || turn.Bot.FindSlot(flow.Id, start) is not { } startSlot || turn.Bot.FindSlot(flow.Id, end) is not { } endSlot) return null;
        var (from, to) = (turn.Bot.SlotInfo(startSlot, turn.Language), turn.Bot.SlotInfo(endSlot, turn.Language));
        var context = turn.UserParse;
        // "18. bis 20. Dezember" in an English conversation with a bot that speaks German too: a period is read in the
        // language it is written in (English found only the arrival in it).
        if ((SlotValueParser.DateRange(from, to, text, context)
            ?? OtherReadings(turn, text).Select(other => SlotValueParser.DateRange(from, to, text, other)).FirstOrDefault(r => r is not null)) is var (first, last))
        {
            if (!turn.Trace.Events.Contains($"period:{start}+{end}")) turn.Trace.Events.Add($"period:{start}+{end}");
            return [new SetSlotCommand(start, first), new SetSlotCommand(end, last)];
        }
        if (onlyAsked is not null || SlotValueParser.Extract(from, text, context) is not { } day) return null;
        var lexicon = Lexicon.For(turn.Language);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant().TrimEnd(',', '!', '?')).ToArray();
        // "until Sunday", "bis zum 20.": the word right before the day says it ends the stay ("I want to stay on Sunday" does not).
        var until = Enumerable.Range(0, words.Length).Where(i => lexicon.IsUntil(words[i]))
            .Any(i => Enumerable.Range(1, Math.Min(4, words.Length - i - 1))
                .Any(n => SlotValueParser.TryParse(from, string.Join(' ', words.Skip(i + 1).Take(n)), context, out var read, out _) && read == day));
        // A lone end ("a room until Sunday") would break the rule that it comes after the start, which has no value yet.
        return until ? null : [new SetSlotCommand(start, day)];
    }

    /// <summary>
    /// "reserve Dune at the north branch", "can I renew The Hobbit": a request that names the title its flow asks for.
    /// The flow's one text slot named for a title (its name or its type's: <c>title</c>, <c>book_title</c>) that an ask
    /// fills gets the one name or title written inside the message (<see cref="Lexicon.TitlesInside"/>) that is no value
    /// of the flow's other slots ("North Branch") and no words of the bot's examples or name only. Null otherwise.
    /// </summary>
    private static SetSlotCommand? TitleNamed(TurnContext turn, Runtime.CompiledFlow flow, List<SlotInfo> slots, IReadOnlyList<Command> commands, List<Command> named, string text)
    {
        var titles = flow.Definition.Slots
            .Where(p => p.Key.Split('_').Contains("title") || p.Value.Type.Name.Split('_').Contains("title"))
            .Select(p => slots.First(s => s.Name == p.Key))
            .Where(s => s.Kind == "text" && FlowRunner.FillingStep(flow, s.Name) is AskStep)
            .ToList();
        if (titles is not [var slot] || commands.Concat(named).OfType<SetSlotCommand>().Any(c => c.Slot == slot.Name)) return null;
        var vocabulary = turn.Bot.Flows.Values.SelectMany(f => Examples(turn, f)).Append(turn.Bot.Settings.Name)
            .SelectMany(UtteranceText.Tokens).ToHashSet(StringComparer.Ordinal);
        var others = slots.Where(s => s.Kind != "text").ToList();
        var candidates = Lexicon.For(turn.Language).TitlesInside(text)
            .Where(t => others.All(s => SlotValueParser.Extract(s, t, turn.UserParse) is null))
            .Where(t => UtteranceText.Tokens(t).Any(w => !Lexicon.IsStopWord(w) && !vocabulary.Contains(w)))
            .ToList();
        if (candidates.Count == 0) candidates = PlainTitles(turn, flow, others, vocabulary, text);
        if (candidates is not [var title] || !SlotValueParser.TryParse(slot, title, turn.UserParse, out var value, out _)) return null;
        turn.Trace.Events.Add("title_named:" + slot.Name);
        return new SetSlotCommand(slot.Name, value);
    }

    /// <summary>
    /// "do you have ibuprofen 400 in stock?", "haben Sie Aspirin vorrätig?": a request whose frame holds the thing it asks
    /// about (<see cref="Lexicon.FramedValue"/>) answers the flow's first question when that asks a text slot. Not when
    /// the thing is only what the bot's examples say after an article or possessive, or the slot's own name ("is a
    /// medicine in stock", "do you have my medicine", "ist ein Medikament vorrätig": no medicine named yet). It ends
    /// at a value for another of the flow's questions ("ibuprofen at the station" -> "ibuprofen"; a number only a
    /// service fills is part of the name: "ibuprofen 400"). Not at a question for the user's own account
    /// (<see cref="Lexicon.AsksForDescription"/>: "I need a new battery" opens a description, whole). Null otherwise.
    /// </summary>
    private static SetSlotCommand? FramedFirstAnswer(TurnContext turn, Runtime.CompiledFlow flow, List<SlotInfo> slots, IReadOnlyList<Command> commands, List<Command> named, string text)
    {
        if (flow.Steps.OfType<AskStep>().FirstOrDefault() is not { FromOpening: false } first
            || slots.FirstOrDefault(s => s.Name == first.Slot.Name) is not { Kind: "text" } slot
            || commands.Concat(named).OfType<SetSlotCommand>().Any(c => c.Slot == slot.Name)
            || Lexicon.For(turn.Language) is var lexicon && (lexicon.AsksForDescription(slot.Name) || lexicon.FramedValue(text) is not { } framed)) return null;
        // The nouns the examples name in general: the word after "a", "my", "ein", "mein" ("is a medicine in stock").
        var general = turn.Bot.Flows.Values.SelectMany(f => f.ExampleWords(turn.Language))
            .SelectMany(e => e.Skip(1).Where((_, i) => lexicon.IsArticle(e[i]) || lexicon.IsPossessive(e[i])))
            .Concat(slot.Name.Split('_')).Concat(turn.Bot.FindSlot(flow.Id, slot.Name)?.Type.Name.Split('_') ?? [])
            .ToHashSet(StringComparer.Ordinal);
        framed = BeforeOtherValues(turn, flow, slots, framed);
        var own = UtteranceText.Tokens(framed).Where(w => !Lexicon.IsStopWord(w)).ToList();
        if (own.Count == 0 || own.All(w => general.Any(g => SameStem(w, g)))
            || !SlotValueParser.TryParse(slot, framed, turn.UserParse, out var value, out _)) return null;
        turn.Trace.Events.Add("framed_value:" + slot.Name);
        return new SetSlotCommand(slot.Name, value);
    }

    /// <summary>
    /// A title typed without capitals or quotes ("renew the hobbit", "reserve dune at the north branch", "reservier mir
    /// dune", and German, where capitals mark every noun: "ich möchte Der Process verlängern"): the words that stand where
    /// the flow's examples have their object. That is right after a verb of the examples (the first word of an example
    /// that is no function word, or its last word when no article or possessive stands before it, by word stem: "renew"
    /// of "renew my loan", "reservier" ~ "reservieren"), past a possessive or "me"/"mir" and keeping an article ("the
    /// hobbit"); or right before such a last word when it ends the message (the German verb: "verlängern"). The run goes on over words that are no word (or stem) of
    /// the bot's examples or name, with function words inside ("lord of the rings"), and ends at punctuation, at a value
    /// of the flow's other slots ("north"), at a day, time or number ("next friday", "zwei") or at a word of the
    /// examples; function words at its ends are dropped (the article at its start is kept). Nothing when the run has no
    /// word of its own, when its last word stands right before a word of the examples ("reserve a new book": "new"
    /// describes the book), or when a word of it is an everyday word that is no title ("renew online", "später").
    /// As typed.
    /// </summary>
    private static List<string> PlainTitles(TurnContext turn, Runtime.CompiledFlow flow, List<SlotInfo> others, HashSet<string> vocabulary, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        var typed = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = typed.Select(t => UtteranceText.Normalize(UtteranceText.Bare(t))).ToArray();
        var ends = typed.Select(t => ",.;:!?".Contains(t[^1], StringComparison.Ordinal)).ToArray();
        var examples = flow.ExampleWords(turn.Language);
        var firsts = examples.Select(e => e.FirstOrDefault(w => !lexicon.StopWords.Contains(w))).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // An example's last word after an article or possessive is its object ("reserve a book"), no verb.
        var lasts = examples.Select(e => Array.FindLastIndex(e, w => !lexicon.StopWords.Contains(w)) is var k && k >= 0
                && !(k > 0 && (lexicon.IsArticle(e[k - 1]) || lexicon.IsPossessive(e[k - 1]))) ? e[k] : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        // A word of the examples misspelt ("boook", "reserv") is theirs too: it was taken as the title "a boook pls".
        bool Known(string w) => vocabulary.Contains(w) || vocabulary.Any(v => v.Length >= 4 && w.Length >= 4 && (SameStem(w, v) || (w.Length >= 5 && TypoCorrection.WithinOneEdit(w, v))));
        // Days, times, numbers and the values of the flow's other slots (up to three words: "next friday", "north branch").
        var values = new bool[words.Length];
        var day = new SlotInfo { Name = "day", Kind = "date" };
        var time = new SlotInfo { Name = "time", Kind = "time" };
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = 1; n <= 3 && i + n <= words.Length; n++)
            {
                var window = string.Join(' ', words[i..(i + n)]);
                if ((n == 1 && (window.Any(char.IsDigit) || lexicon.NumberWord(window) is not null))
                    || others.Append(day).Append(time).Any(s => SlotValueParser.TryParse(s, window, turn.UserParse, out _, out _)))
                {
                    Array.Fill(values, true, i, n);
                }
            }
        }
        bool Own(int i) => words[i].Length > 0 && !values[i] && !lexicon.StopWords.Contains(words[i]) && !Known(words[i]);
        bool Inside(int i) => words[i].Length > 0 && !values[i] && (lexicon.StopWords.Contains(words[i]) || !Known(words[i]));
        var found = new List<string>();
        void Add(int from, int to)
        {
            // Function words at the ends are dropped; an article right before the title's first word is its own ("the hobbit").
            while (from <= to && !Own(from)) from++;
            while (to >= from && !Own(to)) to--;
            if (from > to) return;
            if (from > 0 && lexicon.IsArticle(words[from - 1]) && Inside(from - 1)) from--;
            if (words[from..(to + 1)].Any(w => lexicon.IsNoTitle(w))) return;
            found.Add(string.Join(' ', typed[from..(to + 1)].Select(UtteranceText.Bare)));
        }
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length < 4 || values[i] || !firsts.Concat(lasts).Any(a => a == words[i] || (a.Length >= 4 && SameStem(words[i], a)))) continue;
            // After the verb: "renew the hobbit", "reservier mir dune".
            var start = i + 1;
            while (start < words.Length && !ends[start - 1] && (lexicon.IsPossessive(words[start]) || words[start] is "me" or "mir")) start++;
            if (start < words.Length && !ends[start - 1] && (Own(start) || (lexicon.IsArticle(words[start]) && start + 1 < words.Length && Own(start + 1))))
            {
                var end = start;
                while (end + 1 < words.Length && !ends[end] && Inside(end + 1)) end++;
                // "reserve a new book": the word before a word of the examples describes it.
                if (!(end + 1 < words.Length && !ends[end] && !values[end + 1] && Known(words[end + 1]) && Own(end))) Add(start, end);
            }
            // Before a verb that ends the message: "ich möchte Der Process verlängern".
            var rest = i + 1;
            while (rest < words.Length && (words[rest].Length == 0 || lexicon.StopWords.Contains(words[rest]))) rest++;
            if (rest == words.Length && lasts.Any(a => a == words[i] || (a.Length >= 4 && SameStem(words[i], a))))
            {
                var from = i - 1;
                while (from >= 0 && !ends[from] && Inside(from)) from--;
                if (from + 1 <= i - 1) Add(from + 1, i - 1);
            }
        }
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// True when the message has two words or more of three letters or more that are no function words, no words (or
    /// word stems, or those words with one typo) of the flow's examples and no values of its enum slots: "the printer on
    /// floor 2 is jammed" ("floor", "jammed") says what happened; "I want to open a support ticket", "i want to opne a
    /// tiket" or "I have a problem with my printer" only ask for the flow. One such word is enough after a thing the
    /// statement opens with ("my monitor is flickering": <see cref="OpensWithValue"/>).
    /// </summary>
    private static bool SaysMoreThanExamples(TurnContext turn, Runtime.CompiledFlow flow, List<SlotInfo> slots, string text)
    {
        var vocabulary = ExampleVocabulary(turn, flow).ToHashSet(StringComparer.Ordinal);
        var enums = slots.Where(s => s.Kind == "enum").ToList();
        return UtteranceText.Tokens(text)
            .Where(w => w.Length >= 3 && !w.All(char.IsDigit) && !Lexicon.IsStopWord(w))
            .Where(w => !vocabulary.Any(v => SameStem(w, v) || (w.Length >= 4 && v.Length >= 4 && (TypoCorrection.WithinOneEdit(w, v) || TypoCorrection.NeighboursSwapped(w, v)))))
            .Count(w => enums.All(s => SlotValueParser.Extract(s, w, turn.UserParse) is null)) is var told
            && (told >= 2 || (told == 1 && OpensWithValue(turn, flow, text)));
    }

    /// <summary>
    /// "zwei" at an English "How many?": a number answer written in another of the bot's languages (the message's
    /// detected language) is read with that language's number words. Only then: "elf" and "null" are English words too.
    /// "Montag" or "übermorgen" at an English date question (a German user whose one English sentence switched the
    /// conversation): a whole answer that only another of the bot's languages reads as a day or time is that value —
    /// day and time words name nothing else, and a single word never switches the language back.
    /// </summary>
    private static SlotParseContext? InOtherLanguage(TurnContext turn, SlotInfo slot, string text)
    {
        if (turn.Bot.Settings.Languages.Count < 2) return null;
        var own = LanguageDetector.Primary(turn.Language);
        if (slot.Kind is "date" or "time" or "datetime")
        {
            foreach (var other in OtherReadings(turn, text, detected: false))
            {
                if (SlotValueParser.TryParse(slot, text, other, out _, out var problem) || SlotValueParser.IsOutOfRange(problem)) return other;
            }
            return null;
        }
        if (slot.Kind is not ("integer" or "number")) return null;
        var detected = LanguageDetector.Detect(text, turn.Bot.Settings.Languages);
        return detected is null || detected == own ? null : SlotParseContext.For(detected, turn.Now, turn.TimeZone);
    }

    /// <summary>
    /// How the bot's other languages read a message: their parse contexts, each with the turn's clock and zone. With
    /// <paramref name="detected"/>, only when the words are not those of the turn's language (a German "bis" in "18. bis
    /// 20. Dezember" is), so an English message is never read as German.
    /// </summary>
    private static IEnumerable<SlotParseContext> OtherReadings(TurnContext turn, string text, bool detected = true)
    {
        var own = LanguageDetector.Primary(turn.Language);
        var languages = turn.Bot.Settings.Languages.Select(LanguageDetector.Primary).Distinct(StringComparer.Ordinal).Where(l => l != own).ToList();
        if (languages.Count == 0 || (detected && LanguageDetector.Detect(text, turn.Bot.Settings.Languages) is var written && (written is null || written == own))) yield break;
        foreach (var language in languages) yield return SlotParseContext.For(language, turn.Now, turn.TimeZone);
    }

    /// <summary>
    /// "hafen" at the English "Which branch?" of a bot that speaks German too: the whole answer is a value (its id, label
    /// or a synonym) of the asked enum slot in another of the bot's languages. Value and label words name nothing else.
    /// </summary>
    private static bool EnumInOtherLanguage(TurnContext turn, string name, SlotInfo asked, string text, out string value)
    {
        value = "";
        if (asked.Kind != "enum" || turn.Bot.FindSlot(turn.Top!.Flow, name) is not { } definition) return false;
        var own = LanguageDetector.Primary(turn.Language);
        foreach (var language in turn.Bot.Settings.Languages.Where(l => LanguageDetector.Primary(l) != own))
        {
            if (SlotValueParser.TryParse(turn.Bot.SlotInfo(definition, language), text, SlotParseContext.For(language, turn.Now, turn.TimeZone), out value, out _)) return true;
        }
        return false;
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

    /// <summary>
    /// At a number question, a short message (up to five words, no question) with exactly one number: that number as
    /// the answer, taken or out of the slot's range; null otherwise (also for a number the slot's kind cannot take).
    /// At a count of people (the slot's or its type's name names people), also "nur ich", "just me", "zu dritt".
    /// </summary>
    private static SetSlotCommand? CountAnswer(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (asked.Kind is not ("integer" or "number") || lexicon.IsQuestion(text)) return null;
        var people = CountsPeople(turn, ask.Slot.Name)
            // "wir sind zwei Erwachsene und ein Kind" in an English conversation: the party in any of the bot's languages.
            && (lexicon.PeopleCount(text) ?? turn.Bot.Settings.Languages.Where(l => l != turn.Language).Select(l => Lexicon.For(l).PeopleCount(text)).FirstOrDefault(c => c is not null)) is { } n
                ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        // A party told in parts may be long ("me, my wife and our two kids"); a bare number only in a short answer.
        if (people is null && UtteranceText.Tokens(text).Length > 5) return null;
        if ((people ?? SlotValueParser.SingleNumberWords(text, context)) is not { } words) return null;
        if (people is null && AsksOtherFlow(turn, text)) return null;
        var ok = SlotValueParser.TryParse(asked, words, context, out var value, out var problem);
        return ok || SlotValueParser.IsOutOfRange(problem) ? new SetSlotCommand(ask.Slot.Name, value) : null;
    }

    /// <summary>
    /// True when the slot of the running flow counts people: its name or its type's names people in any of the bot's
    /// languages (the names are the author's words: "personen" in an English conversation).
    /// </summary>
    private static bool CountsPeople(TurnContext turn, string slot, string? flow = null) =>
        turn.Bot.FindSlot(flow ?? turn.Top?.Flow, slot) is { } definition
        && turn.Bot.Settings.Languages.Append(turn.Language).Select(Lexicon.For).Any(l => l.CountsPeople(slot) || l.CountsPeople(definition.Type.Name));

    /// <summary>
    /// "wir sind zu zweit", "just the two of us" at another question (the name, the birthday) of a flow that asks later
    /// how many people come: the early answer to that count (the name was "wir sind zu zweit"). Only the whole phrases
    /// that count people without a number (<see cref="Lexicon.PeopleCount"/>), which no name or date is.
    /// </summary>
    private static SetSlotCommand? EarlyPeopleCount(TurnContext turn, AskStep ask, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (lexicon.PeopleCount(text) is not { } count) return null;
        var later = OtherSlots(turn, ask, givenOnly: false)
            .Where(s => s.Kind == "integer" && Given(turn, s.Name) is not { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) })
            .Where(s => CountsPeople(turn, s.Name))
            .ToList();
        if (later is not [var slot]) return null;
        var words = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SlotValueParser.TryParse(slot, words, context, out var value, out var problem) || SlotValueParser.IsOutOfRange(problem) ? new SetSlotCommand(slot.Name, value) : null;
    }

    /// <summary>
    /// True when a word of the message (four letters or more) belongs to the examples of another flow that can start here
    /// and not to the running flow's: "2 Termine absagen" at "Für wie viele Personen?" asks to cancel, it gives no count.
    /// </summary>
    private static bool AsksOtherFlow(TurnContext turn, string text)
    {
        if (turn.TopFlow is not { } running) return false;
        var words = UtteranceText.Tokens(text).Where(w => w.Length >= 4 && !w.Any(char.IsDigit)).ToList();
        if (words.Count == 0) return false;
        var own = ExampleVocabulary(turn, running).Where(w => w.Length >= 4).ToList();
        var others = OtherFlows(turn, InterruptionScope.For(turn)).Where(f => f.Id != running.Id)
            .SelectMany(f => ExampleVocabulary(turn, f)).Where(w => w.Length >= 4).ToList();
        return words.Any(w => !own.Any(v => SameStem(w, v)) && others.Any(v => SameStem(w, v)));
    }

    /// <summary>
    /// Whether the words after a cancel ask for a flow in the words of its examples (four letters or more, no function
    /// words, no value of the running flow's choices): the running flow's own ("book a new one for Friday"), and another
    /// flow's (<see cref="AsksOtherFlow"/>). Words after a correction opener ("make it a vaccination") say a value back
    /// and ask for nothing.
    /// </summary>
    private static (bool Running, bool Other) RequestAfterCancel(TurnContext turn, string text)
    {
        if (turn.TopFlow is not { } running || Lexicon.For(turn.Language).AfterCorrectionOpener(text) is not null) return (false, false);
        var own = ExampleVocabulary(turn, running).Where(w => w.Length >= 4 && !Lexicon.IsStopWord(w)).ToList();
        var choices = running.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language)).Where(s => s.Kind == "enum").ToList();
        var asksRunning = UtteranceText.Tokens(text).Any(w => w.Length >= 4 && !Lexicon.IsStopWord(w) && own.Any(v => SameStem(w, v))
            && choices.All(s => SlotValueParser.Extract(s, w, turn.UserParse) is null));
        return (asksRunning, AsksOtherFlow(turn, text));
    }

    /// <summary>
    /// What <paramref name="rest"/> gives on its own for the running flow's slots, or null: the answer to the asked slot
    /// (not at a free-text question, where anything would be one), or a new value for a slot given earlier ("never mind,
    /// make it a tablet" at the size, also at a free-text question or the confirmation).
    /// </summary>
    private static List<Command>? AnswerAfterCancel(TurnContext turn, string rest)
    {
        if (turn.State.Pending is not null || turn.TopFlow is not { } flow || turn.CurrentStep is not (AskStep or ConfirmStep)) return null;
        // "cancel it and book a new one for Friday" at the confirmation: a request with a value in it, not a new day for
        // this booking (the cancel said the booking goes); read below as what the user wants instead.
        if (RequestAfterCancel(turn, rest) is not (false, false)) return null;
        var freeText = FreeTextSlot(turn);
        var asked = (turn.CurrentStep as AskStep)?.Slot.Name;
        if (Expected(turn, rest, null, freeText) is not [SetSlotCommand set] answer || !flow.Definition.Slots.ContainsKey(set.Slot)) return null;
        var correction = set.Slot != asked && turn.Value(set.Slot) is not null;
        return correction || (freeText is null && set.Slot == asked) ? answer : null;
    }

    /// <summary>Step 1 (and the free-text answers of step 2 that need no recognizer): the commands, or null to ask the recognizer.</summary>
    internal static List<Command>? Expected(TurnContext turn, string text, string? buttonValue, SlotInfo? freeText)
    {
        var lexicon = Lexicon.For(turn.Language);
        var context = turn.UserParse;
        var ask = turn.State.Pending is null ? turn.CurrentStep as AskStep : null;
        var asked = UnderstandingRequestBuilder.ExpectedSlot(turn);
        if (buttonValue is not null)
        {
            if (turn.AwaitsYesNo && lexicon.YesNo(buttonValue) is { } clicked) return [clicked ? new AffirmCommand() : new DenyCommand()];
            if (ask is not null && asked is not null && SlotValueParser.TryParse(asked, buttonValue, context, out var value, out _)) return [new SetSlotCommand(ask.Slot.Name, value)];
            if (turn.Bot.Flows.ContainsKey(buttonValue)) return [new StartFlowCommand(buttonValue)];
            if (text.Length == 0) text = buttonValue;
        }
        // "the first", "das zweite" after "Which amount do you mean: 1200 or 50?" or "Which one do you mean: Central
        // Library or North Branch?": that amount or choice.
        else if (ask is not null && asked is { Kind: "integer" or "number" or "enum" } && turn.Top?.PendingValues is { Count: > 1 } amounts
            && lexicon.Ordinal(text) is { } nth && (nth == -1 ? amounts[^1] : nth >= 1 && nth <= amounts.Count ? amounts[nth - 1] : null) is { } amount)
        {
            return [new SetSlotCommand(ask.Slot.Name, amount)];
        }
        // "both", "beide" there: no one amount or choice; the engine asks which one again (no recognizer: it is no new request).
        else if (ask is not null && asked is { Kind: "integer" or "number" or "enum" } && turn.Top?.PendingValues is { Count: > 1 } && lexicon.MeansAll(text))
        {
            return [new SetSlotCommand(ask.Slot.Name, text)];
        }
        // "the second one", "die zweite" at a question with buttons: that button, as if clicked; also "2" or "two" where
        // a number names a place (NumberIsPlace): a user who sees three buttons and types "2" means the second. Not after
        // a correction opener: "actually make it 3" goes back to a number given (NumberCorrection), it picks no button.
        else if (ask is not null && (lexicon.Ordinal(text)
                ?? (NumberIsPlace(turn, ask, asked, text, context) && lexicon.AfterCorrectionOpener(text) is null ? PlaceNumber(lexicon, text) : null)) is { } place
            && ReplyRenderer.ButtonsOf(turn, ask.Response.Name) is { Count: > 0 } shown
            && ButtonAt(shown, place) is { } picked)
        {
            turn.Trace.Events.Add("button_by_place:" + picked.Value);
            return Expected(turn, "", picked.Value, freeText);
        }

        // "go back", "previous question": the question before this one in the flow again (a change of its slot), then on to
        // where the user was. At the first question there is nothing to go back to: read as before.
        var stepQuestion = lexicon.StepQuestionOf(text); // read once: it was asked three times below
        if (turn.State.Pending is null && stepQuestion == StepQuestion.GoBack && PreviousAnswer(turn) is { } previous) return [new ChangeSlotCommand(previous)];

        // "where was I?", "why do you need that?": a question about the conversation, never an answer, not even to a
        // free-text question. Only these whole phrases: "Why Not Ltd" and "where was I born" are answers. "what sizes
        // do you have?" asks for the choices, so only where there are fixed choices; elsewhere it may be an answer.
        // "I don't know", "where do I find it?": only where the author wrote the step a help text that can tell the user;
        // elsewhere such a message is what it was before (a wrong answer, or a free-text answer).
        // "which branches are there?" at the day: the choices of another enum slot of the flow that the words name.
        if (stepQuestion == StepQuestion.Options && ask is not null && asked is not null && asked.Kind is not ("enum" or "text")
            && OptionsOfOther(turn, ask, text, lexicon) is { } optionsSlot)
        {
            return [new HelpCommand { About = StepQuestion.Options, Slot = optionsSlot }];
        }
        // "what do you mean?" at a question whose step or flow has the author's help: that help explains it, as the
        // phrase got before it was a repeat; without one the question again (repeat), not the built-in help's "the topics I know".
        if (stepQuestion == StepQuestion.Repeat && turn.State.Pending is null && (ask is not null || turn.AwaitsYesNo)
            && ((turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help ?? turn.TopFlow?.Definition.Help) is not null
            && lexicon.Command(text, wholeUtteranceOnly: true) == CommandKind.Help)
        {
            return [new HelpCommand()];
        }
        if (stepQuestion is { } question
            && question switch
            {
                StepQuestion.GoBack => false,
                // "which tablet" names a choice: the value, not a question about the choices.
                StepQuestion.Options => ask is not null && asked is not null && ShowsChoices(turn, ask, asked) && SlotValueParser.Extract(asked, text, context) is null,
                StepQuestion.DontKnow => turn.State.Pending is null && ((turn.CurrentStep as AskStep)?.Help ?? (turn.CurrentStep as ConfirmStep)?.Help) is not null,
                _ => question == StepQuestion.WhereWasI || turn.AwaitsYesNo || ask is not null,
            })
        {
            // "what times do you have?" at the service question asks about a slot the flow asks later, not these
            // choices: the question again says what comes first.
            return [new HelpCommand { About = question == StepQuestion.Options && AsksAboutOtherSlot(turn, ask!, text, lexicon) ? StepQuestion.Repeat : question }];
        }

        // "a phone", "actually make it a phone" at the address: the whole message is a new value for a slot the user
        // already gave in this flow, so a correction, even at a free-text question (never an early answer there).
        if (ask is not null && freeText is not null && OtherSlotCorrection(turn, ask, text, context, givenOnly: true, restated: true) is { } changed) return [changed];
        if (ask is not null && freeText is not null && NamedCorrection(turn, ask, text, lexicon, context) is { } named) return [named];
        if (ask is not null && freeText is not null && EarlyPeopleCount(turn, ask, text, lexicon, context) is { } party) return [party];

        // "change the quantity to 3", "can I change the size?", "actually make it 3" at a later question: the user goes
        // back to a slot given earlier in this flow, also at a free-text question (the frame says it is no answer).
        if (ask is not null && !turn.AwaitsYesNo && SlotChange(turn, ask, freeText is null ? asked : null, text, lexicon, context) is { } slotChange) return [slotChange];

        if (turn.AwaitsYesNo)
        {
            // "nein" in an English conversation with a bot that speaks German too: a yes or no of any of its languages.
            if ((lexicon.YesNo(text) ?? turn.Bot.Settings.Languages.Where(l => l != turn.Language).Select(l => Lexicon.For(l).YesNo(text)).FirstOrDefault(v => v is not null)) is { } yes)
            {
                return [yes ? new AffirmCommand() : new DenyCommand()];
            }
            // "nothing, it's fine" at "What would you like to change?": like a plain yes, the confirmation again.
            if (turn.AwaitsChange && lexicon.NothingToChange(text)) return [new AffirmCommand()];
            // "the second one" at a confirmation's Yes and No buttons (not the author's own buttons, which a click names).
            if (!turn.AwaitsChange && lexicon.Ordinal(text) is { } place and (1 or 2 or -1)
                && (turn.State.Pending is not null || (turn.CurrentStep is ConfirmStep shown && ReplyRenderer.ButtonsOf(turn, shown.Response.Name).Count == 0)))
            {
                return [place == 1 ? new AffirmCommand() : new DenyCommand()];
            }
            if (turn.State.Pending is null && turn.CurrentStep is ConfirmStep confirm)
            {
                if (Correction(turn, confirm, text, lexicon, context) is { } correction) return correction;
                if (ChangeRequest(turn, confirm, text, lexicon) is { } change) return [change];
            }
        }
        else if (ask is not null && asked is not null && freeText is null)
        {
            // "in the evening" after "friday at 8" (time_ambiguous): that hour in that half of the day, read again.
            var answer = turn.Top?.PendingHour is { } hour ? SlotValueParser.InHalfOfDay(asked, hour, text, context) : null;
            // "at 3pm" after "Thursday" (time_missing), "8pm" after "friday at 8" (time_ambiguous), "at 7" then "in the
            // evening" after "Wednesday": on the day the user gave.
            // "friday evening" for the day, then "8" for the time: 20:00.
            if (turn.Top?.PendingDay is { } day && SlotValueParser.ReadKeptDay(day) is var (pendingDay, dayPart)
                && (asked.Kind == "datetime" || (asked.Kind == "time" && dayPart is not null))
                && SlotValueParser.OnDayAt(asked, pendingDay, answer ?? text, context, dayPart) is { } onDay)
            {
                if (asked.Kind == "datetime") turn.TimeOnKeptDay = (ask.Slot.Name, day);
                return [new SetSlotCommand(ask.Slot.Name, onDay)];
            }
            if (answer is not null)
            {
                return [new SetSlotCommand(ask.Slot.Name, SlotValueParser.TryParse(asked, answer, context, out var inHalf, out var halfProblem) || SlotValueParser.IsOutOfRange(halfProblem) ? inHalf : answer)];
            }
            // "from Dec 18 to Dec 20" at the arrival (or the departure), or later as a change of both: the flow's period.
            if (PeriodNamed(turn, turn.TopFlow, text, onlyAsked: ask.Slot.Name) is { } period) return period;
            var reading = SlotRules.Reading(turn, ask.Slot.Name, context);
            var ok = SlotValueParser.TryParse(asked, text, reading, out var value, out var problem)
                || (InOtherLanguage(turn, asked, text) is { } other && SlotValueParser.TryParse(asked, text, SlotRules.Reading(turn, ask.Slot.Name, other), out value, out problem))
                || (asked.Kind == "enum" && EnumInOtherLanguage(turn, ask.Slot.Name, asked, text, out value));
            // A clear answer outside the type's min/max goes to the engine too, which then names the range it accepts.
            if (ok || SlotValueParser.IsOutOfRange(problem)) return [new SetSlotCommand(ask.Slot.Name, value)];
            // "at 8": the engine asks morning or evening instead of a generic reprompt; "between central and north" which
            // of the two. Not a question that names choices ("is central or north closer?").
            if (problem is SlotValueParser.AmbiguousHour or SlotValueParser.TimeMissing or SlotValueParser.SeveralAmounts
                || (problem is SlotValueParser.SeveralChoices && !lexicon.IsQuestion(text)))
            {
                return [new SetSlotCommand(ask.Slot.Name, text)];
            }
            // "anything but the harbour" where one other choice is left: that one.
            if (asked.Kind == "enum" && !lexicon.IsQuestion(text) && SlotValueParser.ChoicesLeft(asked, text, lexicon) is [var left])
            {
                turn.Trace.Events.Add("choice_left:" + ask.Slot.Name);
                return [new SetSlotCommand(ask.Slot.Name, left)];
            }
            // "the first", "die zweite" that neither this question's buttons nor the amounts it named take (those were read
            // above): no answer, the step asks again. Never an earlier slot's value ("the first" at the amount was the 1st
            // as the incident date, or the first kind of claim).
            if (lexicon.Ordinal(text) is not null) return [new SetSlotCommand(ask.Slot.Name, text)];
            if (YesWithValue(turn, ask, asked, text, lexicon, context) is { } yesWith) return yesWith;
            if (OtherSlotCorrection(turn, ask, text, context, restated: true) is { } correction) return [correction];
            if (NamedTextAnswer(turn, ask, text, lexicon) is { } namedText) return [namedText];
            if (NumberCorrection(turn, ask, asked, text, lexicon, context) is { } number) return [number];
            if (OpenedCorrection(turn, ask, asked, text, lexicon, context) is { } opened) return [opened];
            // "the departure is Dec 22" at the number of guests: a day for the date slot it names (two named: either).
            var dates = NamedDates(turn, ask, asked, text, lexicon, context);
            if (dates is [var date]) return [date];
            if (dates.Count == 0 && TwoAtOnce(turn, ask, asked, text, context) is { } both) return both;
            // "wir sind 3", "für 7 Personen" at a count: the one number of a short answer that is no question is the
            // answer, also outside the range (the engine names the range, as for a bare "7").
            if (dates.Count == 0 && CountAnswer(turn, ask, asked, text, lexicon, context) is { } count) return [count];
            // "my order number is ab 12345", "it's me@example.com": a pattern or e-mail value inside a sentence is the
            // answer; nothing else in a message looks like one.
            if (asked.Kind is "regex" or "email" && SlotValueParser.Extract(asked, text, context) is { } inside) return [new SetSlotCommand(ask.Slot.Name, inside)];
            if (EarlyPeopleCount(turn, ask, text, lexicon, context) is { } partyOf) return [partyOf];
        }

        // A bare yes or no answers no open question ("What is wrong with your bike?" -> "yes"): passed on as what it is,
        // which the question cannot take. Names that contain such a word ("Yes Man") are not bare.
        // At an optional question of any kind a bare no declines it ("no thanks" at the optional e-mail was "That does not
        // look like an e-mail address"); CommandApplier leaves the question out.
        if ((freeText is not null || ask is { Optional: true }) && lexicon.YesNo(text) is { } bare) return [bare ? new AffirmCommand() : new DenyCommand()];
        // "skip", "n/a", "keine Angabe", "weiß nicht" at a free-text question: no answer; the engine says so
        // (answer_required) and asks again, instead of filing "n/a" as the description. At an optional question of any
        // kind the same words skip it (the engine leaves the slot empty and goes on).
        if ((freeText is not null || ask is { Optional: true }) && ask is not null && lexicon.IsNoAnswer(text)) return [new CannotHandleCommand()];

        // With nothing running, an author's example beats the built-in words: "cancel my order" is the example of a
        // shop's order cancellation, not a cancel with nothing to cancel. While a flow runs, "cancel" cancels it.
        var scope = InterruptionScope.For(turn);
        var others = OtherFlows(turn, scope);
        var normalized = UtteranceText.Normalize(text);
        var exact = others.Where(f => IsExample(turn, f, normalized)).ToList();
        // "Hi, I would like to place an order": an example inside a greeting and a request opener (the embedded model
        // hesitated between ordering and the order check). Only at the top level, where it starts that flow.
        if (exact.Count == 0 && turn.State.Stack.Count == 0 && turn.State.Pending is null && ExampleCore(lexicon, text) is { } core && core != normalized)
        {
            exact = [.. others.Where(f => Examples(turn, f).Any(e => ExampleCore(lexicon, e) == core))];
        }
        if (exact.Count == 1 && turn.State.Stack.Count == 0) return [.. WithNamedValues(turn, [new StartFlowCommand(exact[0].Id)], text)];

        // An explicit command. A free-text answer is one only as a whole message, and small talk does not interrupt it.
        // With nothing running there is nothing to cancel: "I want to cancel my order" may ask for a flow of the bot, so
        // the recognizer reads it (a cancel there was refused as "not understood" whatever the bot could do).
        var command = lexicon.Command(text, wholeUtteranceOnly: freeText is not null) ?? AuthorsCommand(turn, lexicon, text);
        // "hilfe", "hallo" on an English channel of a bot that speaks German too: a command of another of the bot's
        // languages as the whole message (one word never switches the conversation's language, so it was not understood).
        if (command is null && freeText is null)
        {
            command = turn.Bot.Settings.Languages.Select(LanguageDetector.Primary).Distinct(StringComparer.Ordinal)
                .Where(l => l != LanguageDetector.Primary(turn.Language))
                .Select(l => Lexicon.For(l).Command(text, wholeUtteranceOnly: true)).FirstOrDefault(k => k is not null);
        }
        if (command == CommandKind.Cancel && CancelWords(turn, text) is not null) command = null;
        // "cancel my booking W40211" while booking a new one: the job number is no value the booking asks for but one
        // of the flow that cancels bookings, so that one is meant (the garage trial stopped the new booking instead).
        if (turn.TopFlow is { } stopped && (command == CommandKind.Cancel || (lexicon.CancelTarget(text) is { } said && NamesFlow(turn, stopped, said)))
            && PatternOfAnotherFlow(turn, stopped, others, text) is { } meant)
        {
            turn.Trace.Events.Add("cancel_names_other:" + meant.Id);
            return [.. WithNamedValues(turn, [new StartFlowCommand(meant.Id)], text)];
        }
        if (command is { } kind && kind != CommandKind.Chitchat) return [Command.Create(kind)];
        // "nicht abbrechen" at the day question: no cancel, and no flow that cancels appointments either (the lexical
        // recognizer started it); the question is asked again.
        if (command is null && freeText is null && turn.TopFlow is not null && lexicon.KeepGoing(text))
        {
            turn.Trace.Events.Add("keep_going");
            return [new CannotHandleCommand()];
        }

        // "cancel my appointment" in the booking, "stop the report", "meine Bestellung abbrechen": a cancel that names
        // the running flow (conv13's trial: a failed answer, or the question flow's answer about cancelling).
        if (turn.TopFlow is { } top && lexicon.CancelTarget(text) is { } target && NamesFlow(turn, top, target)) return [new CancelCommand()];

        // An author's example beats built-in small talk ("hi" may start the bench bot's only flow).
        if (exact.Count == 1) return [.. WithNamedValues(turn, [new StartFlowCommand(exact[0].Id)], text)];
        // "claim", "card", "Bestellung": one or two words that are all words of the examples of two or three flows (file a
        // claim and its status) ask which one is meant; the nearest flow was a guess.
        if (command is null && turn.State.Stack.Count == 0 && turn.State.Pending is null && buttonValue is null && SharedTopic(turn, others, lexicon, text) is { } topic)
        {
            turn.Trace.Events.Add("shared_topic:" + string.Join(',', topic));
            return [new ClarifyCommand(topic)];
        }
        // An example of a flow that is already running ("I want to book a repair" while booking one): not a wrong
        // answer; the engine says so and asks again. Not at a free-text question, where every message is the answer.
        if (freeText is null && exact.Count == 0 && RunningFlows(turn, scope).FirstOrDefault(f => IsExample(turn, f, normalized)) is { } running)
        {
            return [.. WithNamedValues(turn, [new StartFlowCommand(running.Id)], text)];
        }
        // "cancle", "abbrechn": one typo in a one-word command, when the word is no author's example either; never where
        // the words are the answer (a name may be "Cancle").
        if (freeText is null && command is null && lexicon.MisspeltCommand(text) is { } misspelt) return [Command.Create(misspelt)];
        if (command == CommandKind.Chitchat && freeText is null) return [new ChitchatCommand()];
        // "ok", "yes", "no thanks" when nothing was asked (after a flow ended): small talk, never a request for a flow
        // (the embedded model once started the problem report for "ok").
        if (turn.State.Stack.Count == 0 && turn.State.Pending is null && lexicon.YesNo(text) is not null) return [new ChitchatCommand()];

        if (freeText is not null && !MayBeDigression(turn, text, others)) return [FreeTextAnswer(turn, freeText, text)];
        return null;
    }

    /// <summary>
    /// The command whose phrase the author added under <c>patterns</c> ("talk to a pharmacist" under
    /// <c>handoff.examples</c>) is the whole message in the turn's language, requests and politeness around both peeled
    /// alike ("I want to talk to a pharmacist, please"). Null when none is.
    /// </summary>
    private static CommandKind? AuthorsCommand(TurnContext turn, Lexicon lexicon, string text)
    {
        if (turn.Bot.Definition.Patterns.Examples.Count == 0) return null;
        return turn.Bot.CommandPhrases(turn.Language).TryGetValue(lexicon.Peel(lexicon.Unframed(text)), out var pattern) ? InterruptionScope.Pattern(pattern) : null;
    }

    /// <summary>
    /// Step 2 after the recognizer: the start of another routable flow when the recognizer is confident enough
    /// (with the values it found for that flow), else the user's words as the answer. A recognizer that reports no
    /// scores (an LLM) is taken at its word: it chose the flow over the answer.
    /// </summary>
    private static List<Command> AnswerOrDigression(TurnContext turn, SlotInfo slot, string text, UnderstandingResult result)
    {
        var settings = turn.Bot.Settings.Understanding;
        var scope = InterruptionScope.For(turn);
        foreach (var start in result.Commands.OfType<StartFlowCommand>())
        {
            if (!turn.Bot.Flows.TryGetValue(start.Flow, out var flow) || !flow.Definition.Routable || !scope.AllowsFlow(start.Flow)) continue;
            if (turn.State.Stack.Any(f => f.Flow == start.Flow)) continue;
            if (result.Scores.Count > 0 && !Confident(result, start.Flow, settings)) continue;
            if (result.Scores.Count > 0 && StatementForKnowledge(turn, flow, text))
            {
                turn.Trace.Events.Add("statement_kept:" + start.Flow);
                continue;
            }
            turn.Trace.Events.Add("digression:" + start.Flow);
            return [start, .. result.Commands.OfType<SetSlotCommand>().Where(s => flow.Definition.Slots.ContainsKey(s.Slot))];
        }
        // "and why would you want to know my name?", "honestly no clue what to put here": a model that reads the whole
        // message as a question about this question (or as no answer to it) and gives no value for it is taken at its
        // word, as the exact phrases are on the fast path (AsAsked says what each gets here). Plain help is no such
        // reading: "Help Desk GmbH" stays the answer.
        if (result.Commands.OfType<HelpCommand>().FirstOrDefault(h => h.About is not null) is { } about
            && !result.Commands.OfType<SetSlotCommand>().Any(s => s.Slot == slot.Name))
        {
            return [about];
        }
        return RequestBeside(turn, slot, text, scope) ?? [FreeTextAnswer(turn, slot, text)];
    }

    /// <summary>
    /// An answer with a request beside it: "Outlook crashes when I open attachments, also can you check INC123456?" at
    /// the description. A clause that asks (a question or a request: "can you check INC123456?") and holds a pattern
    /// value only one other routable flow asks for is that flow's request, and runs first with the value, like a
    /// digression; the rest of the message is the answer, kept for when the user is back. Null when no clause does so,
    /// when nothing else is left to answer with, or when that flow has a slot of the answer's name.
    /// </summary>
    private static List<Command>? RequestBeside(TurnContext turn, SlotInfo slot, string text, InterruptionScope scope)
    {
        var lexicon = Lexicon.For(turn.Language);
        var clauses = ClauseSplit().Split(text).Where(c => c.Trim(ClauseEnd).Trim().Length > 0).ToList();
        if (clauses.Count < 2) return null;
        var found = new List<(int Clause, string Flow, string Slot, string Value)>();
        foreach (var flow in OtherFlows(turn, scope).Where(f => !f.Definition.Slots.ContainsKey(slot.Name)))
        {
            foreach (var pattern in flow.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language)).Where(s => s.Kind == "regex" && FlowRunner.FillingStep(flow, s.Name) is not null))
            {
                for (var i = 0; i < clauses.Count; i++)
                {
                    if (SlotValueParser.Extract(pattern, clauses[i], turn.UserParse) is { } value) found.Add((i, flow.Id, pattern.Name, value));
                }
            }
        }
        if (found is not [var request]) return null;
        var asking = clauses[request.Clause].Trim(ClauseEnd).Trim();
        if (!clauses[request.Clause].TrimEnd().EndsWith('?') && !lexicon.IsRequest(asking) && !lexicon.IsQuestion(asking)) return null;
        var rest = string.Concat(clauses.Where((_, i) => i != request.Clause)).Trim(ClauseEnd).Trim();
        var answer = lexicon.Unframed(rest);
        if (answer.Length == 0 || !SlotValueParser.TryParse(slot, answer, turn.UserParse, out var kept, out _)) return null;
        turn.Trace.Events.Add("request_beside:" + request.Flow);
        return [new StartFlowCommand(request.Flow), new SetSlotCommand(request.Slot, request.Value), FreeTextAnswer(turn, slot, kept)];
    }

    private static readonly char[] ClauseEnd = [',', ';', '.', '!', '?', ' '];

    // Between clauses, each keeping the punctuation that ends it: "Outlook crashes when I open attachments," / " also can
    // you check INC123456?"; a dot only before a space ("v1.2" is one word).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[,;!?])|(?<=\.)(?=\s)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ClauseSplit();

    /// <summary>
    /// The user's words as the answer to a free-text question, without a frame that only names it ("my name is Ann"); a
    /// thing inside a value frame ends where a value for another of the flow's questions begins ("do you have ibuprofen
    /// at the station?" at the medicine: "ibuprofen").
    /// </summary>
    private static SetSlotCommand FreeTextAnswer(TurnContext turn, SlotInfo slot, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        var answer = lexicon.AnswerOf(text, slot.Name);
        if (answer != text && turn.TopFlow is { } flow && lexicon.FramedValue(text) == answer
            && BeforeOtherValues(turn, flow, [.. flow.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language))], answer) is { Length: > 0 } own)
        {
            answer = own;
        }
        return new(slot.Name, answer);
    }

    // "ibuprofen at the station": a thing named in a frame ends where another of the flow's answers begins, without the
    // words that lead to it. Only the questions the flow asks count (a number only a service fills is part of the name:
    // "ibuprofen 400").
    private static string BeforeOtherValues(TurnContext turn, Runtime.CompiledFlow flow, IReadOnlyList<SlotInfo> slots, string framed)
    {
        var lexicon = Lexicon.For(turn.Language);
        bool OtherValue(string words) => slots.Any(s => s.Kind != "text" && FlowRunner.FillingStep(flow, s.Name) is AskStep && SlotValueParser.Extract(s, words, turn.UserParse) is not null);
        var typed = framed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var length = typed.Length;
        while (length > 0 && OtherValue(string.Join(' ', typed[..length]))) length--;
        while (length > 0 && lexicon.StopWords.Contains(UtteranceText.Normalize(typed[length - 1]))) length--;
        return string.Join(' ', typed[..length]);
    }

    /// <summary>The flow's score reaches the threshold and leads the best other flow by the margin.</summary>
    internal static bool Confident(UnderstandingResult result, string flow, UnderstandingSettings settings)
    {
        var score = result.FlowScore(flow);
        if (score is not { } s || s < settings.DigressionThreshold) return false;
        var runnerUp = result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is { } other && other != flow).Select(p => p.Value).DefaultIfEmpty(0).Max();
        return s - runnerUp >= settings.DigressionMargin;
    }

    /// <summary>The text slot the bot waits for, or null.</summary>
    private static SlotInfo? FreeTextSlot(TurnContext turn) =>
        turn.State.Pending is null && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: "text" } slot ? slot : null;

    /// <summary>Routable flows the user could start here: not active, allowed by the step's interruptions.</summary>
    private static List<Runtime.CompiledFlow> OtherFlows(TurnContext turn, InterruptionScope scope) =>
        [.. turn.Bot.Flows.Values.Where(f => f.Definition.Routable && scope.AllowsFlow(f.Id) && turn.State.Stack.All(s => s.Flow != f.Id))];

    /// <summary>Routable flows on the stack that the step would let the user ask for (innermost first).</summary>
    private static IEnumerable<Runtime.CompiledFlow> RunningFlows(TurnContext turn, InterruptionScope scope) =>
        turn.State.Stack.AsEnumerable().Reverse().Select(f => turn.Bot.Flows.GetValueOrDefault(f.Flow)).OfType<Runtime.CompiledFlow>()
            .Where(f => f.Definition.Routable && scope.AllowsFlow(f.Id));

    /// <summary>
    /// A message of one or two words, none a function word, that are all words of the examples of two or three of the
    /// flows (in the turn's language): those flows. Null otherwise.
    /// </summary>
    private static List<string>? SharedTopic(TurnContext turn, List<Runtime.CompiledFlow> flows, Lexicon lexicon, string text)
    {
        // The message as typed, not peeled: "I'd like to order" asks for one thing (an order), not about orders.
        var words = UtteranceText.Tokens(text);
        if (words.Length is < 1 or > 2 || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > 2 || words.Any(Lexicon.IsStopWord) || lexicon.YesNo(text) is not null) return null;
        var sharing = flows.Where(f => ExampleVocabulary(turn, f).ToHashSet(StringComparer.Ordinal) is var said && words.All(said.Contains))
            .Select(f => f.Id).ToList();
        return sharing.Count is >= 2 and <= 3 ? sharing : null;
    }

    /// <summary>
    /// For a cancel phrase: the one other flow that may start here whose examples use its cancel word and whose asked
    /// pattern slot takes a value the message names, when no asked pattern slot of the running flow does ("W40211" of
    /// the booking cancellation, not of the new booking nor of the repair status); null otherwise.
    /// </summary>
    private static Runtime.CompiledFlow? PatternOfAnotherFlow(TurnContext turn, Runtime.CompiledFlow running, IEnumerable<Runtime.CompiledFlow> others, string text)
    {
        bool Takes(Runtime.CompiledFlow flow) => flow.Steps.OfType<AskStep>()
            .Select(a => turn.Bot.FindSlot(flow.Id, a.Slot.Name)).OfType<SlotDefinition>()
            .Select(d => turn.Bot.SlotInfo(d, turn.Language))
            .Any(s => SlotValueParser.PatternWords(s, text, turn.UserParse) is not null);
        var lexicon = Lexicon.For(turn.Language);
        var verbs = UtteranceText.Tokens(text).Where(w => lexicon.IsCancelVerb(w) || lexicon.Command(w) == CommandKind.Cancel).ToHashSet(StringComparer.Ordinal);
        if (verbs.Count == 0 || Takes(running)) return null;
        return others.Where(f => f.Id != running.Id && f.Definition.Routable && ExampleVocabulary(turn, f).Any(verbs.Contains)).Where(Takes).ToList() is [var only] ? only : null;
    }

    private static IReadOnlyList<string> Examples(TurnContext turn, Runtime.CompiledFlow flow) =>
        flow.Definition.Examples?.Variants.GetValueOrDefault(turn.Language) ?? [];

    // The words of a flow's examples in the turn's language, split once per flow and language (CompiledFlow.ExampleWords),
    // not again on every turn that compares a message's words with them.
    private static IEnumerable<string> ExampleVocabulary(TurnContext turn, Runtime.CompiledFlow flow) =>
        flow.ExampleWords(turn.Language).SelectMany(static words => words);

    /// <summary>
    /// With nothing running and nothing asked, the cancel words of a cancel phrase ("cancel", "stornieren" in "Bestellung
    /// stornieren") or of a request with a cancelling verb ("cancel" in "please cancel the laptop I ordered"): only a
    /// flow about cancelling may be meant. Null for any other message.
    /// </summary>
    private static HashSet<string>? CancelWords(TurnContext turn, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null) return null;
        // A cancel phrase ("cancel my order"), or a verb that means cancelling inside any request ("please cancel the
        // laptop I ordered": not the laptop order its value names).
        var phrase = lexicon.Command(text) == CommandKind.Cancel;
        var words = UtteranceText.Tokens(text).Where(w => phrase ? lexicon.Command(w) == CommandKind.Cancel : lexicon.IsCancelVerb(w)).ToHashSet(StringComparer.Ordinal);
        return words.Count > 0 ? words : null;
    }

    /// <summary>
    /// What a request asks for without the greeting, politeness and request opener around it ("Hi, I would like to place
    /// an order" and "I want to place an order" -> "place an order"), normalised; null when fewer than two words are left.
    /// </summary>
    private static string? ExampleCore(Lexicon lexicon, string text) =>
        lexicon.Peel(lexicon.Unframed(text)) is var core && core.Contains(' ', StringComparison.Ordinal) ? core : null;

    /// <summary>True when the normalised message is one of the flow's examples in the turn's language.</summary>
    private static bool IsExample(TurnContext turn, Runtime.CompiledFlow flow, string normalized) =>
        Examples(turn, flow).Any(e => UtteranceText.Normalize(e) == normalized);

    /// <summary>
    /// Could this answer to a free-text question be a request for another flow? Not when no other flow can start here,
    /// nor when it is short and shares no word (or word stem) of four letters or more with any other flow's examples,
    /// nor when it is short and written as a name or title ("The Card Counter" at "Which book?": the word "card" of the
    /// lost-card flow's examples made the embedded model report a lost card; <see cref="Lexicon.ReadsAsTitle"/>).
    /// </summary>
    private static bool MayBeDigression(TurnContext turn, string text, List<Runtime.CompiledFlow> others)
    {
        if (others.Count == 0) return false;
        var words = UtteranceText.Tokens(text);
        if (words.Length > ShortAnswerWords) return true;
        if (Lexicon.For(turn.Language).ReadsAsTitle(text)) return false;
        var vocabulary = others.SelectMany(f => ExampleVocabulary(turn, f)).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);
        return words.Where(w => w.Length >= 4).Any(w => vocabulary.Any(v => SameStem(w, v)));
    }

    // "order" ~ "orders" ~ "ordering"; "bestellung" ~ "bestellen".
    private static bool SameStem(string a, string b)
    {
        if (a == b) return true;
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common]) common++;
        return common >= 5 || (common >= 4 && (common == a.Length || common == b.Length));
    }

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
