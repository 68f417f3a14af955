using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The embedded, deterministic recognizer: pattern words (cancel, help, start over, agent), yes/no, slot values in free
/// text (enum synonyms, numbers, e-mails, dates, patterns) and flows by word overlap with their examples. Good enough
/// for the sample bot, local mode and scripted author tests; no model, no network.
/// </summary>
public sealed partial class KeywordRecognizer : IUnderstanding
{
    /// <summary>Share of an example's content words the input must contain to start its flow.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>The clock relative dates resolve against when the request carries no time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    // Narrower than Lexicon.StopWords on purpose (measured: the lexicon's list loses the bare "order" clarify and 6 German
    // tune lines): a recognizer that only counts shared words needs "where", "what", "need" as content, or "where is my
    // order" and "place an order" collapse to the one word "order".
    private static readonly HashSet<string> StopWords =
    [
        "i", "a", "an", "the", "my", "to", "is", "it", "me", "you", "do", "want", "would", "like", "please", "can", "of", "for", "in", "on", "and", "some", "something", "has", "have",
        "ich", "ein", "eine", "einen", "der", "die", "das", "mein", "meine", "ist", "zu", "bitte", "möchte", "und", "mit", "etwas", "habe",
    ];

    [GeneratedRegex(@"[\p{L}\p{N}'’]+")]
    private static partial Regex WordRegex();

    /// <inheritdoc />
    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        var commands = new List<Command>();
        var lang = request.Language;
        var lexicon = Lexicon.For(lang);
        // "my phone number" is about a number: a value that only modifies the noun after it gives no flow its words.
        var values = request.Slots.Concat(request.Flows.SelectMany(f => f.Slots)).Where(s => s.Kind == "enum").SelectMany(s => s.Values).SelectMany(v => v.Synonyms.Append(v.Value));
        // A German verb split across its clause is one word, as the lexical recognizer reads it: "ich ziehe aus der
        // Wohnung aus" is the move out's "ich ziehe aus", not the move in's "Wohnung". Only a verb an example splits
        // itself, and an example is read both ways: this recognizer matches words by their letters, and "wir ziehen um"
        // shares "ziehe" with "ich ziehe ein" and "ich ziehe aus" (moving, in or out unsaid).
        var german = lexicon == Lexicon.German ? GermanStemmer.SplitVerbs(request.Flows.SelectMany(f => f.Examples), Lexicon.German.IsNoVerb) : null;
        List<string>[] Reads(string text) =>
            german is null || german.Count == 0 ? [Words(text)] : [Words(text), [.. GermanStemmer.ClauseWords(text.ToLowerInvariant(), Words, german.Contains)]];
        // "den Termin brauch ich nicht mehr" is about cancelling the appointment, and "I'm sick of this" matches by "fed
        // up with", as the recognizers that compare examples read them (Lexicon.Plain).
        var words = Reads(lexicon.Plain(SlotValueParser.ValueHeads(request.Text, values, lexicon)))[^1];
        // An example that says the opposite action of the message does not count for it, as in the recognizers that
        // compare examples: "can I check in at midnight?" is no "I'd like a late check-out".
        var sides = WordConcepts.SidesOf(string.Join(' ', words), lexicon);
        IReadOnlyList<string> Counted(IReadOnlyList<string> examples) =>
            sides.Said == UInt128.Zero ? examples : [.. examples.Where(e => !WordConcepts.Opposed(sides, WordConcepts.SidesOf(e, lexicon)))];
        var context = SlotParseContext.For(lang, request.Now ?? TimeProvider.GetUtcNow(), SlotValueParser.ResolveTimeZone(request.TimeZone)) with { MonthFirst = request.MonthFirst };
        string? FindEnum(SlotInfo slot) => SlotValueParser.Extract(slot, request.Text, context);

        var said = lexicon.Command(request.Text);
        if (said is CommandKind.Handoff or CommandKind.StartOver or CommandKind.Cancel) return Result(Command.Create(said.Value));

        if (request.AwaitingConfirmation && words.Count > 0)
        {
            var yes = lexicon.YesNo(request.Text) ?? lexicon.LeadingYesNo(request.Text)?.Yes;
            if (yes is not null) commands.Add(yes.Value ? new AffirmCommand() : new DenyCommand());
        }

