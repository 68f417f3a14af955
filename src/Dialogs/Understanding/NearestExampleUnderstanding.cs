using System.Collections.Concurrent;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Understands text without an LLM by the nearest example utterance under a similarity (lexical or embedding):
/// yes/no at a confirmation, a value for the expected slot, a flow to start, or a global command.
/// It answers <c>cannot_handle</c> below the threshold and when out-of-scope examples are nearer than every flow (by
/// <see cref="NearestExampleOptions.OutOfScopeMargin"/>): the built-in ones (<see cref="Lexicon.OutOfScopeExamples"/>,
/// pooled like a flow's; with <see cref="NearestExampleOptions.OutOfScopeMeaningLead"/> only when nearer in meaning too) or the author's
/// (<see cref="UnderstandingRequest.OutOfScope"/>, nearest alone); it asks to clarify when two different flows
/// score within <see cref="NearestExampleOptions.ClarifyMargin"/>. A flow's description counts as one of its examples
/// (<see cref="NearestExampleOptions.UseDescriptions"/>). Greetings, politeness and hedges are peeled off the message and
/// the examples before they are compared (<see cref="NearestExampleOptions.PeelFrames"/>). Settings may differ per message
/// language (<see cref="NearestExampleOptions.Languages"/>). Top-3 scores go to <see cref="UnderstandingResult.Scores"/>.
/// Text in another of the bot's languages than the request's is matched against that language's examples.
/// </summary>
public sealed class NearestExampleUnderstanding : IUnderstanding
{
    private const string OutOfScopeLabel = "out_of_scope";
    private const string AuthorOutOfScopeLabel = "out_of_scope:author";
    private const int MaxCachedRevisions = 8;

