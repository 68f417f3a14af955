using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>The rules that overrule or settle the recognizer's reading: values, patterns, topics, verbs, owned things, margins.</summary>
internal sealed partial class TurnInterpreter
{
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
    /// At the top level, "can I have next week off?": a message the recognizer could not place (lexical 0.211 the leave
    /// request against 0.203 out of scope, too close to start it, and the knowledge answered with the leave rules) that
    /// names both days of the period of the flow it ranked first of all, out of scope included (<see cref="SlotRules.Period"/>:
    /// the first and last day of a leave, an arrival and a departure), asks for that flow: dates the flow takes as
    /// its period make a request of what the recognizer only leaned to. Null otherwise (a lone day says too little:
    /// "are you open on Friday?"), and for a recognizer without scores. Trace <c>period_named:flow</c>.
    /// </summary>
    private static StartFlowCommand? PeriodDecides(TurnContext turn, string text, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || result.Scores.Count == 0) return null;
        var best = result.Scores.MaxBy(p => p.Value);
        if (UnderstandingResult.FlowOf(best.Key) is not { } id || !turn.Bot.Flows.TryGetValue(id, out var flow) || !flow.Definition.Routable
            || !OtherFlows(turn, InterruptionScope.For(turn)).Contains(flow) || PeriodNamed(turn, flow, text, null) is not [_, _]) return null;
        turn.Trace.Events.Add("period_named:" + id);
        return new StartFlowCommand(id);
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
    /// At the top level, "what happened to the issue I reported yesterday?": a question in which the user says they did
    /// what the started flow does already — the past of a verb of its examples after "I" or "we" ("reported" of "report an
    /// issue", "das ich gemeldet habe") — asks about that case, not for a new one. The one other routable flow that looks
    /// a case up by its reference (its first question asks a pattern value: the ticket number) is meant; both local
    /// recognizers opened a new ticket with the question as its description. Null when there is none or several, or when
    /// the message is no question ("I reported it yesterday and it is broken again" may well be a new report).
    /// A started flow that asks a reference first but looks nothing up with it is no lookup: "any update on the claim I
    /// filed last week" started the new claim, which asks for the policy number, and the claim status is meant.
    /// </summary>
    private static StartFlowCommand? DoneBefore(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0 || commands is not [StartFlowCommand start, ..] || !commands.Skip(1).All(c => c is SetSlotCommand)
            || !turn.Bot.Flows.TryGetValue(start.Flow, out var chosen) || AnswersQuestions(chosen) || LooksUpFirst(turn, chosen, 0)) return null;
        var lexicon = Lexicon.For(turn.Language);
        if (!lexicon.IsQuestion(text) && !text.TrimEnd().EndsWith('?')) return null;
        var words = UtteranceText.Tokens(text);
        var verbs = chosen.ExampleWords(turn.Language).SelectMany(e => e).Where(w => w.Length >= 3 && !lexicon.StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
        // The user as the subject right before it, or one word before ("I have reported", "das ich gemeldet habe").
        bool Done(int i) => ((i > 0 && lexicon.IsStorySubject(words[i - 1])) || (i > 1 && lexicon.IsStorySubject(words[i - 2])))
            && verbs.Any(v => lexicon.IsPastOf(words[i], v));
        if (!Enumerable.Range(0, words.Length).Any(Done)) return null;
        var lookups = OtherFlows(turn, InterruptionScope.For(turn)).Where(f => f.Id != chosen.Id && !AnswersQuestions(f) && AsksForReferenceFirst(turn, f, 0)).ToList();
        if (lookups is not [var meant]) return null;
        turn.Trace.Events.Add("done_before:" + meant.Id);
        return new StartFlowCommand(meant.Id);
    }

