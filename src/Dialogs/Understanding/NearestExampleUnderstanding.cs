namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Understands text without an LLM by the nearest example utterance under a similarity (lexical or embedding):
/// yes/no at a confirmation, a value for the expected slot, a flow to start, or a global command.
/// Below the threshold it answers <c>cannot_handle</c>; top-3 scores go to <see cref="UnderstandingResult.Scores"/>.
/// </summary>
public sealed class NearestExampleUnderstanding : IUnderstanding
{
    // Two flows closer than this are ambiguous: ask the user instead of guessing.
    private const double ClarifyMargin = 0.02;

    private readonly IUtteranceSimilarity _similarity;
    private readonly double _threshold;
    private readonly string _path;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the recognizer; <paramref name="path"/> names it in traces (e.g. <c>embedded</c>, <c>lexical</c>).</summary>
    public NearestExampleUnderstanding(IUtteranceSimilarity similarity, double threshold, string path, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        _similarity = similarity;
        _threshold = threshold;
        _path = path;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text ?? string.Empty;
        if (UtteranceText.Normalize(text).Length == 0)
        {
            return Result([new CannotHandleCommand()], []);
        }

        var lexicon = Lexicon.For(request.Language);
        if (request.AwaitingConfirmation && (lexicon.YesNo(text) ?? lexicon.LeadingYesNo(text)?.Yes) is { } yes)
        {
            var kind = yes ? CommandKind.Affirm : CommandKind.Deny;
            if (Allowed(request, kind))
            {
                return Result([yes ? new AffirmCommand() : new DenyCommand()], []);
            }
        }

        // Global commands only when the message states one explicitly (lexicon): similar-sounding sentences such as
        // "talk to you later" or "I'm done here" are not requests for a person or a restart.
        if (lexicon.Command(text) is { } command && Allowed(request, command))
        {
            return Result([Command.Create(command)], []);
        }

        // Candidates: every flow example.
        var labels = new List<string>();
        var utterances = new List<string>();
        if (Allowed(request, CommandKind.StartFlow))
        {
            foreach (var flow in request.Flows)
            {
                foreach (var example in flow.Examples)
                {
                    labels.Add("flow:" + flow.Id);
                    utterances.Add(example);
                }
            }
        }

        var ranked = new List<KeyValuePair<string, double>>();
        if (utterances.Count > 0)
        {
            var scores = await _similarity.ScoreAsync(text, utterances, request.Revision, cancellationToken).ConfigureAwait(false);
            ranked = labels.Zip(scores)
                .GroupBy(p => p.First, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, double>(g.Key, g.Max(p => p.Second)))
                .OrderByDescending(p => p.Value)
                .ToList();
        }

        var best = ranked.Count > 0 ? ranked[0] : new KeyValuePair<string, double>("none", 0);
        var top = ranked.Take(3).ToList();

        if (request.ExpectedSlot is { } slot && Allowed(request, CommandKind.SetSlot))
        {
            var slotCommand = await SlotValueAsync(request, slot, text, best.Value, cancellationToken).ConfigureAwait(false);
            if (slotCommand is not null)
            {
                return Result([slotCommand], top);
            }
        }

        if (ranked.Count == 0 || best.Value < _threshold)
        {
            return Result([new CannotHandleCommand()], top);
        }

        var close = ranked.Where(p => best.Value - p.Value <= ClarifyMargin).Select(p => p.Key[5..]).ToList();
        if (close.Count > 1 && Allowed(request, CommandKind.Clarify))
        {
            return Result([new ClarifyCommand(close)], top);
        }

        return Result([new StartFlowCommand(best.Key[5..])], top);
    }

    private async ValueTask<Command?> SlotValueAsync(UnderstandingRequest request, SlotInfo slot, string text, double bestIntentScore, CancellationToken cancellationToken)
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

            if (phrases.Count == 0)
            {
                return null;
            }

            var scores = await _similarity.ScoreAsync(text, phrases, request.Revision, cancellationToken).ConfigureAwait(false);
            var bestIndex = Array.IndexOf(scores, scores.Max());

            // An enum answer wins unless the user clearly said something else (a flow or global command scored higher).
            return scores[bestIndex] >= _threshold && scores[bestIndex] >= bestIntentScore
                ? new SetSlotCommand(slot.Name, values[bestIndex])
                : null;
        }

        if (bestIntentScore >= _threshold)
        {
            return null;
        }

        return SlotValueParser.Extract(slot, text, Context(request)) is { } extracted ? new SetSlotCommand(slot.Name, extracted) : null;
    }

    private SlotParseContext Context(UnderstandingRequest request) =>
        SlotParseContext.For(request.Language, request.Now ?? _timeProvider.GetUtcNow(), SlotValueParser.ResolveTimeZone(request.TimeZone));

    private UnderstandingResult Result(IReadOnlyList<Command> commands, IReadOnlyList<KeyValuePair<string, double>> scores) =>
        new() { Path = _path, Commands = commands, Scores = scores };

    private static bool Allowed(UnderstandingRequest request, CommandKind kind) =>
        request.AllowedCommands.Count == 0 || request.AllowedCommands.Contains(kind);
}