        // Flows by overlap with examples; a free-text ask needs a clearer signal to be interrupted.
        var expectingText = request.ExpectedSlot?.Kind == "text";
        // A value the message names backs a flow whose words fit about as well as the best one's (within the margin that
        // asks which is meant); it does not overturn a clear lead: "my dog ate rat poison" is the emergency's "my dog ate
        // chocolate", not a visit booked for the dog (0.583 to 0.292 by the words; the bonus made it 0.542, and the dog decided).
        var byWords = request.Flows.ToDictionary(f => f.Id, f => Score(words, Counted(f.Examples), Reads), StringComparer.Ordinal);
        var bestByWords = byWords.Values.DefaultIfEmpty(0).Max();
        var scores = request.Flows
            .Select(f => new KeyValuePair<string, double>(f.Id, byWords[f.Id] is > 0 and var score && score >= bestByWords - 0.1 && f.Slots.Any(s => s.Kind == "enum" && FindEnum(s) is not null) ? score + 0.25 : byWords[f.Id]))
            .OrderByDescending(p => p.Value).ToList();
        var threshold = expectingText ? Math.Max(Threshold, 0.8) : Threshold;
        // The author's out-of-scope examples (the out_of_scope: section) are scored like one more flow's: nearer than
        // every flow, the message starts none ("my room is dirty" is no booking), as in the recognizers that compare examples.
        var outOfScope = Score(words, request.OutOfScope, Reads) is var oos && oos >= threshold && oos > scores.Select(p => p.Value).DefaultIfEmpty(0).Max();
        var candidates = scores.Where(s => !outOfScope && s.Value >= threshold && !request.ActiveFlows.Contains(s.Key)).ToList();

        // Values for the slot being asked, then enum values for other active slots (corrections, pre-filling). A question
        // that a flow answers is no answer, though it names a value ("when are you open on saturdays?" at the pickup
        // day): the flow outbids the value, as in the recognizers that compare examples.
        var asksAFlow = candidates.Count > 0 && lexicon.IsQuestion(request.Text);
        if (request.ExpectedSlot is { } expected && expected.Kind != "text" && !asksAFlow && SlotValueParser.Extract(expected, request.Text, request.Reading(expected, context)) is { } value)
        {
            commands.Add(new SetSlotCommand(expected.Name, value));
        }
        foreach (var slot in request.Slots.Where(s => s.Kind == "enum" && s.Name != request.ExpectedSlot?.Name))
        {
            if (FindEnum(slot) is { } enumValue && !commands.OfType<SetSlotCommand>().Any(c => c.Value == enumValue)) commands.Add(new SetSlotCommand(slot.Name, enumValue));
        }
        if (candidates.Count > 1 && candidates[0].Value - candidates[1].Value < 0.1 && commands.Count == 0)
        {
            commands.Add(new ClarifyCommand([.. candidates.Take(3).Select(c => c.Key)]));
        }
        else if (candidates.Count > 0 && !commands.OfType<SetSlotCommand>().Any(c => c.Slot == request.ExpectedSlot?.Name))
        {
            commands.Insert(0, new StartFlowCommand(candidates[0].Key));
            var started = request.Flows.First(f => f.Id == candidates[0].Key);
            foreach (var slot in started.Slots.Where(s => s.Kind == "enum"))
            {
                if (FindEnum(slot) is { } v && !commands.OfType<SetSlotCommand>().Any(c => c.Slot == slot.Name)) commands.Add(new SetSlotCommand(slot.Name, v));
            }
        }

        if (commands.Count == 0 && expectingText && said != CommandKind.Help)
        {
            commands.Add(new SetSlotCommand(request.ExpectedSlot!.Name, request.Text.Trim()));
        }
        if (commands.Count == 0 && said == CommandKind.Help) commands.Add(new HelpCommand());
        if (commands.Count == 0 && said == CommandKind.Chitchat) commands.Add(new ChitchatCommand());
        if (commands.Count == 0) commands.Add(new CannotHandleCommand());
        return ValueTask.FromResult(new UnderstandingResult { Path = "keyword", Commands = commands, OutOfScope = outOfScope && commands is [CannotHandleCommand], Scores = [.. scores.Take(3).Select(p => KeyValuePair.Create(UnderstandingResult.FlowKeyPrefix + p.Key, p.Value))] });

        static ValueTask<UnderstandingResult> Result(Command command) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "keyword", Commands = [command] });
    }

    private static List<string> Words(string text) => [.. WordRegex().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    /// <summary>
    /// Half how well the best example is covered by the input, half how much of the input the flow's examples
    /// know about: "order a laptop" fits the flow whose examples talk about ordering and laptops best.
    /// </summary>
    private static double Score(List<string> words, IReadOnlyList<string> examples, Func<string, List<string>[]> reads)
    {
        var input = words.Where(w => !StopWords.Contains(w)).Distinct().ToList();
        if (input.Count == 0 || examples.Count == 0) return 0;
        var best = 0.0;
        var vocabulary = new HashSet<string>();
        foreach (var read in examples.SelectMany(reads))
        {
            var content = read.Where(w => !StopWords.Contains(w)).Distinct().ToList();
            vocabulary.UnionWith(content);
            if (content.Count > 0) best = Math.Max(best, (double)content.Count(w => input.Any(x => Same(x, w))) / content.Count);
        }
        var coverage = (double)input.Count(x => vocabulary.Any(w => Same(x, w))) / input.Count;
        return 0.5 * best + 0.5 * coverage;
    }

    /// <summary>Equal, or the same long word with a different ending (order/orders, bestellen/bestellung).</summary>
    private static bool Same(string a, string b)
    {
        if (a == b) return true;
        if (a.Length < 5 || b.Length < 5) return false;
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common]) common++;
        return common >= Math.Max(a.Length, b.Length) - 3 && common >= 5;
    }
}
