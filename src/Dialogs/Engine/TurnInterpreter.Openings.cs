using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>The values a message names beside the flow it starts: counts, periods, titles, framed answers, other-language values.</summary>
internal sealed partial class TurnInterpreter
{
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
        // The word right after the message's one number: what it counts ("two nights", "2 rooms").
        string? CountedWord(string message) => SlotValueParser.SingleNumberWords(message, context) is { } mention
            && UtteranceText.Tokens(message).ToList() is var tokens && UtteranceText.Tokens(mention).ToList() is [.., var last]
            && tokens.IndexOf(last) is >= 0 and var at && at + 1 < tokens.Count ? tokens[at + 1] : null;
        // "a double room for two nights", "für 3 Tage": the number is how long, not how many.
        bool LengthOfTime(string message) => SlotValueParser.DaysSaid(message, context) is not null
            || CountedWord(message) is { } unit && context.Lexicon.IsLengthUnit(unit);
        // "two rooms if possible", "2 double rooms" to a booking that counts guests: the number counts a thing another slot
        // of the flow is about (its name, its type's name, its label or one of its values), not people.
        bool CountsOtherThing(SlotInfo count) => CountedWord(countText) is { } noun && !context.Lexicon.IsPeopleNoun(noun)
            && CountsPeople(turn, count.Name, flow.Id)
            && slots.Any(other => other != count && (ThingWords(other).Any(w => OneOrMore(UtteranceText.Normalize(noun), w))
                || (other.Kind == "enum" && SlotValueParser.Extract(other, noun, context) is not null)));
        // The thing or several of them ("rooms", "Zimmer", "Taschen"); not a verb of the same stem ("reservieren" is no "Reservierung").
        static bool OneOrMore(string said, string thing) => said == thing || (said.StartsWith(thing, StringComparison.Ordinal) && said[thing.Length..] is "s" or "es" or "e" or "n" or "en");
        IEnumerable<string> ThingWords(SlotInfo other)
        {
            var definition = flow.Definition.Slots.GetValueOrDefault(other.Name);
            return other.Name.Split('_').Concat(definition?.Type.Name.Split('_') ?? []).Concat(LabelWords(definition)).Select(UtteranceText.Normalize).Where(w => w.Length >= 4);
        }
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
                    // "we are moving next month", "a check-up in January": the month goes to the engine, which keeps it for the day question.
                    ?? (s.Kind is "date" or "datetime" && s.Name != asked ? SlotValueParser.MonthWords(text, context) : null)
                    // "a check-up on January 20" for a booking up to January 6: the day goes to the engine, which names the range at its
                    // question. Only for the flow that starts: a refused day is no value that says which flow is meant ("can I get a
                    // sick note for last week" asks about the note, not for a booking with two values).
                    ?? (fromOpening && s.Kind is "date" or "datetime" && s.Name != asked ? SlotValueParser.DayWordsOutOfRange(s, text, context) : null)
                : numbers.Contains(s) ? (numbers is [_] && !LengthOfTime(countText) && !CountsOtherThing(s) ? SlotValueParser.SingleNumber(s, countText, context) ?? OutOfRange(s) : null)
                    // "a room from dec 20 to 23 for 2 people", "a room for me and my wife next weekend": a count said with
                    // what it counts, beside days and other numbers, or a party without a number.
                    ?? CountNamed(turn, flow.Id, s, countText) : null))
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
        if (fromOpening && asked is null && FramedFirstAnswer(turn, flow, slots, commands, named, text) is { } framed)
        {
            turn.Trace.Events.Add("framed_value:" + framed.Slot);
            named.Add(framed);
        }
        if (period is not null) named.InsertRange(0, period);
        return OneSlotPerChoice(turn, flow, named.Count == 0 ? commands : [.. commands, .. named]);
    }

    /// <summary>
    /// "a car at the airport" to a flow that asks a pickup and a return station of one type: a choice named once is the
    /// answer to the first of them that the flow asks, not to both (the return station was never asked, and the user
    /// never said it). A recognizer's reading is cut the same way as the engine's own.
    /// </summary>
    private static IReadOnlyList<Command> OneSlotPerChoice(TurnContext turn, Runtime.CompiledFlow flow, IReadOnlyList<Command> commands)
    {
        int AskedAt(string name) => FlowRunner.FillingStep(flow, name) is { } step ? flow.StepIndex.GetValueOrDefault(step.Id, int.MaxValue) : int.MaxValue;
        var later = commands.OfType<SetSlotCommand>()
            .Select(c => (Command: c, Slot: flow.Definition.Slots.GetValueOrDefault(c.Slot)))
            .Where(p => p.Slot is not null && turn.Bot.TypeOf(p.Slot).Kind == SlotKind.Enum)
            .GroupBy(p => (p.Slot!.Type.Name, p.Command.Value))
            .SelectMany(g => g.OrderBy(p => AskedAt(p.Command.Slot)).Skip(1).Select(p => p.Command))
            .ToHashSet();
        return later.Count == 0 ? commands : [.. commands.Where(c => c is not SetSlotCommand set || !later.Contains(set))];
    }

    /// <summary>
    /// "from dec 20 to 23 for 2 people" at the arrival, "am Freitag zu zweit" at the day: an answer to the asked slot
    /// (or a change of others) that also says a count with what it counts (<see cref="CountNamed"/>) for a count slot of
    /// the running flow that has no value yet and that the answer does not set: that count too, so it is not asked later.
    /// </summary>
    private static List<Command> WithCountsBeside(TurnContext turn, List<Command> commands, string text)
    {
        if (turn.State.Pending is not null || turn.TopFlow is not { } flow || turn.CurrentStep is not AskStep ask
            || !commands.OfType<SetSlotCommand>().Any(c => flow.Definition.Slots.ContainsKey(c.Slot))) return commands;
        var counts = flow.Definition.Slots.Values
            .Where(d => d.Name != ask.Slot.Name && turn.Value(d.Name) is null && commands.OfType<SetSlotCommand>().All(c => c.Slot != d.Name)
                && FlowRunner.FillingStep(flow, d.Name) is not null)
            .Select(d => turn.Bot.SlotInfo(d, turn.Language))
            .Select(s => (s.Name, Value: CountNamed(turn, flow.Id, s, text)))
            .Where(p => p.Value is not null)
            .ToList();
        if (counts.Count == 0) return commands;
        turn.Trace.Events.Add("count_beside:" + string.Join(',', counts.Select(c => c.Name)));
        return [.. commands, .. counts.Select(c => new SetSlotCommand(c.Name, c.Value!))];
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
        var inclusive = SlotRules.Inclusive(turn.Bot, flow, end);
        // At the last day's question a length alone ("for 3 days") counts from the first day held; so does it at a later
        // question once both days are held ("actually make it 3 nights" at the room: the departure moves, the arrival stays).
        var heldStart = onlyAsked is not null && onlyAsked != start && turn.Value(start) is { ValueKind: System.Text.Json.JsonValueKind.String } held ? held.GetString() : null;
        // "18. bis 20. Dezember" in an English conversation with a bot that speaks German too: a period is read in the
        // language it is written in (English found only the arrival in it).
        if ((SlotValueParser.DateRange(from, to, text, context, inclusive, heldStart)
            ?? OtherReadings(turn, text).Select(other => SlotValueParser.DateRange(from, to, text, other, inclusive, heldStart)).FirstOrDefault(r => r is not null)) is var (first, last))
        {
            if (!turn.PeriodRead) turn.Trace.Events.Add($"period:{start}+{end}");
            turn.PeriodRead = true;
            // The first day counted from stays as held: only the last is the answer.
            return first == heldStart ? [new SetSlotCommand(end, KeepTime(to, last))]
                : [new SetSlotCommand(start, KeepTime(from, first)), new SetSlotCommand(end, KeepTime(to, last))];
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

        // "from saturday to tuesday" for a pickup and return given with their times: each day keeps its time, as a day
        // alone corrects one date-time (SameDay); without a time held, the day alone waits for its question.
        string KeepTime(SlotInfo slot, string value) =>
            slot.Kind == "datetime" && Expressions.CanonicalText.TryDate(value, out _)
            && turn.Value(slot.Name) is { ValueKind: System.Text.Json.JsonValueKind.String } held
            && SlotValueParser.SameTimeOn(slot, held.GetString()!, value, context) is { } moved ? moved : value;
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
            .Where(t => !KindOfThing(text, t, Lexicon.For(turn.Language)))
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
        return new SetSlotCommand(slot.Name, value);
    }

    /// <summary>
    /// True when the message asks for a thing by name in a frame ("do you have Voltaren gel?", "have you got any Nurofen",
    /// "is nurofen in stock?"), as one of the flow's own examples asks for one ("have you got aspirin"), and the name
    /// answers the flow's first question (<see cref="FramedFirstAnswer"/>: the stock check's medicine): a request for the
    /// flow, not a question for the knowledge, whatever the name. The name is bare (no article or possessive: "do you have
    /// a toilet?" asks about the place), and either the frame says what is asked of it in the flow's words ("in stock",
    /// "available", "da"; "do you have time tomorrow?" does not), or, in a language that writes only names with a
    /// capital, the user wrote it as a name, or the name ends the message and nothing the bot knows has a word of it
    /// (<see cref="NoOneKnows"/>: "do you have nurofen", "habt ihr Nurofen?"; "do you have parking?" and "do you have
    /// wifi" ask what any service is asked about its place).
    /// </summary>
    private static bool FramesFirstAnswer(TurnContext turn, Runtime.CompiledFlow flow, string text)
    {
        var lexicon = Lexicon.For(turn.Language);
        if (lexicon.FramedValue(text) is not { } thing || UtteranceText.Tokens(thing).FirstOrDefault() is not { } first
            || lexicon.IsArticle(first) || lexicon.IsPossessive(first)) return false;
        // What follows the name in the message, in the words of the flow's examples ("in stock"; not "time tomorrow").
        var said = UtteranceText.Normalize(text);
        var name = UtteranceText.Normalize(thing);
        var at = said.IndexOf(name, StringComparison.Ordinal);
        var examples = flow.ExampleWords(turn.Language);
        var words = examples.SelectMany(e => e).ToHashSet(StringComparer.Ordinal);
        var after = at < 0 ? [] : UtteranceText.Tokens(said[(at + name.Length)..]).ToList();
        var asksOfIt = after.Count > 0 && after.All(w => words.Contains(w) || Lexicon.IsStopWord(w)) && after.Any(words.Contains);
        var writtenAsName = lexicon.Language == "en" && char.IsUpper(thing[0]);
        return (asksOfIt || writtenAsName || (after.All(Lexicon.IsStopWord) && NoOneKnows(turn, thing)))
            && examples.Any(e => lexicon.FramedValue(string.Join(' ', e)) is not null)
            && FramedFirstAnswer(turn, flow, [.. flow.Definition.Slots.Values.Select(d => turn.Bot.SlotInfo(d, turn.Language))], [], [], text) is not null;
    }

    /// <summary>
    /// True when no word of <paramref name="thing"/> (digits aside) is a word the bot or the language knows: none of the
    /// bot's examples in any language, its enum values, its knowledge texts, the everyday words of any service
    /// (<see cref="WordConcepts"/>) or the questions any service is asked (<see cref="Lexicon.OutOfScopeExamples"/>:
    /// "parking", "wifi", "Parkplätze"), by the word match the knowledge uses (stems, compounds, a typo). What is left is
    /// a name only the user knows: "nurofen" is a brand, whatever its letters.
    /// </summary>
    private static bool NoOneKnows(TurnContext turn, string thing)
    {
        var words = UtteranceText.Tokens(thing).Where(w => !Lexicon.IsStopWord(w) && !w.All(char.IsDigit)).ToList();
        if (words.Count == 0 || words.Any(w => WordConcepts.Knows(UtteranceText.Fold(w)))) return false;
        var known = KnownTexts.GetOrAdd(turn.Bot.Revision, _ => [.. BotTexts(turn).Concat(Lexicon.All.SelectMany(l => l.OutOfScopeExamples))]);
        var reading = Lexicon.Reading(thing) ?? Lexicon.For(turn.Language);
        return words.All(w => AnswerStepRunner.Passages.Unmatched(w, known, "known:" + turn.Bot.Revision, reading).Count > 0);
    }

    // What NoOneKnows checks a name against, and what the bot itself says (UnknownThingAsked), once per bot revision.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> KnownTexts = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> OwnTexts = new(StringComparer.Ordinal);

    // The started flow's texts and the other offered flows', per bot revision, flow and offer: built once, not on every
    // lexical start, and the same list objects every turn, so the word match finds a long list's weights by reference
    // (LexicalSimilarity.WeightsFor) instead of joining all its texts into a cache key on each call.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<string> Flow, IReadOnlyList<string> Others)> StartTexts = new(StringComparer.Ordinal);

    // All the bot says, in every language: its examples, its enum values' synonyms, its knowledge texts.
    private static IEnumerable<string> BotTexts(TurnContext turn) =>
        turn.Bot.Vocabularies.Values.Select(v => string.Join(' ', v)).Concat(turn.Bot.Knowledge.SearchTexts);

    /// <summary>
    /// At the top level, a flow the recognizer started for a request about a thing the bot never speaks of
    /// (<see cref="UnknownThing.Of"/>: no example, description, value or knowledge text of the bot has a word of it, by the
    /// recognizer's own word match): "book a train to the airport" to an airline started the flight booking by "book"
    /// and "airport". The user hears that the bot cannot help with it, and what it can do (trace <c>unknown_thing:…</c>).
    /// Only a start the recognizer read (no decider placed it by a value or a name), of a flow that does a task: a flow
    /// that answers from the knowledge has its own reply for what its texts do not say, nor one that takes free text: any
    /// words may be its value ("renew the hobbit": the title; "send money to my landlord"). Only a reading by shared words (the
    /// lexical recognizer, also German under the embedded one): the model reads a new word by its meaning ("the sweater
    /// doesn't fit" to a shop that says "jumper"), and on the tune splits the rule cost it 11 in-scope lines for 3.
    /// </summary>
    private static bool UnknownThingAsked(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || result.Path != LexicalUnderstanding.PathName || commands is not [StartFlowCommand start, ..] || !commands.Skip(1).All(c => c is SetSlotCommand)
            || !turn.Bot.Flows.TryGetValue(start.Flow, out var flow) || AnswersQuestions(flow)
            || flow.Definition.Slots.Values.Any(d => turn.Bot.SlotInfo(d, turn.Language).Kind == "text")) return false;
        var own = OwnTexts.GetOrAdd(turn.Bot.Revision, _ => [.. BotTexts(turn).Concat(turn.Bot.Flows.Values.Select(f => f.Definition.Description))]);
        static IEnumerable<string> Texts(Runtime.CompiledFlow f) => (f.Definition.Examples?.Variants.Values.SelectMany(v => v) ?? []).Append(f.Definition.Description);
        var otherFlows = OtherFlows(turn, InterruptionScope.For(turn)).Where(f => f.Id != flow.Id).ToList();
        var (flowTexts, others) = StartTexts.GetOrAdd(turn.Bot.Revision + ":" + flow.Id + ":" + string.Join(',', otherFlows.Select(f => f.Id)),
            _ => ([.. Texts(flow)], [.. otherFlows.SelectMany(Texts)]));
        if (UnknownThing.Of(text, Lexicon.For(turn.Language), own, flowTexts, others, "own:" + turn.Bot.Revision, "own:" + turn.Bot.Revision + ":" + flow.Id) is not { } thing) return false;
        turn.Trace.Events.Add("unknown_thing:" + thing);
        turn.OutOfScope = true;
        return true;
    }

    /// <summary>
    /// "do you have voltaren gel?" that the recognizer placed nowhere (the lexical one: no example has the name): the one
    /// routable flow the message asks for by a thing's bare name (<see cref="FramesFirstAnswer"/>) starts, and the name
    /// answers its first question. Trace <c>framed_request:flow</c>. Null when none or several do.
    /// </summary>
    private static StartFlowCommand? FramedRequest(TurnContext turn, string text)
    {
        if (turn.State.Stack.Count > 0) return null;
        var framing = OtherFlows(turn, InterruptionScope.For(turn)).Where(f => FramesFirstAnswer(turn, f, text)).Take(2).ToList();
        if (framing is not [var flow]) return null;
        turn.Trace.Events.Add("framed_request:" + flow.Id);
        return new StartFlowCommand(flow.Id);
    }

    // "ich möchte ein Hörbuch ausleihen": one word right after "a"/"ein" is a kind of thing, never a title, though German
    // writes it with a capital.
    private static bool KindOfThing(string text, string candidate, Lexicon lexicon)
    {
        if (UtteranceText.Tokens(candidate) is not [var word]) return false;
        var words = UtteranceText.Tokens(text);
        return Enumerable.Range(1, Math.Max(0, words.Length - 1)).Any(i => words[i] == word && lexicon.IsIndefiniteArticle(words[i - 1]));
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
    /// describes the book), when a word of it is an everyday word that is no title ("renew online", "später"), or when it is
    /// one word after "a"/"ein" ("borrow an e-book": a kind of thing).
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
            // "can I borrow an e-book", "ein Hörbuch vormerken": one word after "a"/"ein" is a kind of thing, no title.
            if (from == to && from > 0 && lexicon.IsIndefiniteArticle(words[from - 1])) return;
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
    /// "Sofa und Matratze" at the English "What would you like us to pick up?": an answer that names two or more of the
    /// asked enum slot's values when the bot's other languages are read too (the English synonyms alone found only the
    /// sofa, and the mattress was lost without a word). Those values, in the slot's order; empty when the turn's own
    /// language already names them all or fewer than two are named.
    /// </summary>
    private static IReadOnlyList<string> ChoicesInAnyLanguage(TurnContext turn, string name, SlotInfo asked, string text)
    {
        if (asked.Kind != "enum" || turn.Bot.Settings.Languages.Count < 2 || turn.Bot.FindSlot(turn.Top!.Flow, name) is not { } definition) return [];
        var own = SlotValueParser.EnumValuesNamed(asked, text, Lexicon.For(turn.Language));
        var named = turn.Bot.Settings.Languages.Select(LanguageDetector.Primary).Distinct(StringComparer.Ordinal)
            .SelectMany(l => SlotValueParser.EnumValuesNamed(turn.Bot.SlotInfo(definition, l), text, Lexicon.For(l)))
            .ToHashSet(StringComparer.Ordinal);
        return named.Count < 2 || named.Count == own.Count ? [] : [.. asked.Values.Select(v => v.Value).Where(named.Contains)];
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
}
