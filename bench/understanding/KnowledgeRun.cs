using System.Globalization;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bench.Understanding;

/// <summary>One line of the knowledge set. Kind: A answerable (<see cref="Headings"/> the passages that answer it), N near the
/// bot's topic but not in its texts, F far off topic, S a request that must start <see cref="Flow"/>.</summary>
internal sealed record KnowledgeLine(string Bot, string Language, string Kind, IReadOnlyList<string> Headings, string? Flow, string Text);

/// <summary>What the first turn did with a knowledge line: the passage it answered from, the no-answer reply, the flow it started, or how it said no.</summary>
internal sealed record KnowledgeOutcome(string? Passage, bool NoAnswer, string? Flow, string? NotStarted)
{
    public override string ToString() => Passage is not null ? "passage \"" + Passage + "\"" : NoAnswer ? "no-answer reply" : Flow is not null ? "flow " + Flow : NotStarted ?? "nothing";
}

/// <summary>
/// <c>--knowledge</c>: the sample bots that answer from knowledge files (samples/*/bot.yaml as shipped), each line of
/// knowledge/&lt;split&gt;.txt as the first message of a new conversation through <see cref="DialogEngine"/>, with the
/// recognizer and passage similarity the server composes for it (embedded: MiniLM blended with word overlap; lexical:
/// word overlap). Scores what a user sees: the right passage, a wrong passage stated as an answer, the no-answer
/// reply, a flow started. The held-out rule holds: only the tune splits' misses are printed (<c>--errors</c>).
/// </summary>
internal static class KnowledgeRun
{
    public static List<KnowledgeLine> ReadLines(string path)
    {
        var lines = new List<KnowledgeLine>();
        string? bot = null, language = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('['))
            {
                var header = line.Trim('[', ']').Split(' ');
                (bot, language) = (header[0], header[1]);
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (bot is null || language is null || colon < 1)
            {
                throw new FormatException($"{path}:{number}: expected 'A heading[|heading]: text', 'N: text', 'F: text' or 'S flow: text' under a [bot lang] header");
            }

            var kind = line[..1];
            var label = line[1..colon].Trim();
            var text = line[(colon + 2)..].Trim();
            if (kind is not ("A" or "N" or "F" or "S") || (kind is "A" or "S") != (label.Length > 0))
            {
                throw new FormatException($"{path}:{number}: unknown kind or missing label");
            }

            lines.Add(new KnowledgeLine(bot, language, kind, kind == "A" ? label.Split('|') : [], kind == "S" ? label : null, text));
        }

