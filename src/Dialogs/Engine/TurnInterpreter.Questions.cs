using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>Questions: which go to the knowledge, which to a policy answer, and follow-ups of what was just answered or told.</summary>
internal sealed partial class TurnInterpreter
{
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
    /// At the top level, "do you ship to Austria?", "how long does shipping take?": a question about the business in
    /// general that a local recognizer started a flow for (embedded 0.36 and 0.43 the order check, its example "has my
    /// order shipped" sharing "ship"), where that flow opens by asking for the user's own reference (a pattern slot: the
    /// order number; "liefern Sie auch samstags?" started the parcel's address change, which first calls the parcel
    /// search) — it looks up one of the user's cases — and the question points at no case
    /// (<see cref="Lexicon.PointsAtCase"/>: "is my order on its way?", "has the order shipped?" are that flow's
    /// request), names no value of the flow and asks for no action. The flow would ask for a number the question has no
    /// use for; the question is read as placed nowhere: a bot that answers from its knowledge answers it from a passage
    /// with every word of it (<see cref="UnplacedQuestion"/>), another says it did not understand, as the lexical
    /// recognizer does. Trace <c>not_a_case:flow</c>. Null otherwise; a model (no scores) reads questions itself.
    /// A question whether the business does something is no request for the flow ("can you pick up bikes?" started the
    /// repair status for its example "when can I pick up my bike": the user's own bike, fetched by the user).
    /// The same for a flow that hands the user to a person (an emergency line) when the question shares at most one
    /// word with its examples: "do you sell dog toys?" went to the vet's emergency handoff (lexical 0.221 against
    /// out_of_scope 0.192) for the "dog" of "my dog ate chocolate" — one word the booking's examples use too.
    /// </summary>
    private static Command? NotACase(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || result.Scores.Count == 0 || commands is not [StartFlowCommand start]
            || result.Commands is not [StartFlowCommand recognized] || recognized.Flow != start.Flow || !turn.Bot.Flows.TryGetValue(start.Flow, out var started)
            || !(AsksForReferenceFirst(turn, started, 0) || (HandsOff(started) && SharedWords(turn, started, text) <= 1))
            || !lexicon.IsQuestion(text) || (lexicon.IsRequest(text) && lexicon.AsksCapability(text) is null) || lexicon.IsFollowUp(text) || lexicon.PointsAtCase(text)
            || NamedCount(turn, started.Id, text) > 0) return null;
        turn.Trace.Events.Add("not_a_case:" + started.Id);
        // "can you pick up bikes?": answered as such a question is where no flow looks up a case.
        // Without a flow that answers from the knowledge FromStatingSection keeps the recognizer's flow, which here is the
        // case lookup the question is not about ("do you ship to Austria?" would ask for an order number).
        if (lexicon.AsksCapability(text) is var (verb, asked) && FromStatingSection(turn, text, verb, asked, capability: true) is { } answered) return answered;
        return (Command?)UnplacedQuestion(turn, text) ?? new CannotHandleCommand();
    }

    // The flow hands the conversation to a person at its top level (the vet's emergency: advice, then the nurse).
    private static bool HandsOff(Runtime.CompiledFlow flow) => flow.Steps.Any(s => s is HandoffStep);

    // How many of the text's words that are no function word (three letters or more) are words (or word stems) of the flow's examples.
    private static int SharedWords(TurnContext turn, Runtime.CompiledFlow flow, string text) =>
        WordsOutside(ExampleVocabulary(turn, flow), text) is var (words, outside) ? words - outside : 0;

    // The flow's first question asks for a pattern value (an order, ticket or parcel number), also through a sub-flow it
    // calls first (the parcel's address change finds the parcel by its number before anything else).
    private static bool AsksForReferenceFirst(TurnContext turn, Runtime.CompiledFlow flow, int depth) => flow.Steps.FirstOrDefault() switch
    {
        AskStep ask => turn.Bot.FindSlot(flow.Id, ask.Slot.Name) is { } slot && turn.Bot.SlotInfo(slot, turn.Language).Kind == "regex",
        CallStep call => depth < 3 && turn.Bot.Flows.TryGetValue(call.Flow.Name, out var called) && AsksForReferenceFirst(turn, called, depth + 1),
        _ => false,
    };

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
            || !Lexicon.For(turn.Language).IsQuestion(text) || NamedCount(turn, start.Flow, text) > 0 || FramesFirstAnswer(turn, started, text)) return null;
        if (KnowledgeFlow(turn) is not { } answers) return null;
        var words = WordsOutside(ExampleVocabulary(turn, started), text).Words;
        var shared = SharedWords(turn, started, text);
        // "do you have a swimming pool?", "is there a gym?": the embedded model put a question about the hotel with the
        // room booking (0.409, 0.304), with no word of its examples. Nothing placed it, so it is answered as an unplaced
        // question is, from a passage with every word of it, else with the flow's if_no_answer.
        if (words > 0 && shared == 0)
        {
            turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
            turn.Unplaced = true;
            return new StartFlowCommand(answers.Id);
        }
        if (words < 2 || shared > 1 || !OnePassageHasEveryWord(turn, text)) return null;
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
    /// the passage says, not for the action — or unless it asks about the thing in general, with a word the flow's
    /// examples do not have and nothing of the user's, and one passage has every word of it ("what is the standard daily
    /// limit?" started the limit change at 0.47 for "daily limit": the passage states the standard one; "how do I change
    /// my limit" and "what is my limit" keep the flow). Trace <c>knowledge_question:flow</c>. Null
    /// otherwise, also for a recognizer without scores (a model reads questions itself).
    /// </summary>
    private async Task<StartFlowCommand?> AnswerableQuestionAsync(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result, CancellationToken cancellationToken)
    {
        var fact = Lexicon.AskedFactOf(text) is not null;
        var chosen = commands switch
        {
            [StartFlowCommand start] => start.Flow,
            // "was brauche ich für den Führerscheinumtausch": the keyword recognizer started the booking with the service it
            // names; in a question for a fact the value is what the fact is asked of.
            [StartFlowCommand start, ..] when fact && commands.Skip(1).All(c => c is SetSlotCommand) => start.Flow,
            // The keyword recognizer asked "questions about the hotel, or a late checkout?" for "until when can I check
            // out?": a question for a fact is the questions' flow, when a passage states it clearly.
            [ClarifyCommand { Flows: [var one, var other] }] when fact && KnowledgeFlow(turn) is { } k && (one == k.Id || other == k.Id) => one == k.Id ? other : one,
            _ => null,
        };
        if (turn.State.Stack.Count > 0 || result.Scores.Count == 0 || chosen is null
            || !turn.Bot.Flows.TryGetValue(chosen, out var started) || started.OpensWithAnswer
            || (Confident(result, chosen, turn.Bot.Settings.Understanding) && !fact && !AboutThingInGeneral(turn, started, text))
            || await ClearlyAnsweredAsync(turn, text, cancellationToken) is not { } answers) return null;
        turn.Trace.Events.Add("knowledge_question:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At the top level, "when is the next paper collection": a question for a fact (a day, a price, a time) that a local
    /// recognizer put with an action flow (lexical 0.35 the missed collection, for "collection", 0.33 the bulky pickup),
    /// however sure, where no example of that flow asks for such a fact and the question says nothing of the user's own
    /// ("my", "I") nor points at a case of theirs ("it"; an article alone points at none: "the next collection" is
    /// anyone's), asks what the business tells, not for the flow's action: the flow that
    /// answers from the knowledge says it has no answer ("please call us") when no passage answers it — the flow would
    /// have asked in which street the bin is. A flow whose examples ask for the fact ("when is my bin collected") keeps it, as does
    /// "when will my parcel arrive" (the user's own). Trace <c>fact_to_knowledge:flow</c>. Null otherwise, also for a
    /// recognizer without scores (a model reads questions itself).
    /// </summary>
    private async Task<StartFlowCommand?> FactNoFlowAsksAsync(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result, CancellationToken cancellationToken)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || result.Scores.Count == 0 || commands is not [StartFlowCommand start, ..]
            || !commands.Skip(1).All(c => c is SetSlotCommand) || !turn.Bot.Flows.TryGetValue(start.Flow, out var started) || started.OpensWithAnswer
            || !lexicon.IsQuestion(text) || lexicon.IsRequest(text) || lexicon.IsFollowUp(text)
            || Lexicon.AskedFactOf(text) is not { } asked || UtteranceText.Tokens(text) is not { } words
            || words.Any(w => lexicon.IsPossessive(w) || lexicon.IsStorySubject(w)) || lexicon.PointsAtCase(string.Join(' ', words.Where(w => !lexicon.IsArticle(w))))
            || started.ExampleWords(turn.Language).Any(e => Lexicon.AskedFactOf(string.Join(' ', e))?.Kind == asked.Kind)
            || KnowledgeFlow(turn) is not { } answers) return null;
        // A passage that only reaches min_score is no answer to send instead of the flow ("how long does an appointment
        // usually take": the cancelling text's "24 hours before"); a clear one was sent already (AnswerableQuestionAsync).
        if (await AnsweredAsync(turn, text, cancellationToken, answers) is not null) return null;
        turn.Trace.Events.Add("fact_to_knowledge:" + answers.Id);
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
    /// The same for a question whether the business does something (<see cref="Lexicon.AsksCapability"/>: "do you sell dog
    /// toys?", "can you pick up bikes?", "verkauft ihr Hundespielzeug?") that the recognizer put with a flow that does no
    /// such thing: the lexical recognizer started the vet's emergency handoff for the "dog" its examples share, and the
    /// visit booking took "do you sell cat toys?" as the symptoms (a value it names, "cat", is asked about here, not
    /// chosen). Such a question several sections have every word of is
    /// answered from the best of them; without a flow that answers from the knowledge, the recognizer's flow stays. A request put so keeps its flow ("can you cancel my appointment?",
    /// "do you have a table tonight?": the lexicon reads no such question in them).
    /// </summary>
    private static Command? PolicyQuestion(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        var lexicon = Lexicon.For(turn.Language);
        var permission = lexicon.AsksPermission(text);
        var capability = permission is null ? lexicon.AsksCapability(text) : null;
        if (turn.State.Stack.Count > 0 || (permission ?? capability) is not var (verb, asked)) return null;
        // The keyword recognizer starts the flow with the values it read ("do you sell dog toys?": the booking, species
        // dog), or asks "your repair status or questions about the shop?" ("can you pick up bikes?"): the other flow is chosen.
        var started = commands switch
        {
            [StartFlowCommand start] => start.Flow,
            [StartFlowCommand start, ..] when capability is not null && commands.Skip(1).All(c => c is SetSlotCommand) => start.Flow,
            [ClarifyCommand { Flows: [var one, var other] }] when capability is not null && KnowledgeFlow(turn) is { } k && (one == k.Id || other == k.Id) => one == k.Id ? other : one,
            _ => null,
        };
        var chosen = started is not null && turn.Bot.Flows.TryGetValue(started, out var flow) ? flow : null;
        // "can we postpone our stay by a week?": a verb of the same everyday group as one of the flow's examples ("change
        // the dates of my stay"; postponing is a kind of change, WordConcepts) is its own verb too.
        var concept = WordConcepts.Of(UtteranceText.Fold(verb));
        bool Same(string v) => SameStem(verb, v) || (concept != 0 && (WordConcepts.Of(UtteranceText.Fold(v)) & concept) != 0);
        // "do you see rabbits?" asks what the practice does; "can my cat see the vet tomorrow" has the verb with another
        // doer, the pet right before it. Asked whether the business does something, only an example whose verb has no
        // such noun before it is the flow's own (the vet booking started for a question about the animals it treats).
        bool OtherDoer(string[] example, int at) => capability is not null && at > 0 && example[at - 1].Length >= 3 && !Lexicon.IsStopWord(example[at - 1]);
        var ownVerb = chosen is not null && chosen.ExampleWords(turn.Language).Any(e => e.Where((v, i) => Same(v) && !OtherDoer(e, i)).Any());
        if (capability is not null)
        {
            // A question the recognizer placed nowhere, or with the knowledge, is read as any other question there is.
            if (chosen is null || AnswersQuestions(chosen)) return null;
            // "do you have a table free?", "kannst du einen Termin buchen?": the flow's own thing, with its verb or one of
            // being given, is its request. "do you collect Christmas trees?" is not the bulky pickup's ("collect my old
            // fridge"), nor "do you sell cat toys?" the booking's, whose value "cat" is asked about, not chosen.
            // A flow that looks up the user's case by its number is never meant: the question points at none ("can you pick
            // up bikes?" is not the repair status of "when can I pick up my bike").
            // "do you have voltaren gel?", "do you sell nurofen", "habt ihr Nurofen?": the thing the stock check asks first,
            // by a name the bot has nowhere, is its request too, whatever verb asks for it.
            if ((((ownVerb || lexicon.AsksToBeGiven(verb)) && OnlyWordsOf(turn, chosen, asked)) || FramesFirstAnswer(turn, chosen, text))
                && !AsksForReferenceFirst(turn, chosen, 0)) return null;
        }
        // "can I get a later checkout tomorrow?": asked to be given what only the chosen flow's own words name, the user asks
        // for that flow's action (the knowledge's checkout times answered the lead's trial, late_checkout 0.716 embedded).
        // "could I leave the room a bit later on my last day?": the chosen flow's own examples ask leave too ("can I check
        // out later"), and the question asks it of a word only that flow's examples use ("later"): its request, not a rule
        // of the house (the knowledge had no section for "leave", and the late checkout was lost, both recognizers).
        else if ((chosen is not null && !AnswersQuestions(chosen) && ((lexicon.AsksToBeGiven(verb) && OnlyWordsOf(turn, chosen, asked)) || AsksAsItsExamples(turn, chosen, asked)))
            || (chosen is null ? !commands.All(c => c is CannotHandleCommand) : !AnswersQuestions(chosen) && (ownVerb || NamedCount(turn, chosen.Id, text) > 0))) return null;
        return FromStatingSection(turn, text, verb, asked, capability is not null);
    }

    /// <summary>
    /// True when an example of the flow asks leave as well ("can I check out later") about a word the asked part of a
    /// permission question has (<paramref name="asked"/>: "the room a bit later on my last day") and no other routable
    /// flow's examples use ("later"): the question asks for what the flow does, in the words its examples ask it with.
    /// </summary>
    private static bool AsksAsItsExamples(TurnContext turn, Runtime.CompiledFlow flow, string asked)
    {
        var lexicon = Lexicon.For(turn.Language);
        var words = UtteranceText.Tokens(asked).Where(w => w.Length >= 3 && !Lexicon.IsStopWord(w)).ToList();
        var others = turn.Bot.Flows.Values.Where(f => f.Id != flow.Id && f.Definition.Routable).SelectMany(f => ExampleVocabulary(turn, f)).ToHashSet(StringComparer.Ordinal);
        return flow.ExampleWords(turn.Language).Any(e => lexicon.AsksPermission(string.Join(' ', e)) is var (_, own)
            && UtteranceText.Tokens(own).Any(o => words.Any(w => SameStem(w, o)) && !others.Any(v => SameStem(o, v))));
    }

    /// <summary>
    /// The answer to a question whether the user may (<paramref name="capability"/> false) or the business does something,
    /// from the one section of the knowledge that has every word it is asked of (<see cref="PolicyQuestion"/>); the
    /// knowledge flow's if_no_answer when none has. A question whether the business does something needs a section that
    /// says the business does it, in the words "we" and its verb ("we repair e-bikes", "Hausbesuche machen wir"), unless
    /// the verb only says it has or offers the thing (<see cref="Lexicon.SaysItDoes"/>): "Payment is due when you pick up
    /// your bike" does not answer "can you pick up bikes?". Several such sections: the best of them, as for a question
    /// nothing placed. Null without a flow that answers from the knowledge.
    /// </summary>
    private static Command? FromStatingSection(TurnContext turn, string text, string verb, string asked, bool capability)
    {
        // Without a flow that answers from the knowledge the recognizer's flow is the best the bot has ("habt ihr am
        // Wochenende lange auf": the opening hours; "can you deliver to Main Street": the takeaway order).
        if (KnowledgeFlow(turn) is not { } answers || answers.Steps[0] is not AnswerStep step) return null;
        var knowledge = turn.Bot.Knowledge;
        var stating = knowledge.PassagesIn(LanguageDetector.Primary(turn.Language), turn.Bot.Settings.Languages)
            .Where(i => HasEveryWord(turn, asked, knowledge.SearchTexts[i]) && (!capability || Lexicon.For(turn.Language).SaysItDoes(verb, knowledge.SearchTexts[i]))).ToList();
        // "can I marry at the city office?", "can I smoke in the car?": the payment text has every word it is asked of, but
        // those only say where; the question is the act itself, which no text speaks of, and the rule is not the bot's to
        // state. An act with a thing ("can I buy toiletries if my bag is late") is asked of the thing, which a text names.
        if (!capability && stating.Count > 0 && UtteranceText.Tokens(asked).FirstOrDefault() is { } first
            && Lexicon.For(turn.Language).IsPlaceOrDirectionPreposition(first) && VerbUnsaid(turn, verb)) stating.Clear();
        // "can I bring my dog to a class?" that no section speaks of: the rule is not the bot's to state, and the booking
        // would answer a question the user did not ask; the flow that answers from the knowledge says it has no answer
        // (as for a question nothing placed, only a passage with every word of it would do).
        if (stating.Count == 0)
        {
            turn.Trace.Events.Add("policy_unanswered:" + answers.Id);
            turn.Unplaced = true;
            // Words a text shares ("pick", "bike" of "when you pick up your bike") say nothing of what the business does.
            if (capability) AnswerStepRunner.SettleUnanswered(turn, step, turn.UserText ?? text);
            return new StartFlowCommand(answers.Id);
        }
        if (stating.Select(i => (knowledge.Passages[i].File, knowledge.Passages[i].Heading)).Distinct().Count() != 1)
        {
            if (!capability) return null;
            turn.Trace.Events.Add("policy_question:" + answers.Id);
            turn.Unplaced = true;
            return new StartFlowCommand(answers.Id);
        }
        AnswerStepRunner.Settle(turn, step, turn.UserText ?? text, stating[0]);
        turn.Trace.Events.Add("policy_question:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At the top level, "what services do you offer?", "welche Leistungen bieten Sie an?": a help phrase that asks about
    /// the business, in a bot whose knowledge has a section in the turn's language headed by what it asks of (the
    /// fitness studio's "Our services"; "what do you offer?", "was bieten Sie an?" name it by another word for what a
    /// business offers, <see cref="Lexicon.IsOfferWord"/>), is answered from that section by the flow that answers from
    /// the knowledge, instead of the topics the built-in help lists. A passage that only mentions the word
    /// does not ("a full service 89 euros" in the bike shop's prices, which the keyword ranking put first). Trace
    /// <c>knowledge_question:flow</c>. Null otherwise ("help", "what can you do?": nothing asked of).
    /// </summary>
    private async Task<StartFlowCommand?> HelpFromKnowledgeAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || !lexicon.IsQuestion(text)
            || KnowledgeFlow(turn) is not { Steps: [AnswerStep step, ..] } answers) return null;
        var asked = UtteranceText.Tokens(text).Where(w => w.Length >= 4 && !Lexicon.IsStopWord(w)).ToList();
        if (asked.Count == 0) return null;
        var knowledge = turn.Bot.Knowledge;
        // The passages the answer step would send first, then the others in the turn's language: the embedded ranking
        // leaves out "Our services: we offer …" for "what do you offer?", whose heading names what is asked.
        var ranked = (await answerSteps.RankAsync(turn, step, text, cancellationToken)).Ranked
            .Concat(knowledge.PassagesIn(LanguageDetector.Primary(turn.Language), turn.Bot.Settings.Languages)).Distinct();
        // "what do you offer?", "was bieten Sie an?" name the section "Our services", "Unsere Leistungen" by another word for it.
        static bool Names(string word, string heading) => SameStem(word, heading) || (Lexicon.IsOfferWord(word) && Lexicon.IsOfferWord(heading));
        var headed = ranked.Where(i => knowledge.Passages[i].OwnHeadingWords.Any(h => asked.Any(w => Names(w, h)))).ToList();
        if (headed is not [var section, ..]) return null;
        AnswerStepRunner.Settle(turn, step, turn.UserText ?? text, section);
        turn.Trace.Events.Add("knowledge_question:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// At a free-text question, "how much is breakfast?", "was kostet das Frühstück?" (the hotel's requests, lexical and
    /// German: filed as the request): a question for a fact (a price, a time, a duration, a deadline, a contact; not a
    /// request, not a follow-up) that a passage of the bot's knowledge states clearly is answered as a digression, and the
    /// question comes again. Anything else stays the answer ("why does my chain keep slipping?" describes the problem).
    /// A passage that answers it without being clear (the lexical scale: "wait, how long does a transfer normally take?"
    /// at "Who sent it?", whose extra words no text has) is enough when the recognizer agrees, ranking that flow first
    /// with every other score, out of scope included, a digression's margin behind (0.41 against 0.25): the two readings
    /// together are as sure as a clear passage, where either alone is not (the question was filed as the sender).
    /// Only for a local recognizer (scores): a model reads questions itself. Trace <c>question_to_knowledge:flow</c>.
    /// </summary>
    private async Task<StartFlowCommand?> FactQuestionAsync(TurnContext turn, string text, UnderstandingResult result, CancellationToken cancellationToken)
    {
        if (turn.State.Pending is not null || Lexicon.AskedFactOf(text) is null
            || await AnsweredAsync(turn, text, cancellationToken) is not var (answers, clear)
            || turn.State.Stack.Any(f => f.Flow == answers.Id) || (!clear && !Ahead(result, answers.Id, turn.Bot.Settings.Understanding))) return null;
        turn.Trace.Events.Add("question_to_knowledge:" + answers.Id);
        return new StartFlowCommand(answers.Id);
    }

    /// <summary>
    /// True when the recognizer ranks <paramref name="flow"/> first with every other score, out of scope included, a
    /// digression's margin behind it, whatever its own height.
    /// </summary>
    private static bool Ahead(UnderstandingResult result, string flow, UnderstandingSettings settings) =>
        result.FlowScore(flow) is { } score && result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) != flow).All(p => score - p.Value >= settings.DigressionMargin);

    /// <summary>
    /// In the middle of a flow, at a question that is no free text or at a confirmation, "gibt es bei Ihnen Parkplätze?"
    /// at the departure day: a side question the recognizer could not place (or placed without a digression's
    /// confidence) that one passage of the bot's knowledge answers with every word of it, and that names no value of the
    /// running flow, is answered by the flow that answers from the knowledge, and the question comes again (the hotel
    /// trial: the German question, which the lexical recognizer put outside the bot, got "I can't help with that here"
    /// although the parking text answers it). A side question no passage answers whole stays <c>off_topic</c>. Trace
    /// <c>question_to_knowledge:flow</c>. Also when the recognizer put the question with the running flow itself ("what is
    /// the standard daily limit?" at the new limit: "We are already on it" answered nothing).
    /// </summary>
    private static StartFlowCommand? SideQuestion(TurnContext turn, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (turn.State.Stack.Count == 0 || turn.State.Pending is not null || turn.CurrentStep is not (AskStep or ConfirmStep) || FreeTextSlot(turn) is not null
            || turn.TopFlow is not { } running || lexicon.IsFollowUp(text)) return null;
        if (KnowledgeFlow(turn) is not { } answers) return null;
        // "what's the difference between them" at the tariff choice asks of the choices, question mark or not.
        var asked = AnswerStepRunner.OfRunning(turn, text)!;
        if (!lexicon.IsQuestion(text) && asked == text) return null;
        // "what is the price of a double?" while booking a room names the double to ask about it, not to choose it.
        if ((NamedCount(turn, running.Id, text) > 0 && Lexicon.AskedFactOf(text) is null) || !OnePassageHasEveryWord(turn, asked)) return null;
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

    /// <summary>
    /// At a question whose step has the author's help, "where do I find the reading on my meter?", "wie lese ich den
    /// Zähler ab?" at the reading: a question how or where (<see cref="Lexicon.AsksTheWay"/>; no fact asked) that names
    /// what the step asks for (<see cref="Names"/>, its label and question too: "Zähler" of the label "Zählerstand") and
    /// gives no value of it, asks how to answer this question: the step's help says it (as "where do I
    /// find it?" gets it), rather than a knowledge passage that shares a word ("Wir lesen die Zähler einmal im Jahr ab")
    /// or off_topic. Only instead of a digression or nothing: an answer, a cancel or a handoff stay. Null otherwise.
    /// </summary>
    private static HelpCommand? StepHelpQuestion(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Pending is not null || turn.CurrentStep is not AskStep { Help: not null } ask
            || !commands.All(c => c is StartFlowCommand or CannotHandleCommand or ClarifyCommand)
            || !Lexicon.For(turn.Language).AsksTheWay(text) || Lexicon.AskedFactOf(text) is not null) return null;
        if (!Names(turn, text, ask.Slot.Name, Lexicon.For(turn.Language), further: true)) return null;
        if (UnderstandingRequestBuilder.ExpectedSlot(turn) is { } asked && SlotValueParser.Extract(asked, text, turn.UserParse) is not null) return null;
        turn.Trace.Events.Add("step_help_question:" + ask.Id);
        return new HelpCommand { About = StepQuestion.DontKnow };
    }

    // The recognizer's only start is of a flow already running: "we are already on it", no request of anything new.
    /// <summary>
    /// At a question of the running flow that is no free text, "wait, how many days of special leave do I get for a
    /// wedding?" while the leave request asks the last day: a question (no request, no follow-up) that the recognizer
    /// put with the running flow, or between it and another, naming no value the flow does not hold already, is no
    /// answer and no request (the embedded model's reading said "Got it: special leave." back, the leave type it had).
    /// It is read as placed nowhere: a side question the bot does not cover, then the question again, as the lexical
    /// recognizer read it. Null otherwise ("can we do the 15th instead?" names a new day). Trace <c>question_about_running</c>.
    /// </summary>
    private static CannotHandleCommand? QuestionAboutRunning(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (!StartsRunning(turn, commands) || turn.State.Pending is not null || turn.CurrentStep is not (AskStep or ConfirmStep) || turn.AwaitsChange
            || FreeTextSlot(turn) is not null || !lexicon.IsQuestion(text) || lexicon.IsRequest(text) || lexicon.IsFollowUp(text)) return null;
        var named = WithNamedValues(turn, [commands[0]], text, fromOpening: false).OfType<SetSlotCommand>().Concat(commands.OfType<SetSlotCommand>());
        if (!named.All(set => turn.Value(set.Slot) is { ValueKind: System.Text.Json.JsonValueKind.String } held && held.GetString() == set.Value)) return null;
        turn.Trace.Events.Add("question_about_running");
        return new CannotHandleCommand();
    }

    private static bool StartsRunning(TurnContext turn, IReadOnlyList<Command> commands) =>
        commands is [StartFlowCommand start, ..] && commands.Skip(1).All(c => c is SetSlotCommand) && turn.State.Stack.Any(f => f.Flow == start.Flow);

    /// <summary>The flow that answers from the bot's knowledge (it opens with an answer step that takes the user's question) and can start here; null when none.</summary>
    private static Runtime.CompiledFlow? KnowledgeFlow(TurnContext turn) =>
        OtherFlows(turn, InterruptionScope.For(turn)).FirstOrDefault(AnswersQuestions);

    /// <summary>True when the flow answers the user's question from the knowledge: it opens with an answer step that takes it.</summary>
    private static bool AnswersQuestions(Runtime.CompiledFlow flow) => flow.Steps.FirstOrDefault() is AnswerStep { Question: null };

    /// <summary>
    /// The flow that answers from the knowledge (<paramref name="answers"/>, else the one that may start here), when the
    /// message is a question (no request, no follow-up) that one of its passages answers clearly
    /// (<see cref="AnswerStepRunner.Ranking.Clear"/>); null otherwise.
    /// </summary>
    private async Task<Runtime.CompiledFlow?> ClearlyAnsweredAsync(TurnContext turn, string text, CancellationToken cancellationToken, Runtime.CompiledFlow? answers = null) =>
        await AnsweredAsync(turn, text, cancellationToken, answers) is (var flow, true) ? flow : null;

    /// <summary>
    /// The flow that answers from the knowledge (<paramref name="answers"/>, else the one that may start here) when the
    /// message is a question (no request, no follow-up) that one of its passages answers, and whether clearly; null when none does.
    /// </summary>
    private async Task<(Runtime.CompiledFlow Flow, bool Clear)?> AnsweredAsync(TurnContext turn, string text, CancellationToken cancellationToken, Runtime.CompiledFlow? answers = null)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (!lexicon.IsQuestion(text) || lexicon.IsRequest(text) || lexicon.IsFollowUp(text)) return null;
        answers ??= KnowledgeFlow(turn);
        if (answers is null || answers.Steps[0] is not AnswerStep step) return null;
        var ranking = await answerSteps.RankAsync(turn, step, text, cancellationToken);
        return ranking.Ranked.Count > 0 ? (answers, ranking.Clear) : null;
    }

    /// <summary>
    /// True when a question about a flow's thing asks about it in general: a word the flow's examples do not have
    /// ("standard" in "what is the standard daily limit?"), no word of the user's own ("my", "I", "we"), and one passage of
    /// the knowledge has every word of it.
    /// </summary>
    private static bool AboutThingInGeneral(TurnContext turn, Runtime.CompiledFlow flow, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        var words = UtteranceText.Tokens(text);
        return !words.Any(w => lexicon.IsPossessive(w) || lexicon.IsStorySubject(w)) && WordsOutside(ExampleVocabulary(turn, flow), text).Outside > 0
            && OnePassageHasEveryWord(turn, text);
    }

    /// <summary>True when one passage of the bot's knowledge has every word of the question (stems, one typo, everyday synonyms; not "nearby").</summary>
    private static bool OnePassageHasEveryWord(TurnContext turn, string text)
    {
        var asked = Lexicon.WithoutNearby(text);
        return turn.Bot.Knowledge.SearchTexts.Any(p => HasEveryWord(turn, asked, p));
    }

    // Each passage's words are prepared once per bot revision (the cache key), not again for every such question. The
    // words that ask for a fact are had by a passage that states one (Lexicon.WordsToHave).
    /// <summary>
    /// True when the verb of a permission question is an act of its own (not being given or bringing a thing along, not a
    /// word of no meaning: "can I bring my cat?" is asked of the cat) and no knowledge text in the turn's language has it,
    /// by any form or everyday synonym.
    /// </summary>
    private static bool VerbUnsaid(TurnContext turn, string verb)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (Lexicon.IsStopWord(verb, lexicon) || lexicon.AsksToBeGiven(verb) || lexicon.BringsAlong(verb)) return false;
        var language = LanguageDetector.Primary(turn.Language);
        return AnswerStepRunner.Passages.Unmatched(verb, turn.Bot.Knowledge.SearchTextsIn(language, turn.Bot.Settings.Languages), "knowledge:" + turn.Bot.Revision + ":" + language, lexicon).Count > 0;
    }

    private static bool HasEveryWord(TurnContext turn, string asked, string passage) =>
        AnswerStepRunner.Passages.Unmatched(Lexicon.WordsToHave(asked, passage), [passage], "knowledge-passage:" + turn.Bot.Revision, Lexicon.Reading(asked) ?? Lexicon.For(turn.Language)).Count == 0;

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
}
