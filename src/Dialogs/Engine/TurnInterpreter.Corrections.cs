using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

// Corrections: the user goes back to an answer given earlier in the flow — at a later question (a new value, a change
// request, a correction opener with a count), from a sub-flow's question, or at a confirmation.
internal sealed partial class TurnInterpreter
{
    /// <summary>
    /// At an ask, a message that is no answer to it but the whole of a value for exactly one other slot of the flow: a
    /// correction of a slot the user already gave ("city bike" at the email question after "my road bike"), or an early
    /// answer to a question the flow asks later ("next tuesday at 10" at "What is the appointment for?"); the current
    /// question is asked again and the later one is skipped. Only slots whose kind makes a bare value unmistakable
    /// (enum, date, time, datetime, email, pattern); never a free text, never a slot only a step sets (an http result).
    /// With <paramref name="restated"/>, and when no slot gets a new value, the whole of the value one slot already holds
    /// ("9am" after "Tuesday morning" kept Tuesday 9:00): the user says it again, which is no question for a recognizer
    /// (the embedded model once sent "9am" to the knowledge answer); the engine shows it back and asks again.
    /// After a correction opener (<paramref name="opened"/>: "actually make it the 15th" at the note, after a first day on
    /// the 14th and a last day on the 16th) a new value two given slots would take goes back to the one answered last:
    /// "it" is what the user just said.
    /// </summary>
    private static SetSlotCommand? OtherSlotCorrection(TurnContext turn, AskStep ask, string text, SlotParseContext context, bool givenOnly = false, bool restated = false, bool opened = false)
    {
        // "what's the weather tomorrow?" at the mileage question (the garage trial: "Got it: Tuesday"): a day inside a
        // question about something is what it asks about, no answer kept ("is tomorrow ok?", "what about tomorrow?" are).
        if (Lexicon.For(turn.Language).AsksAbout(text)) return null;
        SetSlotCommand? found = null;
        var same = new List<SetSlotCommand>();
        var corrections = new List<SetSlotCommand>();
        var several = false;
        // "2" at the day question: a bare number is no time of day the user was not asked for (it was kept as 14:00).
        var bareNumber = UtteranceText.Tokens(text) is [_] && SlotValueParser.SingleNumberWords(text, context) is not null;
        foreach (var slot in OtherSlots(turn, ask, givenOnly).Where(StandsOut))
        {
            if (bareNumber && slot.Kind == "time") continue;
            // "tomorrow" for a date-time asked later: its day, kept until that question asks for the time.
            // "tuesday" after "a table next week" whose Monday was refused: a day of that week (FlowFrame.EarlyWeeks).
            var reading = SlotRules.Reading(turn, slot.Name, context);
            if ((SameDay(turn, slot, text, context) ?? (SlotValueParser.TryParse(slot, text, reading, out var parsed, out _) ? parsed : null)
                ?? (Given(turn, slot.Name) is null ? SlotValueParser.DayOf(slot, text, reading) : null)) is not { } value) continue;
            var old = Given(turn, slot.Name);
            if (old is { ValueKind: System.Text.Json.JsonValueKind.String } given && given.GetString() == value)
            {
                same.Add(new SetSlotCommand(slot.Name, value));
                continue;
            }
            if (old is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) }) corrections.Add(new SetSlotCommand(slot.Name, value));
            several |= found is not null;
            found ??= new SetSlotCommand(slot.Name, value);
        }
        // "mittwoch" at the time after "montag": a new value for the one slot the user gave beats an early answer to a
        // later question the words would also fit (last Wednesday as the birthday asked later); two such are either.
        var lexicon = Lexicon.For(turn.Language);
        if (several) found = corrections is [var correction] ? correction
            : opened || lexicon.AfterCorrectionOpener(text) is not null ? AnsweredLast(turn, corrections) : null;
        if (several && found is null) return null;
        // "no, medium", "no wait, a phone", "sorry, I meant medium" (conv13's trial: taken as the address): a no or a
        // correction opener before a new value takes back what the user said before.
        if (found is null && same.Count == 0
            && (lexicon.AfterCorrectionOpener(text) ?? (lexicon.LeadingYesNo(text) is (false, { Length: > 0 } after) ? after : null)) is { } rest && rest != text)
        {
            return OtherSlotCorrection(turn, ask, rest, context, givenOnly, restated, opened: true);
        }
        return found ?? (restated && same is [var only] ? only : null) ?? (restated && same.Count == 0 ? RestatedInside(turn, ask, text, context) : null)
            ?? (!givenOnly && same.Count == 0 ? ChoiceInside(turn, ask, text, context) : null);
    }

    /// <summary>
    /// Of corrections of slots the user gave, the one of the slot the flow asked last before the current question (its
    /// filling step latest in the flow); null when that is not one slot.
    /// </summary>
    private static SetSlotCommand? AnsweredLast(TurnContext turn, List<SetSlotCommand> corrections)
    {
        if (turn.TopFlow is not { } flow || corrections.Count == 0) return null;
        int AskedAt(string slot) => FlowRunner.FillingStep(flow, slot) is { } step ? flow.StepIndex.GetValueOrDefault(step.Id, -1) : -1;
        var ordered = corrections.OrderByDescending(c => AskedAt(c.Slot)).ToList();
        return AskedAt(ordered[0].Slot) >= 0 && (ordered.Count == 1 || AskedAt(ordered[0].Slot) > AskedAt(ordered[1].Slot)) ? ordered[0] : null;
    }

    /// <summary>
    /// "thursday at 10", "friday 9am" at a question before them (the number plate): the day and the time of the flow's one
    /// date slot and one time slot that have no value yet, as early answers. A short message only (five words once
    /// fillers are peeled), no question about them. Null otherwise.
    /// </summary>
    private static List<Command>? DayAndTimeAhead(TurnContext turn, AskStep ask, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (lexicon.AsksAbout(text) || lexicon.IsQuestion(text) || UtteranceText.Tokens(lexicon.Peel(text)).Length > 5) return null;
        var later = OtherSlots(turn, ask, givenOnly: false).Where(s => Given(turn, s.Name) is null && turn.Value(s.Name) is null).ToList();
        if (later.Where(s => s.Kind == "date").ToList() is not [var day] || later.Where(s => s.Kind == "time").ToList() is not [var time]) return null;
        var reading = SlotRules.Reading(turn, day.Name, context);
        return SlotValueParser.Extract(day, text, reading) is { } date && SlotValueParser.Extract(time, text, context) is { } hour
            ? [new SetSlotCommand(day.Name, date), new SetSlotCommand(time.Name, hour)]
            : null;
    }

    /// <summary>
    /// "it's urgent", "this is not urgent" at the e-mail question: a choice for exactly one choice slot the user has not
    /// given yet, in a sentence of nothing but function words and words of that slot's choices — an early answer, as the
    /// bare "urgent" is. A sentence with any other content word is left to the recognizer.
    /// </summary>
    private static SetSlotCommand? ChoiceInside(TurnContext turn, AskStep ask, string text, SlotParseContext context)
    {
        var words = UtteranceText.Tokens(text);
        if (words.Length < 2) return null;
        var hits = OtherSlots(turn, ask, givenOnly: false)
            .Where(s => s.Kind == "enum" && Given(turn, s.Name) is null)
            .Select(s => (s.Name, Value: SlotValueParser.Extract(s, text, context), Slot: s))
            .Where(h => h.Value is not null && words.All(w => Lexicon.IsStopWord(w) || SlotValueParser.Extract(h.Slot, w, context) is not null))
            .ToList();
        return hits is [var hit] ? new SetSlotCommand(hit.Name, hit.Value!) : null;
    }

    /// <summary>
    /// "it is the phone" at the urgency question of a phone's problem report: the choice the user already made, said
    /// again in a sentence of nothing but function words (the embedded model started an order for a phone).
    /// </summary>
    private static SetSlotCommand? RestatedInside(TurnContext turn, AskStep ask, string text, SlotParseContext context)
    {
        var words = UtteranceText.Tokens(text);
        if (words.Length < 2) return null;
        var hits = OtherSlots(turn, ask, givenOnly: true)
            .Where(s => HoldsValueNamed(turn, s, text, context) && words.All(w => Lexicon.IsStopWord(w) || HoldsValueNamed(turn, s, w, context)))
            .ToList();
        return hits is [var slot] ? new SetSlotCommand(slot.Name, Given(turn, slot.Name)!.Value.GetString()!) : null;
    }

    /// <summary>
    /// At a yes/no question, a yes or a no and then a value for exactly one slot of the flow that has none yet ("ja, unser
    /// Hochzeitstag" at "Gibt es einen besonderen Anlass?", "yes, a birthday"; "no, to the city centre" at "Will you
    /// bring it back to the airport?"): the yes or no, and that value, which the question leads to. Only values that
    /// stand out (enum, date, time, e-mail, pattern), an enum's also inside the words.
    /// </summary>
    private static List<Command>? YesWithValue(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (asked.Kind != "boolean" || turn.TopFlow is not { } flow || lexicon.LeadingYesNo(text) is not (var yes, { Length: > 0 } rest)) return null;
        var hits = flow.Definition.Slots.Keys
            .Where(name => name != ask.Slot.Name && turn.Value(name) is null && FlowRunner.FillingStep(flow, name) is not null && InterruptionScope.For(turn).AllowsCorrection(name))
            .Select(name => turn.Bot.SlotInfo(flow.Definition.Slots[name], turn.Language))
            .Where(StandsOut)
            .Select(slot => (slot.Name, Value: slot.Kind == "enum" ? SlotValueParser.Extract(slot, rest, context) : SlotValueParser.TryParse(slot, rest, context, out var whole, out _) ? whole : null))
            .Where(p => p.Value is not null)
            .ToList();
        return hits is [var hit] ? [new SetSlotCommand(ask.Slot.Name, yes ? "true" : "false"), new SetSlotCommand(hit.Name, hit.Value!)] : null;
    }

    /// <summary>
    /// At an ask that is no free-text question, a sentence that names a free-text slot the flow asks later and gives its
    /// value ("my name is Tom", "ich heiße Tom", "mein Name ist Tom" at "Is it a special occasion?"): an early answer
    /// to that question. Free text is never taken unnamed (any sentence would fit); the slot is named by its name or
    /// its label in the user's language, and exactly one such slot must fit.
    /// </summary>
    private static SetSlotCommand? NamedTextAnswer(TurnContext turn, AskStep ask, string text, Lexicon lexicon)
    {
        if (turn.TopFlow is not { } flow) return null;
        var hits = new List<SetSlotCommand>();
        foreach (var slot in OtherSlots(turn, ask, givenOnly: false).Where(s => s.Kind == "text" && Given(turn, s.Name) is null && turn.Value(s.Name) is null))
        {
            if (FlowRunner.FillingStep(flow, slot.Name) is not AskStep) continue;
            var label = turn.Bot.FindSlot(flow.Id, slot.Name)?.Label?.Variants.GetValueOrDefault(turn.Language) ?? [];
            var value = lexicon.NamedAnswerOf(text, slot.Name) ?? label.Select(l => lexicon.NamedAnswerOf(text, l.Replace(' ', '_'))).FirstOrDefault(v => v is not null);
            // A name or a number, not a sentence that goes on ("my name is Tom and we are four").
            if (value is not null && UtteranceText.Tokens(value).Length is > 0 and <= 4) hits.Add(new SetSlotCommand(slot.Name, value));
        }
        return hits is [var hit] ? hit : null;
    }

    /// <summary>
    /// At an ask that is no free-text question, a correction opener and a sentence with a new value for exactly one
    /// slot the user already gave ("actually it's more of a software problem" at the e-mail question after hardware;
    /// "eigentlich eher ein Software-Problem"): that correction. The opener says the sentence goes back to an earlier
    /// answer, so a value that stands out (enum, date, time, e-mail, pattern) is found inside it, as at a confirmation;
    /// never when the sentence answers the question asked.
    /// </summary>
    private static SetSlotCommand? OpenedCorrection(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        // "can we do Wednesday instead?", "how about the 10th?" at the e-mail question: a request for another value says
        // it goes back to an earlier answer as an opener does.
        if ((lexicon.AfterCorrectionOpener(text) ?? (lexicon.IsRequest(text) ? text : null)) is not { } rest || SlotValueParser.Extract(asked, rest, context) is not null) return null;
        return CorrectionInside(turn, ask, rest, lexicon, context, named: false);
    }

    /// <summary>
    /// At a free-text question, a sentence that names a slot the user already gave and holds a new value of it that
    /// stands out ("actually my card is LIB654321", "my e-mail is ann@example.com" at the book title; with or without an
    /// opener): that correction. Without the slot's name such a sentence is the answer, whatever it holds.
    /// </summary>
    private static SetSlotCommand? NamedCorrection(TurnContext turn, AskStep ask, string text, Lexicon lexicon, SlotParseContext context) =>
        CorrectionInside(turn, ask, lexicon.AfterCorrectionOpener(text) ?? text, lexicon, context, named: true);

    /// <summary>
    /// At a free-text question, a change or a request that names nothing but a new choice for one enum slot the user gave
    /// ("make it a cleaning instead", "no wait, the cleaning instead", "can we do whitening instead?", "how about
    /// whitening" at the name, after a check-up): that correction. The opener, "instead" or the request says the words go
    /// back to an answer; every other word is a function word or a word of that slot's choices, so the words cannot be
    /// the free text asked for. A day or time said so is read as a whole value already (<see cref="OtherSlotCorrection"/>).
    /// </summary>
    private static SetSlotCommand? FramedChoiceCorrection(TurnContext turn, AskStep ask, string text, Lexicon lexicon, SlotParseContext context)
    {
        var opened = lexicon.AfterCorrectionOpener(text);
        if (opened is null && !lexicon.IsRequest(text)) return null;
        var rest = opened ?? text;
        var words = UtteranceText.Tokens(rest);
        var hits = OtherSlots(turn, ask, givenOnly: true)
            .Where(s => s.Kind == "enum")
            .Select(s => (s.Name, Value: SlotValueParser.Extract(s, rest, context), Slot: s))
            .Where(h => h.Value is not null && !(Given(turn, h.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } old && old.GetString() == h.Value))
            .Where(h => ChoiceWords(h.Slot) is var choices && words.All(w => Lexicon.IsStopWord(w) || lexicon.SaysInstead(w) || choices.Contains(w)))
            .ToList();
        return hits is [var hit] ? new SetSlotCommand(hit.Name, hit.Value!) : null;
    }

    // The words of an enum slot's choices (ids, labels' synonyms as the parser reads them), in lower case.
    private static HashSet<string> ChoiceWords(SlotInfo slot) =>
        slot.Values.SelectMany(v => v.Synonyms.Prepend(v.Value)).SelectMany(UtteranceText.Tokens).ToHashSet(StringComparer.Ordinal);

    /// <summary>A new value, inside the words, of exactly one slot the user gave (that the words also name, when <paramref name="named"/>).</summary>
    private static SetSlotCommand? CorrectionInside(TurnContext turn, AskStep ask, string rest, Lexicon lexicon, SlotParseContext context, bool named)
    {
        var hits = OtherSlots(turn, ask, givenOnly: true).Where(StandsOut).Where(slot => !named || Names(turn, rest, slot.Name, lexicon))
            .Select(slot => (slot.Name, Value: SameDay(turn, slot, rest, context) ?? SlotValueParser.Extract(slot, rest, context)))
            .Where(p => p.Value is not null && !(Given(turn, p.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } old && old.GetString() == p.Value))
            .ToList();
        return hits is [var hit] ? new SetSlotCommand(hit.Name, hit.Value!) : null;
    }

    /// <summary>
    /// At an ask, the user goes back to a slot given earlier in this flow and asked by a step of it: "change the quantity
    /// to 3", "the size should be large" (with the new value), "can I change the quantity?" (its question again), or a
    /// correction opener and a count for the one number the user gave ("actually make it 3", "wait, I meant 3
    /// laptops") unless the asked slot (<paramref name="asked"/>, null at a free-text question) takes that answer itself.
    /// </summary>
    private static Command? SlotChange(TurnContext turn, AskStep ask, SlotInfo? asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (turn.TopFlow is not { } flow) return null;
        var given = OtherSlots(turn, ask, givenOnly: true).Where(s => OwnerFlow(turn, s.Name) is { } owner && FlowRunner.FillingStep(owner, s.Name) is AskStep).ToList();
        if (given.Count == 0) return null;
        // The value first: "change the quantity to 3" is also "change" and three words.
        if (lexicon.ChangeTo(text) is { } change
            && NamedAmong(turn, change.Target, given, s => s.Name, lexicon) is [var slot] && NewValue(turn, slot, change.Value, lexicon, context) is { } value)
        {
            return new SetSlotCommand(slot.Name, value);
        }
        if (lexicon.ChangeTarget(text) is { Length: > 0 } target)
        {
            // Its question again: only a slot of the running flow (a caller's question is not this flow's to ask). A new
            // value in the same message is that answer ("sorry, wrong card: LIB654321" lost the number and asked for it).
            if (NamedAmong(turn, target, given, s => s.Name, lexicon) is not [var only] || FlowRunner.FillingStep(flow, only.Name) is null) return null;
            return StandsOut(only) && SlotValueParser.Extract(only, text, context) is { } named && named != Given(turn, only.Name)?.ToString()
                ? new SetSlotCommand(only.Name, named)
                : new ChangeSlotCommand(only.Name);
        }
        if (lexicon.AfterCorrectionOpener(text) is not { } rest || (asked is not null && SlotValueParser.TryParse(asked, rest, context, out _, out _))) return null;
        return given.Where(s => s.Kind is "integer" or "number").ToList() is [var number] && CountOnly(turn, ask, number, rest, lexicon, context) is { } count
            ? new SetSlotCommand(number.Name, count)
            : null;
    }

    /// <summary>
    /// True when a word of <paramref name="target"/> (four letters or more, no function word) is a word of the flow's
    /// label in the turn's language, its description or its id ("appointment" of "your appointment booking").
    /// </summary>
    private static bool NamesFlow(TurnContext turn, Runtime.CompiledFlow flow, string target)
    {
        var label = flow.Definition.Label?.Variants.GetValueOrDefault(turn.Language) ?? [];
        var names = label.Append(flow.Definition.Description).Append(flow.Id.Replace('_', ' '))
            .SelectMany(UtteranceText.Tokens).ToHashSet(StringComparer.Ordinal);
        return UtteranceText.Tokens(target).Any(w => w.Length >= 4 && !Lexicon.IsStopWord(w) && names.Contains(w));
    }

    /// <summary>True when the words name the slot: as a whole (<see cref="Lexicon.NamesSlot"/>) or by one word (<see cref="NamesSlot"/>).</summary>
    private static bool Names(TurnContext turn, string target, string slot, Lexicon lexicon, bool further = false) =>
        NamesSlotOrType(turn, target, slot, lexicon) || UtteranceText.Tokens(target).Any(word => NamesSlot(turn, word, slot, lexicon, further));

    /// <summary>
    /// The slots the words name (<see cref="Names"/>); only when none is named so, those their label or the question of a
    /// sub-flow that fills them names ("the city" for the address sub-flow's "Which town or city?"), which must not make
    /// "the address" ambiguous with an e-mail sub-flow's "What e-mail address should we use?".
    /// </summary>
    private static List<T> NamedAmong<T>(TurnContext turn, string target, IEnumerable<T> slots, Func<T, string> name, Lexicon lexicon)
    {
        var all = slots.ToList();
        var named = all.Where(s => Names(turn, target, name(s), lexicon)).ToList();
        // "the return station" beside a pickup station and a return time: each of those is named by one of its words, the
        // return station by both, so it is the one meant; a tie ("the station") stays two.
        if (named.Count > 1 && UtteranceText.Tokens(target).Where(w => !Lexicon.IsStopWord(w)).ToList() is { Count: > 1 } words
            && named.Select(s => words.Count(w => Names(turn, w, name(s), lexicon))).ToList() is var counts
            && counts.Count(c => c == counts.Max()) == 1)
        {
            return [named[counts.IndexOf(counts.Max())]];
        }
        return named.Count > 0 ? named : [.. all.Where(s => Names(turn, target, name(s), lexicon, further: true))];
    }

    /// <summary>
    /// <see cref="Lexicon.NamesSlot"/> for the slot's name, or for the name of its type: "the time" names <c>when</c> of
    /// type <c>appointment_time</c>; or the word for its kind of value: "the date" names a date or date-time slot,
    /// "the time" a time or date-time slot ("Datum", "Uhrzeit", "Zeit").
    /// </summary>
    private static bool NamesSlotOrType(TurnContext turn, string target, string slot, Lexicon lexicon) =>
        lexicon.NamesSlot(target, slot)
        || (turn.Bot.FindSlot(turn.Top?.Flow, slot) is { } definition
            && ((definition.Type.Name != slot && lexicon.NamesSlot(target, definition.Type.Name))
                || (KindWords(turn, slot) is { } kindWords && lexicon.NamesSlot(target, kindWords))));

    // The words for a date, time or date-time slot's kind of value, as a slot name Lexicon.NamesSlot reads; null for other kinds.
    private static string? KindWords(TurnContext turn, string slot) =>
        turn.Bot.FindSlot(turn.Top?.Flow, slot) is not { } definition ? null : turn.Bot.TypeOf(definition).Kind switch
        {
            SlotKind.Date => "date_datum",
            SlotKind.Time => "time_zeit_uhrzeit",
            SlotKind.DateTime => "date_time_datum_zeit_uhrzeit",
            _ => null,
        };

    /// <summary>
    /// A value the user names for a slot in a change request ("to 3", "to large", "to next Friday"), read as that slot
    /// reads it (<see cref="SlotRules.Reading"/>: "change the day to wednesday" after "next week tuesday" is next week's).
    /// </summary>
    private static string? NewValue(TurnContext turn, SlotInfo slot, string text, Lexicon lexicon, SlotParseContext context)
    {
        var reading = SlotRules.Reading(turn, slot.Name, context);
        return SameDay(turn, slot, text, reading)
            ?? (SlotValueParser.TryParse(slot, text, reading, out var value, out _) ? value
                : slot.Kind is "integer" or "number" ? ShortNumber(slot, text, lexicon, context)
                : StandsOut(slot) ? SlotValueParser.Extract(slot, text, reading)
                : null);
    }

    /// <summary>
    /// The one number of a correction that says nothing else: "3", "3 of them", "three laptops" for a laptop order (the
    /// value already chosen, or a word for the slot). Null when another word may be about something else ("3 Baker St").
    /// </summary>
    private static string? CountOnly(TurnContext turn, AskStep ask, SlotInfo slot, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (SlotValueParser.SingleNumber(slot, text, context) is not { } value) return null;
        var held = OtherSlots(turn, ask, givenOnly: true).Where(s => s.Kind == "enum")
            .Select(s => (Slot: s, Value: Given(turn, s.Name)))
            .Where(p => p.Value is { ValueKind: System.Text.Json.JsonValueKind.String })
            .ToList();
        foreach (var word in UtteranceText.Tokens(text))
        {
            if (word.Any(char.IsDigit) || lexicon.NumberWord(word) is not null || Lexicon.IsStopWord(word) || NamesSlot(turn, word, slot.Name, lexicon)) continue;
            if (held.Any(p => SlotValueParser.Extract(p.Slot, word, context) == p.Value!.Value.GetString())) continue;
            return null;
        }
        return value;
    }

    /// <summary>
    /// The slots of the running flow other than the asked one that the user may fill or correct here: those given
    /// already and (unless <paramref name="givenOnly"/>) those the flow asks later; never a slot only a step sets.
    /// </summary>
    private static IEnumerable<SlotInfo> OtherSlots(TurnContext turn, AskStep ask, bool givenOnly)
    {
        if (turn.Top is not { } top) yield break;
        var scope = InterruptionScope.For(turn);
        var asked = !givenOnly && turn.Bot.Flows.TryGetValue(top.Flow, out var flow) ? flow.Definition.Steps.OfType<AskStep>().Select(a => a.Slot.Name).Concat(ChoiceDefaults(turn, flow)) : [];
        var seen = new HashSet<string>(StringComparer.Ordinal) { ask.Slot.Name };
        foreach (var name in top.Slots.Keys.Concat(asked))
        {
            if (!seen.Add(name) || !scope.AllowsCorrection(name) || turn.Bot.FindSlot(top.Flow, name) is not { } definition) continue;
            yield return turn.Bot.SlotInfo(definition, turn.Language);
        }
        // A sub-flow (not routable: the order's e-mail question) is part of its caller's conversation, so what the user
        // gave the caller may be corrected there too ("ich will doch lieber ein Tablet" at the e-mail question).
        for (var i = turn.State.Stack.Count - 2; i >= 0 && turn.Bot.Flows.TryGetValue(turn.State.Stack[i + 1].Flow, out var sub) && !sub.Definition.Routable; i--)
        {
            var caller = turn.State.Stack[i];
            foreach (var name in caller.Slots.Keys)
            {
                if (!seen.Add(name) || !scope.AllowsCorrection(name) || turn.Bot.FindSlot(caller.Flow, name) is not { } definition) continue;
                yield return turn.Bot.SlotInfo(definition, turn.Language);
            }
        }
    }

    /// <summary>
    /// The flow's choice slots that no question asks and no http or call step fills: a default a <c>set</c> step gives
    /// unless the user said otherwise (the helpdesk's priority, "normal" unless "urgent"), which the user may say at any
    /// question, as in the opening message.
    /// </summary>
    private static IEnumerable<string> ChoiceDefaults(TurnContext turn, Runtime.CompiledFlow flow) =>
        flow.Definition.Slots.Where(s => turn.Bot.TypeOf(s.Value).Kind == SlotKind.Enum && FlowRunner.FillingStep(flow, s.Key) is null
                && !flow.Steps.OfType<HttpStep>().Any(h => h.Result.Concat(h.ErrorResult).Any(r => r.Slot.Name == s.Key)))
            .Select(s => s.Key);

    /// <summary>The value the user gave a slot in the running flow or (from a sub-flow) in a flow that called it.</summary>
    private static System.Text.Json.JsonElement? Given(TurnContext turn, string slot)
    {
        for (var i = turn.State.Stack.Count - 1; i >= 0; i--)
        {
            if (turn.State.Stack[i].Slots.TryGetValue(slot, out var value)) return value;
        }
        return null;
    }

    /// <summary>The flow of the innermost frame that holds the slot (the running flow, or a caller of a sub-flow).</summary>
    private static Runtime.CompiledFlow? OwnerFlow(TurnContext turn, string slot)
    {
        for (var i = turn.State.Stack.Count - 1; i >= 0; i--)
        {
            if (turn.State.Stack[i].Slots.ContainsKey(slot)) return turn.Bot.Flows.GetValueOrDefault(turn.State.Stack[i].Flow);
        }
        return null;
    }

    /// <summary>
    /// True when a word of the message names another slot of the flow and none names the asked one ("what times do you
    /// have?" at the service question of a repair booking that asks the time later).
    /// </summary>
    private static bool AsksAboutOtherSlot(TurnContext turn, AskStep ask, string text, Lexicon lexicon)
    {
        var words = UtteranceText.Tokens(text);
        return !words.Any(word => NamesSlot(turn, word, ask.Slot.Name, lexicon))
            && OtherSlots(turn, ask, givenOnly: false).Any(s => words.Any(word => NamesSlot(turn, word, s.Name, lexicon)));
    }

    /// <summary>
    /// "which branches are there?", "what branches do you have?" at a question that is no choice itself (the pickup day):
    /// the one enum slot of the flow, given already or asked later, that a word of the question names (its name, an
    /// everyday word for it, a noun of its question). Null when none or several do, or when the words name a value.
    /// </summary>
    private static string? OptionsOfOther(TurnContext turn, AskStep ask, string text, Lexicon lexicon)
    {
        var named = OtherSlots(turn, ask, givenOnly: false).Where(s => s.Kind == "enum")
            .Where(s => UtteranceText.Tokens(text).Any(word => NamesSlot(turn, word, s.Name, lexicon)))
            .ToList();
        return named is [var only] && SlotValueParser.Extract(only, text, turn.UserParse) is null ? only.Name : null;
    }

    /// <summary>
    /// At a number question, the days a sentence gives the date slots of the flow it names ("the departure is Dec 22" at
    /// "How many guests?"): the 22 there is a day, not a count. Each named slot is read as it is at its own question
    /// (the departure after the arrival); the value it holds already counts too, since the user says it again.
    /// </summary>
    private static List<SetSlotCommand> NamedDates(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (asked.Kind is not ("integer" or "number") || lexicon.AsksAbout(text)) return [];
        var rest = lexicon.AfterCorrectionOpener(text) ?? text;
        return [.. OtherSlots(turn, ask, givenOnly: false).Where(s => s.Kind is "date" or "datetime" && Names(turn, rest, s.Name, lexicon))
            .Select(s => (s.Name, Value: SameDay(turn, s, rest, context) ?? SlotValueParser.Extract(s, rest, SlotRules.Reading(turn, s.Name, context))))
            .Where(p => p.Value is not null)
            .Select(p => new SetSlotCommand(p.Name, p.Value!))];
    }

    /// <summary>
    /// Two answers in one short message ("3 large ones", "zwei große", "large, 2 of them"): the asked slot's value
    /// inside it (its one number, or a value of a kind that stands out) and a value of exactly one other slot of the
    /// flow. Only up to five words: in a longer sentence a number is too often about something else.
    /// Also more than two ("checkup, monday at 10, ann@example.com"), each other value the only one of its kind; and an
    /// e-mail address in a longer answer, which is nothing else ("my vpn keeps dropping, my email is a@b.de").
    /// </summary>
    private static List<Command>? TwoAtOnce(TurnContext turn, AskStep ask, SlotInfo asked, string text, SlotParseContext context)
    {
        var longer = UtteranceText.Tokens(text).Length > 5;
        if (longer && !text.Contains('@', StringComparison.Ordinal)) return null;
        static string? Inside(SlotInfo slot, string text, SlotParseContext context) =>
            slot.Kind is "integer" or "number" ? SlotValueParser.SingleNumber(slot, text, context) : StandsOut(slot) ? SlotValueParser.Extract(slot, text, context) : null;
        if (Inside(asked, text, context) is not { } mine) return null;
        // "wir sind 3", "3 Personen" after the time: the number that answers the count is no second value ("3" read
        // again as 15:00 silently changed the time).
        var count = asked.Kind is "integer" or "number" ? SlotValueParser.SingleNumberWords(text, context) : null;
        var others = OtherSlots(turn, ask, givenOnly: false)
            .Where(s => s.Kind != asked.Kind && (StandsOut(s) || s.Kind is "integer" or "number") && (!longer || s.Kind == "email"))
            .Select(s => (s.Name, s.Kind, Slot: s, Value: Inside(s, text, context),
                Same: count is not null && SlotValueParser.TryParse(s, count, context, out var again, out _) ? again : null))
            .Where(p => p.Value is not null && p.Value != p.Same)
            // "about 85,000 km" at the mileage: a pattern that takes the count's digits with the word before them
            // ("ABOUT85" as a number plate) is the count again, not a second value.
            .Where(p => p.Kind != "regex" || count is null || !SharesDigits(SlotValueParser.PatternWords(p.Slot, text, context), count))
            .ToList();
        // "checkup, monday at 10, ann@example.com": each other value of its own kind; two slots of one kind could be either.
        return others.Count > 0 && others.DistinctBy(o => o.Kind).Count() == others.Count
            ? [new SetSlotCommand(ask.Slot.Name, mine), .. others.Select(o => new SetSlotCommand(o.Name, o.Value!))]
            : null;
    }

    // Whether two pieces of one message share a run of digits ("about 85" and "85,000").
    private static bool SharesDigits(string? a, string b) =>
        a is not null && DigitRuns(a).Intersect(DigitRuns(b)).Any();

    private static IEnumerable<string> DigitRuns(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\d+").Select(m => m.Value);

    /// <summary>
    /// "no wait, make it 3", "nein, drei", "actually make it 3" at a later question: a no or a correction opener followed
    /// by nothing but a number corrects the one number the user gave in this flow — unless the number answers the
    /// question asked ("actually 3" at a count). A bare number is no correction (it may mean anything at that question),
    /// nor is a number in a longer sentence; with two number slots filled it could be either.
    /// </summary>
    private static SetSlotCommand? NumberCorrection(TurnContext turn, AskStep ask, SlotInfo asked, string text, Lexicon lexicon, SlotParseContext context)
    {
        var rest = lexicon.LeadingYesNo(text) is { Yes: false, After: { Length: > 0 } afterNo } ? afterNo
            : lexicon.AfterCorrectionOpener(text) is { } opened && SlotValueParser.Extract(asked, opened, context) is null ? opened : null;
        if (rest is null) return null;
        var numbers = OtherSlots(turn, ask, givenOnly: true).Where(slot => slot.Kind is "integer" or "number").ToList();
        return numbers is [var only] && ShortNumber(only, rest, lexicon, context) is { } value ? new SetSlotCommand(only.Name, value) : null;
    }

    /// <summary>
    /// A number as the whole answer, or the one number of a short answer once fillers are peeled ("wait, make it 3
    /// kilos", "3 of them", "drei Stück"): a correction names the number with its unit. In a longer sentence a number
    /// is too often about something else ("we are away for 3 weeks in May").
    /// </summary>
    private static string? ShortNumber(SlotInfo slot, string text, Lexicon lexicon, SlotParseContext context) =>
        SlotValueParser.TryParse(slot, text, context, out var whole, out _) ? whole
        : UtteranceText.Tokens(lexicon.Peel(text)).Length <= 3 ? SlotValueParser.SingleNumber(slot, lexicon.PeelRaw(text), context) : null;

    /// <summary>
    /// "actually we are 4 people", "eigentlich sind wir 4 Personen", "actually we need 4 bikes" after "How many bikes?":
    /// the one number of a sentence of any length when the word after it names the slot (<see cref="NamesSlot"/>) and no
    /// other confirmed slot, so it cannot be about something else ("away for 3 weeks").
    /// </summary>
    private static string? CountOf(TurnContext turn, ConfirmStep confirm, SlotInfo slot, string name, string text, Lexicon lexicon, SlotParseContext context)
    {
        if (SlotValueParser.SingleNumber(slot, text, context) is not { } value) return null;
        var words = UtteranceText.Tokens(text);
        for (var i = 1; i < words.Length; i++)
        {
            var number = words[i - 1].All(char.IsDigit) || (!lexicon.IsArticle(words[i - 1]) && lexicon.NumberWord(words[i - 1]) is not null);
            if (number && NamesSlot(turn, words[i], name, lexicon)
                && InterruptionScope.ConfirmedSlots(turn, confirm).Count(other => NamesSlot(turn, words[i], other, lexicon)) == 1)
            {
                return value;
            }
            // "make that three phones" for an order of phones: the number counts the thing already chosen.
            if (number && InterruptionScope.ConfirmedSlots(turn, confirm).Any(other => other != name && HoldsValueNamed(turn, other, words[i], context))) return value;
        }
        return null;
    }

    /// <summary>True when the words name the value the enum slot already holds ("phones" for a product that is the phone).</summary>
    private static bool HoldsValueNamed(TurnContext turn, string slot, string words, SlotParseContext context) =>
        turn.Bot.FindSlot(turn.Top?.Flow, slot) is { } definition && HoldsValueNamed(turn, turn.Bot.SlotInfo(definition, turn.Language), words, context);

    private static bool HoldsValueNamed(TurnContext turn, SlotInfo slot, string words, SlotParseContext context) =>
        slot.Kind == "enum" && Given(turn, slot.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } held
        && SlotValueParser.Extract(slot, words, context) == held.GetString();

    /// <summary>
    /// True when <paramref name="word"/> names the slot: a word of its name or its type's name or an everyday word for one
    /// (<see cref="Lexicon.NamesSlot"/>: "people", "Personen" for <c>people</c>), or a noun of the question that asks for
    /// it as the user saw it, in the user's language ("bikes" after "How many bikes?", "Fahrräder" after "Wie viele
    /// Fahrräder?"; the singular or plural too). With <paramref name="further"/>, also a word of the slot's label or of
    /// the question a called sub-flow asks for it, or the first part of a compound of them ("Zähler" of "Zählerstand").
    /// </summary>
    private static bool NamesSlot(TurnContext turn, string word, string slot, Lexicon lexicon, bool further = false)
    {
        if (lexicon.NamesSlot(word, slot)) return true;
        // "Abreise" for check_out of type departure_day: the everyday words for the type's name too.
        if (turn.Bot.FindSlot(turn.Top?.Flow, slot) is { } definition && definition.Type.Name != slot && lexicon.NamesSlot(word, definition.Type.Name)) return true;
        if (word.Length < 3 || Lexicon.IsStopWord(word) || lexicon.NumberWord(word) is not null) return false;
        // Further, one everyday word for the kind of value: "the day" for an appointment's date-time "when" (conv67's
        // trial), only where no slot is named by its own words ("den Tag" is the slot "tag", not also the birth date).
        if (further && KindWords(turn, slot) is { } kindWords && lexicon.NamesSlot(word, kindWords)) return true;
        var folded = UtteranceText.Fold(word);
        // Further, also the head of a compound of them: "wie lese ich den Zähler ab?" names the reading labelled "Zählerstand",
        // "ich finde die Nummer nicht" the "Sendungsnummer" asked for.
        bool Fits(string w) => w == folded || SlotValueParser.Plurals(w).Contains(folded) || SlotValueParser.Plurals(folded).Contains(w)
            || (further && folded.Length >= 5 && w.Length > folded.Length + 2
                && (w.StartsWith(folded, StringComparison.Ordinal) || w.EndsWith(folded, StringComparison.Ordinal)));
        // The slot's own label ("label: { de: Ort, en: city }") names it in the user's language.
        if (further && turn.Bot.FindSlot(turn.Top?.Flow, slot)?.Label is { } labelled
            && (labelled.Variants.GetValueOrDefault(turn.Language) ?? labelled.Variants.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) ?? [])
                .SelectMany(UtteranceText.Tokens).Select(UtteranceText.Fold).Any(Fits)) return true;
        if (turn.TopFlow is not { } flow || (further ? AskingStep(turn, flow, slot, depth: 0) : FlowRunner.FillingStep(flow, slot) as AskStep) is not { } ask || !turn.Bot.Responses.TryGetValue(ask.Response.Name, out var response)) return false;
        return response.Variants.Select(v => v.Text).Append(response.Text)
            .SelectMany(t => t.Variants.GetValueOrDefault(turn.Language) ?? t.Variants.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) ?? [])
            .SelectMany(t => UtteranceText.Tokens(Runtime.Template.OfDefinition(t).Render(_ => " "))) // "{{ quantity }}" is no word the user saw
            .Select(UtteranceText.Fold)
            .Any(Fits);
    }

    /// <summary>
    /// The question that asks for the slot: the flow's own ask, or the ask of the sub-flow a call step takes it from
    /// ("In welchem Ort?" of the address sub-flow names <c>ort</c> at the caller's confirmation, "change the city").
    /// </summary>
    private static AskStep? AskingStep(TurnContext turn, Runtime.CompiledFlow flow, string slot, int depth) =>
        FlowRunner.FillingStep(flow, slot) switch
        {
            AskStep ask => ask,
            CallStep call when depth < 3 && turn.Bot.Flows.TryGetValue(call.Flow.Name, out var sub)
                => call.Outputs.Where(o => o.Parent.Name == slot).Select(o => AskingStep(turn, sub, o.Child.Name, depth + 1)).FirstOrDefault(a => a is not null),
            _ => null,
        };

    /// <summary>
    /// A time alone for a date-time already given keeps its day ("make it 10:30" on Friday is Friday 10:30), and a day
    /// alone keeps its time ("actually Tuesday instead" for Monday 9:00 is Tuesday 9:00).
    /// </summary>
    /// A day of the month alone stays in the month of the value it corrects ("actually the 20th" for January 15 is
    /// January 20; <see cref="SlotParseContext.Corrects"/>).
    private static string? SameDay(TurnContext turn, SlotInfo slot, string text, SlotParseContext context)
    {
        var current = turn.Value(slot.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } held ? held.GetString() : null;
        var correcting = SlotValueParser.Correcting(slot, current, context);
        return SameDayAt(turn, slot, text, context)
            ?? (slot.Kind == "datetime" && current is not null ? SlotValueParser.SameTimeOn(slot, current, text, correcting) : null)
            // Only where the corrected day changes the reading: any other day reads as it would anyway.
            ?? (slot.Kind == "date" && current is not null && SlotValueParser.Extract(slot, text, correcting) is { } day
                && day != SlotValueParser.Extract(slot, text, context) ? day : null);
    }

    /// <summary>A time alone for a date-time already given, on its day ("make it 10:30" on Friday is Friday 10:30).</summary>
    private static string? SameDayAt(TurnContext turn, SlotInfo slot, string text, SlotParseContext context) =>
        slot.Kind == "datetime" && turn.Value(slot.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } current
            ? SlotValueParser.SameDayAt(slot, current.GetString()!, text, context)
            : null;

    // The words say a slot's name of two words or more as one phrase, or as one joined word: "check out", "checkout".
    private static bool SaysWholeName(string[] words, string slot) =>
        slot.Split('_', StringSplitOptions.RemoveEmptyEntries).Length > 1 && WithoutName(words, slot) != string.Join(' ', words).Replace('-', ' ').Trim();

    // The words without the slot's name said in them ("the check out on monday" -> "the on monday").
    private static string WithoutName(string[] words, string slot)
    {
        var name = slot.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        return (" " + string.Join(' ', words).Replace('-', ' ') + " ").Replace(" " + string.Join(' ', name) + " ", " ", StringComparison.Ordinal)
            .Replace(" " + string.Concat(name) + " ", " ", StringComparison.Ordinal).Trim();
    }

    /// <summary>
    /// Kinds whose values cannot be mistaken for something else the user said (a value, a date, an address, a pattern),
    /// so the engine may take one as a correction without a model; numbers, yes/no and free text can.
    /// </summary>
    private static bool StandsOut(SlotInfo slot) => slot.Kind is "enum" or "date" or "time" or "datetime" or "email" or "regex";

    /// <summary>
    /// At a confirmation, a value for exactly one of the confirmed slots, alone or after a yes/no ("large", "groß",
    /// "no, a phone", "yes, 3"): that correction (and the yes/no). Null when the message is not one.
    /// </summary>
    private static List<Command>? Correction(TurnContext turn, ConfirmStep confirm, string text, Lexicon lexicon, SlotParseContext context)
    {
        var lead = lexicon.LeadingYesNo(text);
        var rest = lead?.After ?? text;
        if (rest.Length == 0) return null;
        // "change the dates to Dec 20 to Dec 22", "no, from the 21st to the 23rd": both days of the flow's period when
        // both are confirmed, read as at its questions (one day alone could be either, so it was no correction).
        if (turn.TopFlow is { } flow && SlotRules.Period(turn.Bot, flow) is var (start, end)
            && InterruptionScope.ConfirmedSlots(turn, confirm) is var shown && shown.Contains(start) && shown.Contains(end)
            && PeriodNamed(turn, flow, rest, onlyAsked: start) is [_, _] period)
        {
            return lead is { } said ? [said.Yes ? new AffirmCommand() : new DenyCommand(), .. period] : period;
        }
        // "change the quantity to 3": the slot it names gets the value (without one it is a change request).
        // "change it to network" names no slot: the value alone decides, below. A value the slot refuses ("change the
        // date to 2027-06-01" beyond the calendar) asks the slot's question again, which says what it takes.
        if (lexicon.ChangeTo(rest) is { } change
            && NamedAmong(turn, change.Target, InterruptionScope.ConfirmedSlots(turn, confirm), n => n, lexicon) is [var target]
            && turn.Bot.FindSlot(turn.Top!.Flow, target) is { } changed)
        {
            return NewValue(turn, turn.Bot.SlotInfo(changed, turn.Language), change.Value, lexicon, context) is { } value ? [new SetSlotCommand(target, value)] : [new ChangeSlotCommand(target)];
        }
        // "no, the title is Dune Messiah": a no, then the new value stated for the one confirmed slot it names — also a
        // free text, which no value shows by itself (conv18: the renewal was declined and the title lost).
        // "no, the title is wrong" asks for it again; "no, the title is correct" is no value either.
        // "der Ort ist Berlin" after "Was möchten Sie ändern?": the change prompt asked for exactly that, no "no" needed.
        if ((lead is { Yes: false } || (lead is null && turn.AwaitsChange)) && StatedSlot(turn, confirm, rest, lexicon) is ({ } statedSlot, { } stated)
            && turn.Bot.FindSlot(turn.Top!.Flow, statedSlot) is { } statedDefinition)
        {
            if (lexicon.YesNo(stated) is { } verdict) return verdict ? null : [new ChangeSlotCommand(statedSlot)];
            if (NewValue(turn, turn.Bot.SlotInfo(statedDefinition, turn.Language), stated, lexicon, context) is { } statedValue) return [new SetSlotCommand(statedSlot, statedValue)];
        }
        var asks = AsksAboutValue(lexicon, rest);
        // "yes but make it 30" for a top-up of 20 € opens the change with "but" as "no wait, make it 3" does with "wait":
        // read with the "but", the number stood in a four-word sentence, and the yes alone charged 20 € (author20).
        var afterContrast = lead is not null && rest.Split(' ', 2) is [var opener, { Length: > 0 } changeWords]
            && lexicon.IsClauseContrast(opener.TrimEnd(',').ToLowerInvariant()) ? changeWords.TrimStart(',', ' ') : rest;
        var hits = new List<SetSlotCommand>();
        var hourHits = new List<string>();
        // A value alone is read only for the slots the user gave: a price a service returned is shown at the
        // confirmation too, and counted as a second number it made "nein, 3 Gäste" a plain no (the hotel trial).
        var given = InterruptionScope.ConfirmedSlots(turn, confirm).Where(n => !turn.Bot.WorkedOutSlots.Contains(n)).ToList();
        foreach (var name in given)
        {
            if (turn.Bot.FindSlot(turn.Top!.Flow, name) is not { } definition) continue;
            var slot = turn.Bot.SlotInfo(definition, turn.Language);
            if (slot.Kind == "text") continue;
            // "actually wednesday" after "next week tuesday": a weekday in the week the user named for the day.
            var reading = SlotRules.Reading(turn, name, context);
            // Values that stand out in a sentence are found inside it ("actually make it Wednesday", "send it to b@x.org
            // instead"); a bare number or yes/no inside a sentence is too often about something else ("away for 3 weeks").
            // A question asks about the value it names ("how do I connect to the wifi?" is no network ticket) unless
            // it asks for the change ("can you make it Wednesday?").
            var value = SameDay(turn, slot, rest, reading) ?? (StandsOut(slot)
                ? (asks ? SlotValueParser.TryParse(slot, rest, reading, out var whole, out _) ? whole : null : SlotValueParser.Extract(slot, rest, reading))
                : slot.Kind is "integer" or "number" ? ShortNumber(slot, afterContrast, lexicon, context) ?? CountOf(turn, confirm, slot, name, rest, lexicon, context)
                : SlotValueParser.TryParse(slot, rest, reading, out var v, out _) ? v : null);
            // "übermorgen", "no, Montag" at an English confirmation of a bot that speaks German too: a day or time as the
            // whole answer that only another of the bot's languages reads, as at the date question itself.
            value ??= InOtherLanguage(turn, slot, rest) is { } other && SlotValueParser.TryParse(slot, rest, other, out var foreign, out _) ? foreign : null;
            if (value is not null) hits.Add(new SetSlotCommand(name, value));
            // "make it 2 places" for a class at 18:00 whose hours put "2" at 14:00: a time alone for a date-time is such an hour too.
            if (value is not null && (slot.Kind == "time" || (slot.Kind == "datetime" && value == SameDayAt(turn, slot, rest, reading)))) hourHits.Add(name);
        }
        // "3 please", "make it 3 people" at a table for 2 at 20:00: a number said as a count ("at 3", "3pm" are none) is
        // the count, not also 15:00, the one reading of the hour within the time's bounds (the restaurant trial got
        // "Please answer yes or no."), as a bare number at a later question is no time either (OtherSlotCorrection).
        if (hits.Count > 1 && hourHits.Count > 0 && SlotValueParser.SingleNumberWords(rest, context) is not null) hits.RemoveAll(h => hourHits.Contains(h.Slot));
        // "3 phones please" for 2 phones: the product said again is no change; the count is.
        if (hits.Count > 1 && hits.Count(h => !Restated(turn, h)) == 1) hits.RemoveAll(h => Restated(turn, h));
        // "nee, lieber Donnerstag" at an appointment on Friday for someone born in 1985 (the Bürgeramt trial: a plain no):
        // read for the birth date the weekday is last Thursday, decades from the date it would replace. A day said at a
        // confirmation moves a date near it; when exactly one of the dates it fits is within a year, that one is meant.
        if (hits.Count > 1 && hits.All(h => DateMove(turn, h) is not null) && hits.Count(h => DateMove(turn, h) <= 366) == 1) hits.RemoveAll(h => DateMove(turn, h) > 366);
        // "wait, can the return be tuesday instead", "make the return at the city centre", "die Rückgabe am Dienstag":
        // a value that two confirmed slots could take (the pickup's and the return's) is for the one the message names
        // by its name, label or question (the carrental trial: no correction, then "Please answer yes or no.").
        if (hits.Count > 1 && UtteranceText.Tokens(rest) is var words
            && hits.Where(h => words.Any(w => NamesSlot(turn, w, h.Slot, lexicon, further: true))).ToList() is [var named])
        {
            hits = [named];
        }
        // "no, the check-out on monday" for an arrival (check_in) and a departure (check_out): a slot named by the whole
        // of its name ("check out", "check-out", "checkout") is meant over one that only shares a word of it ("check").
        // The value must stand beside the name, not in it: "the return station" names a station only by its own word.
        if (hits.Count > 1 && UtteranceText.Tokens(rest) is var phrase && hits.Where(h => SaysWholeName(phrase, h.Slot)).ToList() is [var wholly]
            && turn.Bot.FindSlot(turn.Top!.Flow, wholly.Slot) is { } whollyNamed
            && SlotValueParser.Extract(turn.Bot.SlotInfo(whollyNamed, turn.Language), WithoutName(phrase, wholly.Slot), context) is not null)
        {
            hits = [wholly];
        }
        // "actually make it The Hobbit", "change it to The Hobbit", "lieber Momo": a change that names no slot, with no
        // value that stands out, is the new value of the only confirmed free text (the title), unless another confirmed
        // slot takes those words.
        if (hits.Count == 0 && lexicon.ChangeOfIt(rest) is { } replaced && lexicon.YesNo(replaced) is null && !lexicon.IsQuestion(replaced)
            && given.Select(n => turn.Bot.FindSlot(turn.Top!.Flow, n)).OfType<SlotDefinition>()
                .Select(d => turn.Bot.SlotInfo(d, turn.Language)).ToList() is var confirmed
            && confirmed.Where(s => s.Kind == "text").ToList() is [var onlyText]
            && !confirmed.Any(s => s.Kind != "text" && SlotValueParser.Extract(s, replaced, context) is not null))
        {
            hits.Add(new SetSlotCommand(onlyText.Name, replaced));
        }
        if (hits.Count != 1) return null;
        // "no, make it Saturday" when it is Saturday already: the user restates the value, so no "no" that would drop it.
        var same = Restated(turn, hits[0]);
        return lead is { } answer && !(same && !answer.Yes) ? [answer.Yes ? new AffirmCommand() : new DenyCommand(), hits[0]] : [hits[0]];
    }

    /// <summary>
    /// The confirmed slot a statement names and the value it states ("the title is Dune Messiah"). A name statement
    /// ("no, the dog is called Bruno", "nee, der Hund heißt Bruno") states a name: when its words name no confirmed
    /// slot, the slot named "name" (the dog said again is no change of the species, which is what the value was read as).
    /// </summary>
    private static (string Slot, string Value)? StatedSlot(TurnContext turn, ConfirmStep confirm, string rest, Lexicon lexicon)
    {
        var confirmed = InterruptionScope.ConfirmedSlots(turn, confirm);
        if (lexicon.NameStatement(rest) is { } naming
            && (NamedAmong(turn, naming.Target, confirmed, n => n, lexicon) is [var named] ? named
                : NamedAmong(turn, "name", confirmed, n => n, lexicon) is [var name] ? name : null) is { } slot)
        {
            return (slot, naming.Value);
        }
        return lexicon.SlotStatement(rest) is { } stated && NamedAmong(turn, stated.Target, confirmed, n => n, lexicon) is [var statedSlot] ? (statedSlot, stated.Value) : null;
    }

    // How many days a new date moves the date the slot holds; null unless both are dates.
    private static int? DateMove(TurnContext turn, SetSlotCommand hit) =>
        turn.Value(hit.Slot) is { ValueKind: System.Text.Json.JsonValueKind.String } held
        && Expressions.CanonicalText.TryDate(held.GetString(), out var old)
        && Expressions.CanonicalText.TryDate(hit.Value, out var now)
            ? Math.Abs(now.DayNumber - old.DayNumber) : null;

    private static bool Restated(TurnContext turn, SetSlotCommand hit) =>
        turn.Value(hit.Slot) is { } held && (held.ValueKind == System.Text.Json.JsonValueKind.String ? held.GetString() : held.GetRawText()) == hit.Value;

    /// <summary>
    /// A question that does not ask for a change ("how do I connect to the wifi?", not "can you make it urgent?" or
    /// "could you change it to network?"): a value it names is what it asks about, not a correction.
    /// </summary>
    private static bool AsksAboutValue(Lexicon lexicon, string text) =>
        lexicon.IsQuestion(text) && !lexicon.IsRequest(text) && lexicon.AfterCorrectionOpener(text) is null && lexicon.ChangeTo(text) is null && lexicon.ChangeTarget(text) is null;

    /// <summary>
    /// At a confirmation, "change the address", "the size is wrong", "die Adresse ändern": a request to give exactly one
    /// of the confirmed slots again, which a step of this flow fills (its ask, or a call whose output it is), or an enum
    /// slot no question asks for (a default a <c>set</c> step gave: its choices are offered). After "What would you like
    /// to change?" (<c>on_no: { prompt }</c>) naming the slot is enough ("the address", "the priority").
    /// </summary>
    private static ChangeSlotCommand? ChangeRequest(TurnContext turn, ConfirmStep confirm, string text, Lexicon lexicon)
    {
        if ((lexicon.ChangeTarget(text) ?? (turn.AwaitsChange && UtteranceText.Tokens(text).Length <= 3 ? lexicon.Peel(text) : null)) is not { Length: > 0 } target || turn.TopFlow is not { } flow) return null;
        // By its name, its type's name or a word of the question that asks it ("die Zweigstelle ändern": "In welcher
        // Zweigstelle …?"), as a change request at a later question reads it.
        var named = NamedAmong(turn, target, InterruptionScope.ConfirmedSlots(turn, confirm)
            .Where(slot => FlowRunner.FillingStep(flow, slot) is not null || turn.Bot.FindSlot(flow.Id, slot) is { } definition && turn.Bot.SlotInfo(definition, turn.Language).Kind == "enum"), n => n, lexicon);
        return named is [var only] ? new ChangeSlotCommand(only) : null;
    }
}