    private readonly IUtteranceSimilarity _similarity;
    private readonly NearestExampleOptions _options;
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private const int MaxCachedExamples = 4096;

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _outOfScope = new(StringComparer.Ordinal);
    private const int MaxCachedCandidateLists = 32;
    private readonly ConcurrentDictionary<string, Candidates> _candidates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Language, string Example), string> _unframedExamples = new();
    private readonly ConcurrentDictionary<(string Language, string Example), WordConcepts.OppositeSides> _exampleSides = new();

    /// <summary>Creates the recognizer; <paramref name="path"/> names it in traces (e.g. <c>embedded</c>, <c>lexical</c>).</summary>
    public NearestExampleUnderstanding(IUtteranceSimilarity similarity, double threshold, string path, TimeProvider? timeProvider = null)
        : this(similarity, new NearestExampleOptions { Threshold = threshold }, path, timeProvider)
    {
    }

    /// <summary>Creates the recognizer with all its settings.</summary>
    public NearestExampleUnderstanding(IUtteranceSimilarity similarity, NearestExampleOptions options, string path, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _similarity = similarity;
        _options = options;
        _path = path;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var localized = request.InDetectedLanguage();
        var language = ReferenceEquals(localized, request) ? null : localized.Language;
        request = localized;
        var options = _options.For(LanguageDetector.Primary(request.Language));
        var top = new List<KeyValuePair<string, double>>();
        UnderstandingResult Result(IReadOnlyList<Command> commands, bool outOfScope = false) =>
            new() { Path = _path, Commands = commands, Scores = top, Language = language, OutOfScope = outOfScope };

        var text = request.Text ?? string.Empty;
        if (UtteranceText.Normalize(text).Length == 0)
        {
            return Result([new CannotHandleCommand()]);
        }

        var lexicon = Lexicon.For(request.Language);
        if (request.AwaitingConfirmation && (lexicon.YesNo(text) ?? lexicon.LeadingYesNo(text)?.Yes) is { } yes)
        {
            var kind = yes ? CommandKind.Affirm : CommandKind.Deny;
            if (Allowed(request, kind))
            {
                return Result([yes ? new AffirmCommand() : new DenyCommand()]);
            }
        }

        // Global commands only when the message states one explicitly (lexicon): similar-sounding sentences such as
        // "talk to you later" or "I'm done here" are not requests for a person or a restart.
        if (lexicon.Command(text) is { } command && Allowed(request, command))
        {
            return Result([Command.Create(command)]);
        }

        var (labels, utterances, own, shared) = await CandidatesAsync(request, options, lexicon, cancellationToken).ConfigureAwait(false);
        var ranked = new List<KeyValuePair<string, double>>();
        double[] scores = [];
        double[]? meaning = null;
        if (utterances.Count > 0)
        {
            // "sick of" is compared as "fed up with": the words of an idiom are not what it means.
            var query = lexicon.Plain(options.PeelFrames ? lexicon.Unframed(text) : text);
            if (shared is not null) query = shared.LeaveOut(query);

            if (options.OutOfScopeMeaningLead is not null && _similarity is BlendedSimilarity blended)
            {
                (scores, meaning) = await blended.ScorePartsAsync(query, utterances, own, request.Revision, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                scores = await _similarity.ScoreAsync(query, utterances, own, request.Revision, cancellationToken).ConfigureAwait(false);
            }

            LeaveOutOpposites(lexicon, query, labels, utterances, scores, meaning);
            // The author's out-of-scope examples and the built-in ones are one candidate, the nearer of the two.
            ranked = labels.Zip(scores)
                .GroupBy(p => p.First, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, double>(g.Key == AuthorOutOfScopeLabel ? OutOfScopeLabel : g.Key, Pool(options, g.Key, g.Select(p => p.Second))))
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .Select(g => g.MaxBy(p => p.Value))
                .OrderByDescending(p => p.Value)
                .ToList();
        }

        var best = ranked.Count > 0 ? ranked[0] : new KeyValuePair<string, double>("none", 0);
        if (best.Key == OutOfScopeLabel && options.OutOfScopeMargin > 0 && ranked.FirstOrDefault(p => p.Key != OutOfScopeLabel) is { Key: not null } bestFlow
            && best.Value - bestFlow.Value < options.OutOfScopeMargin)
        {
            // A near tie is the flow's (for word overlap, which has many such ties; see LexicalUnderstanding).
            best = bestFlow;
        }

        if (best.Key == OutOfScopeLabel && meaning is not null && options.OutOfScopeMeaningLead is { } lead
            && ranked.FirstOrDefault(p => p.Key != OutOfScopeLabel) is { Key: not null } meantFlow
            && MeaningPool(options, OutOfScopeLabel, labels, scores, meaning) is { } builtIn && builtIn.Blended >= best.Value
            && MeaningPool(options, meantFlow.Key, labels, scores, meaning) is { } flowMeaning && flowMeaning.Meaning - builtIn.Meaning >= lead)
        {
            // Nearest by shared words alone, not by meaning (OutOfScopeMeaningLead).
            best = meantFlow;
        }

        top.AddRange(ranked.Take(3));

        if (request.ExpectedSlot is { } slot && Allowed(request, CommandKind.SetSlot))
        {
            // Only a flow or a command can outbid an answer; an out-of-scope example ("remind me tomorrow") cannot.
            // Nor can the flow that asked: "since yesterday" at its "Since which day?" is near its own example "no
            // reception since yesterday", and a start of the running flow is no request (the engine drops it).
            var bestIntent = ranked.FirstOrDefault(p => p.Key != OutOfScopeLabel).Value;
            var running = request.ActiveFlows.Count > 0 && best.Key == "flow:" + request.ActiveFlows[^1];
            var slotCommand = await SlotValueAsync(request, options, slot, text, bestIntent, best.Key != OutOfScopeLabel && !running, cancellationToken).ConfigureAwait(false);
            if (slotCommand is not null)
            {
                return Result([slotCommand]);
            }
        }

        if (ranked.Count == 0 || best.Value < options.Threshold || best.Key == OutOfScopeLabel || Undecided(options, ranked))
        {
            return Result([new CannotHandleCommand()], outOfScope: best.Key == OutOfScopeLabel && best.Value >= options.Threshold);
        }

        // Two different flows about as close: asking beats guessing. Only flows that pass the threshold themselves.
        var close = ranked
            .Where(p => p.Key != OutOfScopeLabel && p.Value >= options.Threshold && best.Value - p.Value < options.ClarifyMargin)
            .Select(p => p.Key[5..])
            .Take(3)
            .ToList();
        if (close.Count > 1 && Allowed(request, CommandKind.Clarify))
        {
            return Result([new ClarifyCommand(close)]);
        }

        return Result([new StartFlowCommand(best.Key[5..])]);
    }

    // A label's pooled blend and the first similarity's mean over the same examples (those the pool takes); null when the
    // label has no candidate.
    private static (double Blended, double Meaning)? MeaningPool(NearestExampleOptions options, string label, IReadOnlyList<string> labels, double[] scores, double[] meaning)
    {
        var chosen = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).OrderByDescending(i => scores[i]).Take(Pooled(options, label)).ToList();
        return chosen.Count == 0 ? null : (Pool(options, label, chosen.Select(i => scores[i])), chosen.Average(i => meaning[i]));
    }

    // No flow stands out of three or more (NearestExampleOptions.UndecidedSpread).
    private static bool Undecided(NearestExampleOptions options, List<KeyValuePair<string, double>> ranked) =>
        options.UndecidedSpread is { } spread && ranked.Where(p => p.Key != OutOfScopeLabel).Take(3).Select(p => p.Value).ToList() is [var first, _, var third]
        && first - third < spread;

    // "I'd like to join the gym" is near "I want to quit the gym" under both similarities: an example of a flow that says
    // the opposite of the message's action (WordConcepts.Opposed) does not count, and the flow is scored by its others.
    /// <summary>
    /// What a message is compared with, with a label each: every flow example and, as one more example, the flow's
    /// description; the built-in out-of-scope examples; the author's. The same for every message of one definitions
    /// revision, language and set of startable flows, so kept per those (as the same list, which a similarity caches its
    /// work by): built afresh, the shared values left out of every example were ~10 % of a warm turn's allocations on the
    /// sample bot (issue 19).
    /// </summary>
    private async ValueTask<Candidates> CandidatesAsync(UnderstandingRequest request, NearestExampleOptions options, Lexicon lexicon, CancellationToken cancellationToken)
    {
        var startable = Allowed(request, CommandKind.StartFlow);
        var key = request.Revision is null ? null
            : string.Join('|', request.Revision, request.Language, startable ? string.Join(',', request.Flows.Select(f => f.Id)) : "-");
        if (key is not null && _candidates.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Greetings, politeness and hedges are peeled off both sides first ("hi, could you tell me ..."): they say nothing
        // about which flow is meant.
        string Core(string example) => options.PeelFrames ? UnframedExample(lexicon, example) : example;
        var labels = new List<string>();
        var utterances = new List<string>();
        if (startable)
        {
            foreach (var flow in request.Flows)
            {
                foreach (var example in flow.Examples)
                {
                    labels.Add("flow:" + flow.Id);
                    utterances.Add(Core(example));
                }

                if (options.UseDescriptions && !string.IsNullOrWhiteSpace(flow.Description))
                {
                    labels.Add("flow:" + flow.Id);
                    utterances.Add(Core(flow.Description));
                }
            }
        }

        if (options.UseOutOfScopeExamples && labels.Count > 0)
        {
            foreach (var example in await OutOfScopeAsync(request, options, utterances, Core, cancellationToken).ConfigureAwait(false))
            {
                labels.Add(OutOfScopeLabel);
                utterances.Add(example);
            }
        }

        // The author's own out-of-scope examples are kept whatever flow they are near: that nearness is why they were written.
        if (labels.Count > 0)
        {
            foreach (var example in request.OutOfScope)
            {
                labels.Add(AuthorOutOfScopeLabel);
                utterances.Add(Core(example));
            }
        }

        var shared = utterances.Count > 0 && options.LeaveOutSharedValues ? SharedValues.For(request) : null;
        if (shared is not null)
        {
            for (var i = 0; i < utterances.Count; i++) utterances[i] = shared.LeaveOut(utterances[i]);
        }

        // The flows' examples come first; the rest stand for what the bot does not do (a number stands for any number
        // in the flows' examples alone: LexicalSimilarity).
        var candidates = new Candidates(labels, utterances, labels.TakeWhile(l => l.StartsWith("flow:", StringComparison.Ordinal)).Count(), shared);
        if (key is not null)
        {
            if (_candidates.Count >= MaxCachedCandidateLists)
            {
                _candidates.Clear();
            }

            _candidates[key] = candidates;
        }

        return candidates;
    }

    /// <summary>The candidates of <see cref="CandidatesAsync"/>: never changed once built (a similarity may cache by the list).</summary>
    private sealed record Candidates(IReadOnlyList<string> Labels, IReadOnlyList<string> Utterances, int Own, SharedValues? Shared);

    private void LeaveOutOpposites(Lexicon lexicon, string query, IReadOnlyList<string> labels, IReadOnlyList<string> utterances, double[] scores, double[]? meaning)
    {
        var message = WordConcepts.SidesOf(query, lexicon);
        if (message.Said == UInt128.Zero)
        {
            return;
        }

        if (_exampleSides.Count >= MaxCachedExamples)
        {
            _exampleSides.Clear();
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] != OutOfScopeLabel
                && WordConcepts.Opposed(message, _exampleSides.GetOrAdd((lexicon.Language, utterances[i]), key => WordConcepts.SidesOf(key.Example, lexicon))))
            {
                scores[i] = 0;
                if (meaning is not null) meaning[i] = 0;
            }
        }
    }

    // Examples are the same every turn; the message is peeled afresh.
    private string UnframedExample(Lexicon lexicon, string example)
    {
        if (_unframedExamples.Count >= MaxCachedExamples)
        {
            _unframedExamples.Clear();
        }

        return _unframedExamples.GetOrAdd((lexicon.Language, example), key => lexicon.Unframed(key.Example));
    }

    // Flows pool their best examples, and so do the built-in out-of-scope examples (several phrasings per topic) unless
    // PoolOutOfScope is off. The author's out-of-scope list names a few topics, often one phrasing each: its nearest counts
    // alone, as the mean with another topic's would halve a clear match.
    private static double Pool(NearestExampleOptions options, string label, IEnumerable<double> scores)
    {
        var pooled = Pooled(options, label);
        if (pooled == 1)
        {
            return scores.Max();
        }

        var best = scores.OrderByDescending(s => s).Take(pooled).ToList();
        return best[0] == 1 ? 1 : best.Average();
    }

    // How many of a label's best examples Pool averages.
    private static int Pooled(NearestExampleOptions options, string label) =>
        options.PooledExamples == 1 || label == AuthorOutOfScopeLabel || !(label.StartsWith("flow:", StringComparison.Ordinal) || options.PoolOutOfScope) ? 1 : options.PooledExamples;

    /// <summary>
    /// The built-in out-of-scope examples of the request's language minus those near one of the bot's own examples
    /// (the bot handles that topic). Cached per definitions revision and language.
    /// </summary>
    private async ValueTask<IReadOnlyList<string>> OutOfScopeAsync(UnderstandingRequest request, NearestExampleOptions options, List<string> botExamples, Func<string, string> core, CancellationToken cancellationToken)
    {
        var key = request.Revision is null ? null : request.Revision + "|" + LanguageDetector.Primary(request.Language);
        if (key is not null && _outOfScope.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var kept = new List<string>();
        var lexicon = Lexicon.For(request.Language);
        var examples = lexicon.Language == LanguageDetector.Primary(request.Language) ? lexicon.OutOfScopeExamples.Select(core).ToList() : [];
        if (examples.Count > 0 && botExamples.Count > 0)
        {
            // One pass with the examples as candidates (as every later message has them): a similarity that caches per
            // revision (the embedding model) computes them in one batch, not once per example in the loop below.
            await _similarity.ScoreAsync(botExamples[0], examples, request.Revision, cancellationToken).ConfigureAwait(false);
        }

        foreach (var example in examples)
        {
            var scores = await _similarity.ScoreAsync(example, botExamples, request.Revision, cancellationToken).ConfigureAwait(false);
            if (scores.Length == 0 || scores.Max() < options.CoveredAt)
            {
                kept.Add(example);
            }
        }

        if (key is not null)
        {
            if (_outOfScope.Count >= MaxCachedRevisions)
            {
                _outOfScope.Clear();
            }

            _outOfScope[key] = kept;
        }

        return kept;
    }

    private async ValueTask<Command?> SlotValueAsync(UnderstandingRequest request, NearestExampleOptions options, SlotInfo slot, string text, double bestIntentScore, bool intentLeads, CancellationToken cancellationToken)
    {
        if (slot.Kind.Equals("enum", StringComparison.OrdinalIgnoreCase))
        {
            if (SlotValueParser.TryParse(slot, text, Context(request), out var exact, out _))
            {
                return new SetSlotCommand(slot.Name, exact);
            }

            var values = new List<string>();
            var phrases = new List<string>();
            foreach (var value in slot.Values)
            {
                values.Add(value.Value);
                phrases.Add(value.Value);
                foreach (var synonym in value.Synonyms)
                {
                    values.Add(value.Value);
                    phrases.Add(synonym);
                }
            }

            // A yes or no is no value here (only an exact synonym, parsed above, makes it one): MiniLM puts "yes" as near
            // to "road" as real answers to their values, and the first value would be taken.
            if (phrases.Count == 0 || Lexicon.For(request.Language).YesNo(text) is not null)
            {
                return null;
            }

            // A question is no near value either: "what sizes do you have?" is as near to "small" as an answer is.
            if (text.TrimEnd().EndsWith('?'))
            {
                return null;
            }

            // "not the harbour, north please", "somewhere between central and north": an answer that takes a choice out or
            // names two is read by its words (the one wanted, or none: the engine asks among those left), never by how
            // near the whole is to a value (the taken-out harbour was nearest).
            var (named, excluded) = SlotValueParser.ChoicesIn(slot, text, Lexicon.For(request.Language));
            if (excluded.Count > 0 || named.Count > 1)
            {
                return named is [var wanted] ? new SetSlotCommand(slot.Name, wanted) : null;
            }

            // A value named only as the modifier of another noun ("my phone number", "meine Telefonnummer") is no answer,
            // however near the rest of the message is to a value ("number" to "phone"); the heads are compared otherwise.
            var heads = SlotValueParser.ValueHeads(text, phrases, Lexicon.For(request.Language));
            if (heads != text && SlotValueParser.Extract(slot, heads, Context(request)) is null)
            {
                return null;
            }

            // "the old frigde": a misspelt value in the answer is read by its words (one edit, six letters or more), not by
            // how near the whole is; "an old frigde" was near enough to the fridge and "the old frigde" was not.
            if (named.Count == 0 && SlotValueParser.Extract(slot, heads, Context(request)) is { } misspelt)
            {
                return new SetSlotCommand(slot.Name, misspelt);
            }

            var scores = await _similarity.ScoreAsync(heads, phrases, request.Revision, cancellationToken).ConfigureAwait(false);
            var bestIndex = Array.IndexOf(scores, scores.Max());

            // A word that is none of the values is about as near to each of them ("silver" at the size: regular 0.37, small
            // 0.30; "XL": medium 0.50, large 0.49): the nearest is a guess unless it leads every other value.
            var runnerUp = scores.Where((_, i) => values[i] != values[bestIndex]).DefaultIfEmpty(0).Max();

            // "a hamster" at the animal question (guinea pig 0.54, leading by 0.13): one word that no value or synonym has
            // names a kind outright, and the model puts kinds of one family near each other (hamster and guinea pig, hare and
            // rabbit, as near as labrador and dog): its nearness says "of the same family", not "the same thing".
            if (options.OneWordValueThreshold is { } oneWordAt && scores[bestIndex] < oneWordAt && IsOneUnlistedWord(heads, phrases, Lexicon.For(request.Language)))
            {
                return null;
            }

            // An enum answer wins unless the user clearly said something else (a flow or global command scored higher).
            return scores[bestIndex] >= options.ValueAt && scores[bestIndex] >= bestIntentScore && scores[bestIndex] - runnerUp >= options.ValueLeadAt
                ? new SetSlotCommand(slot.Name, values[bestIndex])
                : null;
        }

        // A flow outbids a value in the message only when it leads: "let's say monday" at a date question is nearer to an
        // out-of-scope example than to "when are you open", and the embedded model puts any day that near (0.3 > 0.18).
        if (bestIntentScore >= options.Threshold && intentLeads)
        {
            return null;
        }

        return SlotValueParser.Extract(slot, text, request.Reading(slot, Context(request))) is { } extracted ? new SetSlotCommand(slot.Name, extracted) : null;
    }

    // The answer names one thing: a word alone or after an article or possessive ("hamster", "a hamster", "my snake"),
    // which none of the values' phrases contains. A description says more ("the biggest one please" → large).
    private static bool IsOneUnlistedWord(string text, List<string> phrases, Lexicon lexicon)
    {
        var words = UtteranceText.Tokens(text);
        var word = words switch
        {
            [var only] => only,
            [var first, var second] when lexicon.IsArticle(first) || lexicon.IsPossessive(first) => second,
            _ => null,
        };
        return word is not null && !phrases.Any(p => UtteranceText.Tokens(p).Any(t => UtteranceText.Fold(t) == UtteranceText.Fold(word)));
    }

    private SlotParseContext Context(UnderstandingRequest request) =>
        SlotParseContext.For(request.Language, request.Now ?? _timeProvider.GetUtcNow(), SlotValueParser.ResolveTimeZone(request.TimeZone)) with { MonthFirst = request.MonthFirst };

    private static bool Allowed(UnderstandingRequest request, CommandKind kind) =>
        request.AllowedCommands.Count == 0 || request.AllowedCommands.Contains(kind);
}