    // The flow's first question asks a pattern value (a reference) and its next step calls a service with it: it looks a case up.
    private static bool LooksUpFirst(TurnContext turn, Runtime.CompiledFlow flow, int depth) => flow.Steps switch
    {
        [AskStep, HttpStep, ..] => AsksForReferenceFirst(turn, flow, depth),
        [CallStep call, ..] => depth < 3 && turn.Bot.Flows.TryGetValue(call.Flow.Name, out var called) && LooksUpFirst(turn, called, depth + 1),
        _ => false,
    };

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
    /// At the top level, "I want to order something", "I'd like to order": the message uses a word as a verb (after
    /// "to", or first and followed by an article or "something") that the started flow's examples use only as a noun
    /// ("where is my order", "order status") and exactly one other routable flow's examples use as a verb ("order a
    /// phone"): that flow is meant (the embedded model read the word alone and put it with the order status). Null
    /// otherwise, also for the word alone ("order": which one is meant the word does not say).
    /// When the recognizer asks which of a few flows is meant, the same use decides among them: "my bag got nicked on
    /// holiday and I want to claim" between the new claim ("I need to claim my trip cancellation") and the claim status
    /// ("check my claim") is the new claim, when every other of them uses the word only as a noun.
    /// </summary>
    private static StartFlowCommand? VerbDecides(TurnContext turn, string text, IReadOnlyList<Command> commands)
    {
        if (turn.State.Stack.Count > 0) return null;
        // The flows the message is not for unless their examples use the word as a verb, and those that may be meant instead.
        var (doubted, pool) = commands switch
        {
            [StartFlowCommand start] when turn.Bot.Flows.TryGetValue(start.Flow, out var chosen) =>
                ((IReadOnlyList<Runtime.CompiledFlow>)[chosen], turn.Bot.Flows.Values.Where(f => f.Id != chosen.Id && f.Definition.Routable).ToList()),
            [ClarifyCommand clarify] => (clarify.Flows.Select(f => turn.Bot.Flows.GetValueOrDefault(f)).OfType<Runtime.CompiledFlow>().ToList(), null),
            _ => ((IReadOnlyList<Runtime.CompiledFlow>)[], null),
        };
        if (doubted.Count == 0) return null;
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
            bool OnlyNoun(Runtime.CompiledFlow flow) => Uses(flow) is { Count: > 0 } own && !own.Any(u => u.Verb) && own.All(u => u.Noun);
            var verbs = (pool ?? doubted).Where(f => Uses(f).Any(u => u.Verb)).ToList();
            if (verbs is not [var meant] || !doubted.Where(f => f.Id != meant.Id).All(OnlyNoun)) continue;
            turn.Trace.Events.Add("verb_decides:" + meant.Id);
            return new StartFlowCommand(meant.Id);
        }
        return null;
    }

    /// <summary>
    /// At the top level, the mirror of the cancel-words rule (<see cref="CancelWords"/>): a flow all of whose examples
    /// cancel (a cancel verb or command word, a negation: "cancel my booking", "ich kann den Termin nicht wahrnehmen"),
    /// started by a message that says no cancelling — no such word, no "don't need … anymore" — is not meant. "I need an
    /// appointment" to a workshop started the cancellation under the lexical recognizer (0.492 against the booking's 0.314)
    /// for the "appointment" its examples share. The best other flow the recognizer placed above its out-of-scope score,
    /// that does not cancel and whose examples have every word of the message, is meant instead. Null when nothing changes.
    /// </summary>
    private static Command? CancelUnsaid(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || result.Scores.Count == 0) return null;
        IReadOnlyList<string> named = commands switch { [StartFlowCommand start] => [start.Flow], [ClarifyCommand clarify] => clarify.Flows, _ => [] };
        var lexicon = Lexicon.For(turn.Language);
        bool Cancels(string[] words) => words.Any(w => lexicon.IsCancelWord(w) || lexicon.Negates(w));
        bool Cancelling(Runtime.CompiledFlow flow) => flow.ExampleWords(turn.Language) is { Count: > 0 } examples && examples.All(Cancels);
        var flows = named.Select(f => turn.Bot.Flows.GetValueOrDefault(f)).OfType<Runtime.CompiledFlow>().ToList();
        if (!flows.Any(Cancelling) || lexicon.Negates(text) || Cancels(Lexicon.NoLongerNeededAsCancel(UtteranceText.Tokens(text), lexicon))) return null;
        // Asked between a cancellation and another flow, that other one; else the best other flow placed above out of scope.
        var meant = commands is [ClarifyCommand]
            ? flows.Where(f => !Cancelling(f)).ToList() is [var other] ? other : null
            : Placed(result).Where(f => f != flows[0].Id).Select(f => turn.Bot.Flows.GetValueOrDefault(f))
                .FirstOrDefault(f => f is not null && f.Definition.Routable && !Cancelling(f));
        // Only when the other flow's examples have every word of the message: "drop my appointment" may well cancel.
        if (meant is null || !OnlyWordsOf(turn, meant, text)) return null;
        turn.Trace.Events.Add("cancel_unsaid:" + meant.Id);
        return new StartFlowCommand(meant.Id);
    }

    /// <summary>
    /// At the top level, two flows the recognizer put close together — it started one without a digression's confidence,
    /// asked which of the two, or placed nothing but scored both above out of scope — when every word of the message that is no function word belongs to the examples of
    /// both (<see cref="OnlyWordsOf"/>) and it names no value of either: the words alone decide. A word, function words
    /// included, that only one of them has points at that one ("we are moving in": the "in" of "I am moving in"; the
    /// recognizers drop such words and asked which). None of them: the words do not say which is meant, so the bot asks,
    /// as for one shared word (<see cref="SharedTopic"/>) — "we are moving" to a utility that registers a move in and a
    /// move out was a guess, the move out under the lexical recognizer (0.650 to 0.603) and the move in under the
    /// embedded one (0.496 to 0.476). Never between flows that answer from the bot's knowledge. Null when nothing changes.
    /// </summary>
    private static Command? WordsDecide(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || turn.State.Pending is not null || result.Scores.Count == 0) return null;
        string? started = null, other = null;
        if (commands is [StartFlowCommand start] && !Confident(result, start.Flow, turn.Bot.Settings.Understanding))
        {
            (started, other) = (start.Flow, result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is { } f && f != start.Flow)
                .OrderByDescending(p => p.Value).Select(p => UnderstandingResult.FlowOf(p.Key)).FirstOrDefault());
        }
        // Placed nowhere, though the recognizer put two flows above its out-of-scope score: "wir ziehen um" (0.180 and
        // 0.070 under the lexical recognizer) has only words of both, as "we are moving" has.
        if (commands.All(c => c is CannotHandleCommand) && Placed(result) is [var best, var next, ..]) (started, other) = (best, next);
        var (a, b) = commands is [ClarifyCommand { Flows: [var x, var y] }] ? (x, y) : (started, other);
        var flows = OtherFlows(turn, InterruptionScope.For(turn)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        // The day said is no word of either ("I'm moving house next month", "we are moving in January": the "in" is the
        // month's): both take it, so it decides nothing, and the words beside it do.
        var words = SlotValueParser.WordsBesideDays(text, turn.UserParse);
        var beside = string.Join(' ', words);
        if (a is null || b is null || !flows.TryGetValue(a, out var first) || !flows.TryGetValue(b, out var second)
            || AnswersQuestions(first) || AnswersQuestions(second)
            || !OnlyWordsOf(turn, first, beside) || !OnlyWordsOf(turn, second, beside)
            || !SameNamedValues(turn, first.Id, second.Id, text)) return null;
        var (one, two) = (ExampleVocabulary(turn, first).ToHashSet(StringComparer.Ordinal), ExampleVocabulary(turn, second).ToHashSet(StringComparer.Ordinal));
        // A word points at its flow by an example whose other words the message has: the "in" of "I am moving in" does
        // for "we are moving in", the "um" of "ich ziehe um und kündige" does not for "wir ziehen um" — that example moves
        // out for the "kündige" the user did not say.
        bool Points(Runtime.CompiledFlow flow, HashSet<string> own, HashSet<string> others) => words.Any(w => own.Contains(w) && !others.Contains(w)
            && flow.ExampleWords(turn.Language).Any(e => e.Contains(w) && e.All(x => x.Length < 3 || Lexicon.IsStopWord(x) || words.Any(m => SameStem(m, x)))));
        // What the recognizer started keeps any word of its own ("I want a plan with 5G": the "with" of the plan upgrade's examples).
        if (commands is [StartFlowCommand] && words.Any(w => (started == first.Id ? one : two).Contains(w) && !(started == first.Id ? two : one).Contains(w))) return null;
        var (onlyFirst, onlySecond) = (Points(first, one, two), Points(second, two, one));
        if (onlyFirst && onlySecond) return null;
        if (onlyFirst || onlySecond)
        {
            var meant = onlyFirst ? first.Id : second.Id;
            if (meant == started && commands is [StartFlowCommand]) return null;
            turn.Trace.Events.Add("words_decide:" + meant);
            return new StartFlowCommand(meant);
        }
        turn.Trace.Events.Add($"words_tie:{first.Id},{second.Id}");
        return new ClarifyCommand([first.Id, second.Id]);
    }

    // The message names the same values for both flows (none, or a day both ask for): no value tells them apart.
    private static bool SameNamedValues(TurnContext turn, string first, string second, string text)
    {
        HashSet<string> Named(string flow) => [.. WithNamedValues(turn, [new StartFlowCommand(flow)], text, fromOpening: false).OfType<SetSlotCommand>().Select(s => s.Value)];
        return Named(first).SetEquals(Named(second));
    }

    // The flows the recognizer scored above its out-of-scope score, best first.
    private static List<string> Placed(UnderstandingResult result)
    {
        var outOfScope = result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is null).Select(p => p.Value).DefaultIfEmpty(0).Max();
        return [.. result.Scores.Where(p => p.Value > outOfScope && UnderstandingResult.FlowOf(p.Key) is not null)
            .OrderByDescending(p => p.Value).Select(p => UnderstandingResult.FlowOf(p.Key)!)];
    }

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
        // "darf Kaffeesatz in die Biotonne?": a question that names a thing several flows share asks about it, as one that
        // names a value only one flow has does (above); "Which of these did you mean: the missed collection, your bin
        // order?" would answer a question the user did not ask. Left to the knowledge flow as a question nothing placed.
        if (!code && lexicon.IsQuestion(text) && OtherFlows(turn, InterruptionScope.For(turn)).Any(f => f.OpensWithAnswer)) return null;
        turn.Trace.Events.Add("shared_value:" + string.Join(',', sharing));
        return new ClarifyCommand(sharing);
    }

    /// <summary>
    /// In the middle of a flow, the recognizer's start of a flow counts only when it is confident (the same threshold
    /// and margin as a digression from a free-text ask): "how many do you have in stock?" at "How many would you
    /// like?" is nearest to the order check but no request for it, and gets the question again. The same holds for
    /// the flow that is running ("we are already doing that"): the embedded model names it as the nearest flow for many
    /// unrelated answers. At the top level a start needs only the recognizer's own threshold. A recognizer without
    /// scores (the LLM) is taken at its word. A doubtful start that is a request the user may make here is not dropped
    /// but offered (<see cref="SwitchOffer"/>).
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
        // "hamster" at the animal question: the recognizer could not tell the booking from the emergency (0.297 / 0.292),
        // neither near a digression's threshold; no request for either, so no "we are already on it" (RunningAmongClarified).
        // Only at a question with fixed choices: "dec 18 - 2 guests" at the arrival day is such a clarify too, and read as
        // the running booking's request it keeps the day and the guests it names.
        if (turn.State.Pending is null && commands is [ClarifyCommand unsure] && UnderstandingRequestBuilder.ExpectedSlot(turn) is { Kind: "enum" } && unsure.Flows.All(f => result.FlowScore(f) is not { } s || s < settings.DigressionThreshold))
        {
            foreach (var flow in unsure.Flows) turn.Trace.Events.Add("digression_unsure:" + flow);
            return [new CannotHandleCommand()];
        }
        // Read only for a confident start of another flow: it goes through every example of the running flow.
        bool? ownWords = null;
        bool OwnWords() => ownWords ??= NamesRunningFlow(turn, text);
        var doubtful = commands.OfType<StartFlowCommand>()
            .Where(s => (!Confident(result, s.Flow, settings) && !ClearlyElsewhere(turn, result, s.Flow, text)) || (s.Flow != turn.TopFlow?.Id && OwnWords())
                || turn.Bot.Flows.TryGetValue(s.Flow, out var started) && StatementForKnowledge(turn, started, text))
            .Select(s => s.Flow)
            .ToHashSet(StringComparer.Ordinal);
        if (doubtful.Count == 0) return commands;
        foreach (var flow in doubtful) turn.Trace.Events.Add("digression_unsure:" + flow);
        // Values the recognizer found for a dropped flow belong to it, not to the question being asked (a yes to the
        // offer reads them again from the message).
        var asked = UnderstandingRequestBuilder.ExpectedSlot(turn)?.Name;
        bool OfDropped(string slot) => slot != asked && doubtful.Any(f => turn.Bot.Flows.TryGetValue(f, out var d) && d.Definition.Slots.ContainsKey(slot));
        var kept = commands.Where(c => c is not StartFlowCommand start || !doubtful.Contains(start.Flow)).Where(c => c is not SetSlotCommand set || !OfDropped(set.Slot));
        var offer = doubtful.FirstOrDefault(f => SwitchOffer(turn, result, f, text, settings) && !OwnWords());
        return offer is null ? [.. kept] : [.. kept, new ClarifyCommand([offer])];
    }

    /// <summary>
    /// "i need to pick up my prescription" at the branch of a stock check: the recognizer put it nearest the refill
    /// (0.68), but not a digression's margin ahead of the pharmacy's questions (0.63). Dropping it answered the user
    /// "that is not one of the choices", and a message that starts the refill at the top level was lost. A request
    /// (<see cref="AsksFor"/>) whose flow the recognizer ranks first, that the step lets in and that is no flow answering
    /// from the bot's knowledge (a question keeps its own path), is offered instead: "Do you want … instead?"
    /// (the <c>switch_flow</c> pattern), as a one-flow clarify.
    /// </summary>
    private static bool SwitchOffer(TurnContext turn, UnderstandingResult result, string flow, string text, UnderstandingSettings settings)
    {
        if (turn.State.Pending is not null || turn.CurrentStep is not (AskStep or ConfirmStep) || Confident(result, flow, settings)
            || turn.State.Stack.Any(f => f.Flow == flow) || !turn.Bot.Flows.TryGetValue(flow, out var wanted) || AnswersQuestions(wanted)
            || !InterruptionScope.For(turn).AllowsFlow(flow) || !AsksFor(Lexicon.For(turn.Language), text)) return false;
        return RanksFirst(result, flow);
    }

    /// <summary>True when <paramref name="flow"/> has the recognizer's best score of all flows.</summary>
    private static bool RanksFirst(UnderstandingResult result, string flow) =>
        UnderstandingResult.FlowOf(result.Scores.Where(p => UnderstandingResult.FlowOf(p.Key) is not null).MaxBy(p => p.Value).Key) == flow;

    /// <summary>
    /// The message asks for something: a request opener ("can you …", "… instead") or a frame around what it names
    /// ("I need to …", "ich möchte …"), which <see cref="Lexicon.Peel"/> takes off.
    /// </summary>
    private static bool AsksFor(Lexicon lexicon, string text)
    {
        var unframed = lexicon.Unframed(text);
        return lexicon.IsRequest(text) || UtteranceText.Tokens(lexicon.Peel(unframed)).Length < UtteranceText.Tokens(unframed).Length;
    }

    /// <summary>
    /// At a question with fixed choices, a message the recognizer put nearest another flow, without a digression's
    /// confidence, that still asks for that flow clearly: a request that names a value only that flow takes and none of
    /// the asked slot ("Hallo, ich möchte einen Sperrmülltermin für meine alte Couch" at the missed bin: the bulky-waste
    /// pickup, 0.34 against 0.27), or a question to the flow that answers from the knowledge that one passage answers
    /// with every word of it ("can I put pizza boxes in the paper bin?": the paper bin named is asked about, not chosen).
    /// Both were read as a wrong answer (bin_unknown, off_topic) although at the top level they start that flow.
    /// </summary>
    private static bool ClearlyElsewhere(TurnContext turn, UnderstandingResult result, string flow, string text)
    {
        if (turn.State.Pending is not null || flow == turn.TopFlow?.Id || !turn.Bot.Flows.TryGetValue(flow, out var started)
            || UnderstandingRequestBuilder.ExpectedSlot(turn) is not { Kind: "enum" } asked) return false;
        if (!RanksFirst(result, flow)) return false;
        var lexicon = Lexicon.For(turn.Language);
        if (AnswersQuestions(started))
        {
            // Two words or more of its own: neither the running flow's nor the asked choices' ("is it the paper bin?" has none).
            if (!lexicon.IsQuestion(text) || lexicon.IsFollowUp(text) || turn.TopFlow is not { } running) return false;
            var own = ExampleVocabulary(turn, running).Concat(ChoiceWords(asked));
            return WordsOutside(own, text).Outside >= 2;
        }
        return AsksFor(lexicon, text) && SlotValueParser.Extract(asked, text, turn.UserParse) is null && NamedValues(turn, text, null).Named.Contains(flow, StringComparer.Ordinal);
    }

    /// <summary>
    /// "claim" at "What happened?" while filing a claim: every word of the message that is no function word is a word
    /// (or word stem) of the running flow's examples, so it names what the user is doing, not another flow (the embedded
    /// model started the claim status, whose examples say "claim" too, and the user was asked for a claim number three
    /// times). False when the message has a word of its own ("check my claim").
    /// </summary>
    private static bool NamesRunningFlow(TurnContext turn, string text) => turn.TopFlow is { } top && OnlyWordsOf(turn, top, text);

    /// <summary>
    /// True when every word of the text that is no function word is a word (or word stem) of the flow's examples, and
    /// there is one: the text names that flow's own thing ("claim", "a later checkout").
    /// </summary>
    private static bool OnlyWordsOf(TurnContext turn, Runtime.CompiledFlow flow, string text)
    {
        var (words, outside) = WordsOutside(ExampleVocabulary(turn, flow), text);
        return words > 0 && outside == 0;
    }

    // The text's words that are no function word (three letters or more), and how many of them are no word (or word stem)
    // of the vocabulary: one count for "only the running flow's words" and "words of its own".
    private static (int Words, int Outside) WordsOutside(IEnumerable<string> vocabulary, string text)
    {
        var known = vocabulary.ToHashSet(StringComparer.Ordinal);
        var words = UtteranceText.Tokens(text).Where(w => w.Length >= 3 && !Lexicon.IsStopWord(w)).ToList();
        return (words.Count, words.Count(w => !known.Any(v => SameStem(w, v))));
    }
}
