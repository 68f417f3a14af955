using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>The current step's expectation, read before any recognizer: buttons, typed values, free-text answers and what may interrupt them.</summary>
internal sealed partial class TurnInterpreter
{
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
            StepQuestion.WhereWasI or StepQuestion.Needs => help,
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
    /// "I dont know the tracking number", "I can't find my customer number", "ich finde die Nummer nicht" at the question
    /// for it: what the user does not know names the asked slot (<see cref="Names"/>: its name, label or the question's
    /// words), or is itself a don't-know ("no idea where do I find it"), so it is the bare "I don't know" (the lead's trial:
    /// "We are already on it" or a wrong answer). Null otherwise: "I can't find my keys" there is something else.
    /// </summary>
    private static StepQuestion? UnknownAsked(TurnContext turn, AskStep? ask, string text, Lexicon lexicon) =>
        ask is not null && lexicon.UnknownThing(text) is { } thing
        && (lexicon.StepQuestionOf(thing) == StepQuestion.DontKnow || Names(turn, thing, ask.Slot.Name, lexicon, further: true))
            ? StepQuestion.DontKnow : null;

    /// <summary>
    /// At a yes/no question, a statement of the user's own case (<see cref="Lexicon.StatesOwnCase"/>) that says the
    /// question's own content word back ("we're students", "2 of us are students", "zwei von uns sind Studenten" at "Are
    /// you students?"): a yes, or a no when it negates or says no ("none of us are students", "no special occasion", "wir
    /// haben keinen besonderen Anlass"). The words are those of the question sentence and the slot's label, never the
    /// prompt's other sentences ("Students save 2 € per ticket" must not make "2 tickets" a yes). A question ("are
    /// students cheaper?"), a remark about the thing ("special occasions are overrated": no subject of the user's) and a
    /// doubt ("not sure if we count as students": its "not" is no no) are no answer. Null otherwise.
    /// </summary>
    private static bool? Restated(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (asked.Kind != "boolean" || lexicon.IsQuestion(text) || text.Contains('?', StringComparison.Ordinal)
            || UtteranceText.Tokens(text).Length > 8 || !lexicon.StatesOwnCase(text) || lexicon.UnknownThing(text) is not null
            || SlotValueParser.TryParse(asked, text, context, out _, out _)) return null;
        string[] Of(IReadOnlyDictionary<string, IReadOnlyList<string>> variants) =>
            [.. variants.GetValueOrDefault(turn.Language) ?? variants.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) ?? []];
        var questions = turn.Bot.Responses.TryGetValue(ask.Response.Name, out var response)
            ? response.Variants.Select(v => v.Text).Append(response.Text).SelectMany(t => Of(t.Variants))
                .SelectMany(t => Runtime.Template.OfDefinition(t).Render(_ => " ").Split('?')[..^1]) // the sentences that ask
                .Select(s => s[(s.LastIndexOfAny(['.', '!', ':']) + 1)..])
            : [];
        var label = turn.Bot.FindSlot(turn.Top?.Flow, ask.Slot.Name)?.Label is { } labelled ? Of(labelled.Variants) : [];
        var content = questions.Concat(label).SelectMany(UtteranceText.Tokens).Select(UtteranceText.Fold)
            .Where(w => w.Length >= 4 && !Lexicon.IsStopWord(w)).ToHashSet(StringComparer.Ordinal);
        // German compounds: "Studenten" says the "Studentenrabatt" of the label.
        bool Fits(string word, string said) => word == said || SlotValueParser.Plurals(word).Contains(said) || SlotValueParser.Plurals(said).Contains(word)
            || SameStem(word, said) || (said.Length >= 5 && word.Length > said.Length + 2 && word.StartsWith(said, StringComparison.Ordinal));
        var restates = UtteranceText.Tokens(text).Select(UtteranceText.Fold).Where(w => w.Length >= 4 && !Lexicon.IsStopWord(w))
            .Any(said => content.Any(word => Fits(word, said)));
        return restates ? !lexicon.DeniesOrSaysNo(text) : null;
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
    /// At a count question, a sentence of any length that says the count with what it counts (<see cref="CountNamed"/>)
    /// beside the flow's other values ("tuesday at 7pm for 4 people" at "For how many people?", "am Dienstag um 19 Uhr
    /// für 4 Personen"): the count, and what the whole-request reading (<see cref="WithNamedValues"/>, as for the first
    /// message of a request) finds for the flow's slots that hold no value yet — the day and time were lost, and the
    /// lexical recognizer's "I need a number here" lost the count too. Null for a question, when no such count is said,
    /// or when nothing else stands beside it (<see cref="CountAnswer"/> reads a count alone). Trace <c>count_in_request</c>.
    /// </summary>
    private static List<Command>? CountInRequest(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon)
    {
        if (lexicon.IsQuestion(text) || text.Contains('?', StringComparison.Ordinal) || turn.TopFlow is not { } flow
            || CountNamed(turn, flow.Id, asked, text) is not { } count) return null;
        var beside = WithNamedValues(turn, [new StartFlowCommand(flow.Id)], text, fromOpening: false).OfType<SetSlotCommand>()
            .Where(s => s.Slot != ask.Slot.Name && turn.Value(s.Slot) is null).ToList();
        if (beside.Count == 0) return null;
        turn.Trace.Events.Add("count_in_request:" + string.Join(',', beside.Select(s => s.Slot)));
        return [new SetSlotCommand(ask.Slot.Name, count), .. beside];
    }