        return lines;
    }

    /// <summary>The repository's samples folder (the bench runs from its bin folder).</summary>
    public static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "samples")) && File.Exists(Path.Combine(dir.FullName, "Chatbot.sln")))
            {
                return Path.Combine(dir.FullName, "samples");
            }
        }

        throw new DirectoryNotFoundException("samples/ not found above " + AppContext.BaseDirectory);
    }

    public static async Task RunAsync(IReadOnlyList<(string Name, Func<IUnderstanding> Create, Func<IUtteranceSimilarity?> Knowledge)> recognizers, IReadOnlyList<string> splits, string folder, bool printErrors, bool printPassages)
    {
        var samples = SamplesFolder();
        var sets = splits.Select(s => (Name: s, Lines: ReadLines(Path.Combine(folder, "knowledge", s + ".txt")))).ToList();
        var bots = sets.SelectMany(s => s.Lines).Select(l => l.Bot).Distinct().ToDictionary(b => b, b =>
            DialogLoader.LoadFolder(Path.Combine(samples, b)).Bot ?? throw new InvalidOperationException($"samples/{b} does not compile"));
        Console.WriteLine($"knowledge: bots {string.Join(", ", bots.Keys)}; " + string.Join(", ", sets.Select(s => $"{s.Name} {s.Lines.Count} lines")));
        Console.WriteLine();
        Console.WriteLine("| recognizer | split | lang | right passage (A) | wrong passage stated (A+N+F) | no answer right (N+F) | near: no-answer reply (N) | far: no passage, no flow (F) | flow started (S) | flow stolen by knowledge (S) | A not answered as |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var misses = new List<string>();
        foreach (var (name, create, knowledge) in recognizers)
        {
            var recognizer = create();
            var similarity = knowledge();
            var engines = bots.ToDictionary(b => b.Key, b => new DialogEngine(new StaticDefinitionsProvider(b.Value), recognizer, knowledgeSimilarity: similarity));
            var scorer = new AnswerStepRunner(similarity ?? LexicalSimilarity.ForPassages(), null, new ReplyRenderer(null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            foreach (var (split, lines) in sets)
            {
                var outcomes = new List<(KnowledgeLine Line, KnowledgeOutcome Outcome)>();
                foreach (var line in lines)
                {
                    var turn = await engines[line.Bot].RunTurnAsync(
                        new TurnInput { Kind = TurnKind.Message, Text = line.Text, Locale = line.Language, Now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero) },
                        CancellationToken.None);
                    var outcome = Of(bots[line.Bot], turn);
                    outcomes.Add((line, outcome));
                    if (printErrors && split.StartsWith("tune", StringComparison.Ordinal) && !IsRight(bots[line.Bot], line, outcome))
                    {
                        misses.Add($"  {name} [{line.Bot} {line.Language} {line.Kind}] \"{line.Text}\" expected {(line.Kind == "A" ? string.Join("|", line.Headings) : line.Flow ?? (line.Kind == "N" ? "no-answer reply" : "(reject)"))}, got {outcome} ({turn.Trace.Path}; {string.Join(", ", turn.Trace.Scores.Take(3).Select(s => $"{s.Key} {s.Value:F2}"))}; {string.Join(" ", turn.Trace.Events)})");
                        if (printPassages)
                        {
                            // The passages' scores as the answer step sees them (whether or not the knowledge flow started).
                            var knowledgeBase = bots[line.Bot].Knowledge;
                            var scores = await scorer.ScoreAsync(line.Text, knowledgeBase, bots[line.Bot].Revision, CancellationToken.None);
                            misses.Add("      passages: " + string.Join(", ", scores.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(3)
                                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{knowledgeBase.Passages[p.i].Heading.Split(" / ")[^1]} {p.v:F3}")))
                                + "; words no passage has: " + string.Join(" ", LexicalSimilarity.ForPassages().Unmatched(line.Text, knowledgeBase.SearchTexts, null)));
                        }
                    }
                }

                foreach (var label in new[] { "en", "de", "all" })
                {
                    var subset = outcomes.Where(o => label == "all" || o.Line.Language == label).ToList();
                    if (subset.Count == 0) continue;
                    var answerable = subset.Where(o => o.Line.Kind == "A").ToList();
                    var near = subset.Where(o => o.Line.Kind == "N").ToList();
                    var far = subset.Where(o => o.Line.Kind == "F").ToList();
                    var starts = subset.Where(o => o.Line.Kind == "S").ToList();
                    var questions = subset.Where(o => o.Line.Kind != "S").ToList();
                    string Rate<T>(List<T> of, Func<T, bool> right) => of.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * of.Count(right) / of.Count:F1} % ({of.Count(right)}/{of.Count})");
                    var notAnswered = string.Join(", ", answerable.Where(o => o.Outcome.Passage is null).GroupBy(o => o.Outcome.NoAnswer ? "no_answer" : o.Outcome.Flow is { } f ? "flow " + f : o.Outcome.NotStarted ?? "?")
                        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
                    Console.WriteLine($"| {name} | {split} | {label} | {Rate(answerable, o => IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate(questions, o => o.Outcome.Passage is not null && !IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate([.. near, .. far], o => IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate(near, o => IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate(far, o => IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate(starts, o => IsRight(bots[o.Line.Bot], o.Line, o.Outcome))} | {Rate(starts, o => o.Outcome.Passage is not null || o.Outcome.NoAnswer)} | {notAnswered} |");
                }
            }
        }

        misses.ForEach(Console.WriteLine);
    }

    /// <summary>A: a passage under one of the labelled headings. N: the no-answer reply. F: neither a passage nor a flow of the bot's own (the knowledge flow's no-answer reply is fine). S: the labelled flow started (or, for a flow that opens with a handoff, the handoff pattern).</summary>
    private static bool IsRight(CompiledBot bot, KnowledgeLine line, KnowledgeOutcome outcome) => line.Kind switch
    {
        "A" => outcome.Passage is { } heading && line.Headings.Contains(heading, StringComparer.Ordinal),
        "N" => outcome.NoAnswer,
        "F" => outcome.Passage is null && (outcome.NoAnswer || outcome.Flow is null),
        // A flow whose first step hands off is what the built-in handoff pattern does ("can I speak to a human").
        _ => outcome.Passage is null && !outcome.NoAnswer && (outcome.Flow == line.Flow
            || (outcome.NotStarted == "handoff" && bot.Flows.TryGetValue(line.Flow!, out var flow) && flow.Steps.FirstOrDefault() is Chatbot.Dialogs.Model.HandoffStep)),
    };

    private static KnowledgeOutcome Of(CompiledBot bot, TurnOutcome turn)
    {
        var events = turn.Trace.Events;
        const string answer = "knowledge_answer:", started = "flow_started:";
        if (events.FirstOrDefault(e => e.StartsWith(answer, StringComparison.Ordinal)) is { } source)
        {
            var passage = bot.Knowledge.Passages.First(p => p.Source == source[answer.Length..]);
            return new KnowledgeOutcome(passage.Heading.Split(" / ")[^1], false, null, null);
        }

        var flow = events.FirstOrDefault(e => e.StartsWith(started, StringComparison.Ordinal))?[started.Length..];
        if (events.Contains("knowledge_no_answer")) return new KnowledgeOutcome(null, true, flow, null);
        var said = events.FirstOrDefault(e => e.StartsWith("pattern:", StringComparison.Ordinal) || e == "handoff");
        return new KnowledgeOutcome(null, false, flow, flow is null ? said?.Replace("pattern:", "", StringComparison.Ordinal) ?? "nothing" : null);
    }
}
