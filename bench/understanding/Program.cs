// Evaluates the local recognizers (no LLM) on the labelled set in this folder: several bots, intents with ~5 author
// examples each in English and German, and test lines that are in-scope paraphrases, typos, near-domain out-of-scope
// and far out-of-scope requests. Two splits: tune.txt (thresholds and rules are chosen on it) and heldout.txt (never
// tuned on: only its totals are printed, never its lines). See README.md.
//
// Usage: dotnet run -c Release --project bench/understanding [-- options]
//   --recognizer <name>   only this recognizer (embedded, lexical, keyword)
//   --split <tune|heldout> only this split (default: both)
//   --errors              print the tune split's misses (the held-out split's are never printed)
//   --sweep               threshold sweep on the tune split
//   --dump <file>         raw similarity features of the tune split as JSON lines, for calibration
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chatbot.Bench.Understanding;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

var option = (string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var only = option("--recognizer");
var onlySplit = option("--split");
var printErrors = args.Contains("--errors");
var sweep = args.Contains("--sweep");

var folder = AppContext.BaseDirectory;
var bots = EvalSet.ReadBots(Path.Combine(folder, "bots.json"));
var splits = new[] { "tune", "heldout" }
    .Where(s => onlySplit is null || onlySplit == s)
    .Select(s => (Name: s, Lines: EvalSet.ReadLines(Path.Combine(folder, s + ".txt"), bots)))
    .ToList();
if (sweep)
{
    splits = splits.Where(s => s.Name == "tune").ToList();
}

Console.WriteLine($"bots {bots.Count}, intents {bots.Values.Sum(b => b.Count)}, examples {bots.Values.Sum(b => b.Values.Sum(i => i.Examples.Values.Sum(e => e.Count)))}; "
    + string.Join(", ", splits.Select(s => $"{s.Name} {s.Lines.Count} lines")));

if (option("--dump") is { } dumpPath)
{
    await Dump.WriteAsync(dumpPath, bots, EvalSet.ReadLines(Path.Combine(folder, "tune.txt"), bots));
    return;
}

var options = new UnderstandingOptions();
var recognizers = new List<(string Name, Func<double, IUnderstanding> Create, double Threshold, double[] Sweep)>
{
    ("embedded", t => new EmbeddingUnderstanding(Model(), t), options.EmbeddedThreshold, [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]),
    ("lexical", t => LexicalUnderstanding.Create(t), options.LexicalThreshold, [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]),
    ("keyword", t => new KeywordRecognizer { Threshold = t }, new KeywordRecognizer().Threshold, [0.3, 0.4, 0.5, 0.6]),
};

Console.WriteLine();
Console.WriteLine("| recognizer | setting | split | lang | in-scope top-1 | paraphrases | typos | near-OOS rejected | far-OOS rejected | clarified | ms/line |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
var misses = new List<string>();
foreach (var (name, create, threshold, sweepValues) in recognizers.Where(r => only is null || r.Name == only))
{
    foreach (var t in sweep ? sweepValues : [threshold])
    {
        var recognizer = create(t).AsBuilder().UseFastPath().Build();
        foreach (var (split, lines) in splits)
        {
            var outcomes = new List<(EvalLine Line, Outcome Outcome)>();
            var watch = Stopwatch.StartNew();
            foreach (var line in lines)
            {
                var result = await recognizer.UnderstandAsync(EvalSet.Request(bots, line), CancellationToken.None);
                var outcome = Outcome.Of(result, EvalSet.TopLevelCommands);
                outcomes.Add((line, outcome));
                if (printErrors && split == "tune" && !outcome.IsRight(line))
                {
                    misses.Add($"  {name} [{line.Bot} {line.Language} {line.Kind}] \"{line.Text}\" expected {line.Intent ?? "(reject)"}, got {outcome} ({result.Path}; {string.Join(", ", result.Scores.Select(s => $"{s.Key} {s.Value:F2}"))})");
                }
            }

            var perLine = watch.Elapsed.TotalMilliseconds / lines.Count;
            foreach (var lang in new[] { "en", "de", "all" })
            {
                var subset = outcomes.Where(o => lang == "all" || o.Line.Language == lang).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {t:F2} | {split} | {lang} | {Rate(subset, "P", "T")} | {Rate(subset, "P")} | {Rate(subset, "T")} | {Rate(subset, "N")} | {Rate(subset, "F")} | {subset.Count(o => o.Line.Intent is not null && o.Outcome.Clarified.Contains(o.Line.Intent))} | {perLine:F1} |"));
            }
        }
    }
}

misses.ForEach(Console.WriteLine);

static string Rate(List<(EvalLine Line, Outcome Outcome)> outcomes, params string[] kinds)
{
    var lines = outcomes.Where(o => kinds.Contains(o.Line.Kind)).ToList();
    var right = lines.Count(o => o.Outcome.IsRight(o.Line));
    return lines.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * right / lines.Count:F1} % ({right}/{lines.Count})");
}

static MiniLmModel Model() => MiniLmModel.GetShared();