    /// <summary>
    /// True when the slot of the running flow counts people: its name or its type's names people in any of the bot's
    /// languages (the names are the author's words: "personen" in an English conversation).
    /// </summary>
    private static bool CountsPeople(TurnContext turn, string slot, string? flow = null) =>
        turn.Bot.FindSlot(flow ?? turn.Top?.Flow, slot) is { } definition
        && turn.Bot.Settings.Languages.Append(turn.Language).Select(Lexicon.For).Any(l => l.CountsPeople(slot) || l.CountsPeople(definition.Type.Name));

    /// <summary>
    /// The count a request says for a count slot of <paramref name="flow"/> together with what it counts, whatever days,
    /// times or other numbers stand beside it ("a room from dec 20 to 23 for 2 people", "vom 20. bis 23. Dezember für 2
    /// Personen", "a party of four"); for a count of people also a party said without a number ("zu zweit", "me and my
    /// wife"). The nouns are the words of the slot's name, its type's name and its label in any of the bot's languages,
    /// their everyday words (<see cref="Lexicon.NamesSlot"/>), and for a count of people the lexicon's words for people.
    /// Null otherwise, or when the slot takes no such value.
    /// </summary>
    private static string? CountNamed(TurnContext turn, string flow, SlotInfo slot, string text)
    {
        if (slot.Kind is not ("integer" or "number") || turn.Bot.FindSlot(flow, slot.Name) is not { } definition) return null;
        var people = CountsPeople(turn, slot.Name, flow);
        var languages = turn.Bot.Settings.Languages.Append(turn.Language).Distinct(StringComparer.Ordinal).Select(Lexicon.For).ToList();
        var labels = LabelWords(definition).ToList();
        bool Counted(string word)
        {
            var noun = UtteranceText.Normalize(word);
            return noun.Length > 0 && (languages.Any(l => l.NamesSlot(noun, slot.Name) || l.NamesSlot(noun, definition.Type.Name) || (people && l.IsPeopleNoun(noun)))
                || (noun.Length >= 4 && labels.Any(l => SameStem(noun, l))));
        }
        var context = turn.UserParse;
        var words = SlotValueParser.CountedNumberWords(text, Counted, context)
            ?? (people ? context.Lexicon.PeopleCountInside(text)?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return words is not null && (SlotValueParser.TryParse(slot, words, context, out var value, out var problem) || SlotValueParser.IsOutOfRange(problem)) ? value : null;
    }

    // The longer words of a slot's label in every language ("number of guests", "Anzahl der Gäste"): nouns for what it holds.
    private static IEnumerable<string> LabelWords(SlotDefinition? definition) =>
        (definition?.Label?.Variants.Values.SelectMany(v => v) ?? []).SelectMany(UtteranceText.Tokens).Where(w => w.Length >= 4);

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
        // "the earliest", "so früh wie möglich" at a day or time question that shows its choices (the workshop's free
        // times from 08:00): the first of them, not the type's min (07:00), which nobody offered.
        else if (ask is not null && (lexicon.Ordinal(text)
                ?? (asked is { Kind: "date" or "time" or "datetime" } && lexicon.IsEarliest(text) ? 1 : (int?)null)
                ?? (NumberIsPlace(turn, ask, asked, text, context) && lexicon.AfterCorrectionOpener(text) is null ? PlaceNumber(lexicon, text) : null)) is { } place
            && ReplyRenderer.ButtonsOf(turn, ask.Response.Name) is { Count: > 0 } shown
            && ButtonAt(shown, place) is { } picked)
        {
            turn.Trace.Events.Add("button_by_place:" + picked.Value);
            return Expected(turn, "", picked.Value, freeText);
        }

        // "go back", "previous question": the question before this one in the flow again (a change of its slot), then on to
        // where the user was. At the first question there is nothing to go back to: read as before.
        var stepQuestion = lexicon.StepQuestionOf(text) ?? UnknownAsked(turn, ask, text, lexicon); // read once: it was asked three times below
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
                _ => question is StepQuestion.WhereWasI or StepQuestion.Needs || turn.AwaitsYesNo || ask is not null,
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
        if (ask is not null && freeText is not null && FramedChoiceCorrection(turn, ask, text, lexicon, context) is { } framed) return [framed];
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
            // "friday evening" for the day, then "8" for the time: 20:00. "tonight", then "8:15" at 23:05: tonight's, which
            // has passed (the engine says the range), not tomorrow's without a word.
            if (turn.Top?.PendingDay is { } day && SlotValueParser.ReadKeptDay(day) is var (pendingDay, dayPart)
                && (asked.Kind == "datetime" || (asked.Kind == "time" && dayPart is not null))
                && SlotValueParser.OnDayAt(asked, pendingDay, answer ?? text, context, dayPart, evenOutOfRange: true) is { } onDay)
            {
                if (asked.Kind == "datetime") turn.TimeOnKeptDay = (ask.Slot.Name, day);
                return [new SetSlotCommand(ask.Slot.Name, onDay)];
            }
            // "friday", then "at 9" where 9:00 and 21:00 both lie in the type's hours: morning or evening is asked on
            // that day. Read alone, the hour was today's one reading left (21:00), and Friday was gone without a word.
            if (answer is null && asked.Kind == "datetime" && turn.Top?.PendingDay is { } kept && SlotValueParser.ReadKeptDay(kept) is (_, null)
                && SlotValueParser.Extract(new SlotInfo { Name = ask.Slot.Name, Kind = "date" }, text, context) is null && kept[..10] + " " + text is var onKeptDay
                && !SlotValueParser.TryParse(asked, onKeptDay, context, out _, out var keptProblem) && keptProblem == SlotValueParser.AmbiguousHour)
            {
                return [new SetSlotCommand(ask.Slot.Name, onKeptDay)];
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
            // of the two; "mid-December", "next month" which day in it. Not a question that names choices ("is central or north closer?").
            if (problem is SlotValueParser.AmbiguousHour or SlotValueParser.TimeMissing or SlotValueParser.SeveralAmounts or SlotValueParser.DayInSpan
                || (problem is SlotValueParser.SeveralChoices && !lexicon.IsQuestion(text)))
            {
                return [new SetSlotCommand(ask.Slot.Name, text)];
            }
            // "Sofa und Matratze" in an English chat: two choices in the bot's other language are as many choices. Passed on
            // by their ids, which every language reads, so the engine asks which one as above.
            if (asked.Kind == "enum" && !lexicon.IsQuestion(text) && ChoicesInAnyLanguage(turn, ask.Slot.Name, asked, text) is [_, _, ..] mixed)
            {
                return [new SetSlotCommand(ask.Slot.Name, string.Join(", ", mixed))];
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
            if (DayAndTimeAhead(turn, ask, text, lexicon, context) is { } dayAndTime) return dayAndTime;
            if (NamedTextAnswer(turn, ask, text, lexicon) is { } namedText) return [namedText];
            if (NumberCorrection(turn, ask, asked, text, lexicon, context) is { } number) return [number];
            if (OpenedCorrection(turn, ask, asked, text, lexicon, context) is { } opened) return [opened];
            // "the departure is Dec 22" at the number of guests: a day for the date slot it names (two named: either).
            var dates = NamedDates(turn, ask, asked, text, lexicon, context);
            if (dates is [var date]) return [date];
            if (dates.Count == 0 && TwoAtOnce(turn, ask, asked, text, context) is { } both) return both;
            if (dates.Count == 0 && CountInRequest(turn, ask, asked, text, lexicon) is { } request) return request;
            // "wir sind 3", "für 7 Personen" at a count: the one number of a short answer that is no question is the
            // answer, also outside the range (the engine names the range, as for a bare "7").
            if (dates.Count == 0 && CountAnswer(turn, ask, asked, text, lexicon, context) is { } count) return [count];
            // "my order number is ab 12345", "it's me@example.com": a pattern or e-mail value inside a sentence is the
            // answer; nothing else in a message looks like one.
            if (asked.Kind is "regex" or "email" && SlotValueParser.Extract(asked, text, context) is { } inside) return [new SetSlotCommand(ask.Slot.Name, inside)];
            if (EarlyPeopleCount(turn, ask, text, lexicon, context) is { } partyOf) return [partyOf];
            // "not sure if it's a special occasion", "I'm not sure" at a yes/no question without a help: unsure, neither a
            // yes nor a no (its "not" made it a no). As a model's don't-know is read (AsAsked): a skip of an optional
            // question, else no answer, and the question again.
            if (asked.Kind == "boolean" && stepQuestion == StepQuestion.DontKnow) return [.. AsAsked(turn, [new HelpCommand { About = StepQuestion.DontKnow }])];
            if (Restated(turn, ask, asked, text, lexicon, context) is { } restated) return [new SetSlotCommand(ask.Slot.Name, restated ? "true" : "false")];
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

        if (freeText is not null && !MayBeDigression(turn, text, others)) return FreeTextAnswers(turn, freeText, text);
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
        return RequestBeside(turn, slot, text, scope) ?? FreeTextAnswers(turn, slot, text);
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

    // Between clauses, each keeping the punctuation that ends it: "Outlook crashes when I open attachments," / " also can
    // you check INC123456?"; a dot only before a space ("v1.2" is one word).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[,;!?])|(?<=\.)(?=\s)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ClauseSplit();

    /// <summary>
    /// The answer to a free-text question (<see cref="FreeTextAnswer"/>), and a value for a later question of the flow
    /// that ends it: "ibuprofen at the station" at the medicine is "ibuprofen" and the station branch, kept as an early
    /// answer as a value beside any other answer is, so the branch is not asked next. Only when the words after the
    /// answer are function words ("at the") and that one value, for a slot not given yet that a later ask fills, and not
    /// at a question for a description (<see cref="Lexicon.AsksForDescription"/>: "the printer at the station is broken"
    /// stays whole). Trace <c>early_answer:slot</c>.
    /// </summary>
    private static List<Command> FreeTextAnswers(TurnContext turn, SlotInfo slot, string text)
    {
        var answer = FreeTextAnswer(turn, slot, text);
        var lexicon = Lexicon.For(turn.Language);
        if (answer.Value != text || turn.TopFlow is not { } flow || turn.CurrentStep is not AskStep ask || lexicon.AsksForDescription(slot.Name)) return [answer];
        var later = OtherSlots(turn, ask, givenOnly: false)
            .Where(s => s.Kind != "text" && Given(turn, s.Name) is null && FlowRunner.FillingStep(flow, s.Name) is AskStep).ToList();
        var own = BeforeOtherValues(turn, flow, later, text);
        var typed = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tail = string.Join(' ', typed.Skip(own.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        // Joined by a function word ("at the"): "Main Street 1" at the street is one address, not a street and a quantity.
        var joined = UtteranceText.Tokens(tail);
        if (own.Length == 0 || joined.Length == 0 || !Lexicon.IsStopWord(joined[0]) || joined.Count(w => !Lexicon.IsStopWord(w)) > 2) return [answer];
        var values = later.Select(s => (Slot: s, Value: SlotValueParser.Extract(s, tail, turn.UserParse))).Where(v => v.Value is not null).ToList();
        if (values is not [var early] || !SlotValueParser.TryParse(slot, own, turn.UserParse, out var kept, out _)) return [answer];
        turn.Trace.Events.Add("early_answer:" + early.Slot.Name);
        return [new SetSlotCommand(slot.Name, kept), new SetSlotCommand(early.Slot.Name, early.Value!)];
    }

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
        var verbs = UtteranceText.Tokens(text).Where(lexicon.IsCancelWord).ToHashSet(StringComparer.Ordinal);
        if (verbs.Count == 0 || Takes(running)) return null;
        return others.Where(f => f.Id != running.Id && f.Definition.Routable && AboutCancelling(turn, f, verbs)).Where(Takes).ToList() is [var only] ? only : null;
    }

    /// <summary>
    /// True when the flow's examples use one of the message's cancel words or another form of a cancelling verb: the
    /// examples' "stornieren" for the message's "storniere" (author18's cinema trial).
    /// </summary>
    private static bool AboutCancelling(TurnContext turn, Runtime.CompiledFlow flow, HashSet<string> words)
    {
        var lexicon = Lexicon.For(turn.Language);
        return ExampleVocabulary(turn, flow).Any(w => words.Contains(w) || lexicon.IsCancelVerb(w));
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
}
