// Evaluates the local recognizers (no LLM) on the labelled set in this folder: several bots, intents with ~5 author
// examples each in English and German, and test lines that are in-scope paraphrases, typos, near-domain out-of-scope
// and far out-of-scope requests. Splits: tune.txt, tune-newdomain.txt, tune-newdomain2.txt and tune-newdomain3.txt (thresholds and rules are chosen on them),
// and heldout.txt, heldout2.txt, heldout-newdomain.txt, heldout-newdomain2.txt, heldout-newdomain3.txt, heldout-newdomain4.txt and heldout-newdomain5.txt (never tuned on: only their totals are
// printed, never their lines).
// See README.md.
//
// Usage: dotnet run -c Release --project bench/understanding [-- options]
//   --recognizer <name>   only this recognizer (embedded, lexical, keyword)
//   --split <name>        only this split: tune, heldout, heldout2, tune-newdomain, heldout-newdomain, tune-newdomain2,
//                         heldout-newdomain2, tune-newdomain3, heldout-newdomain3, heldout-newdomain4, heldout-newdomain5, tune-commands
//                         (default: all but tune-commands)
//   --errors              print the tune split's misses (the held-out splits' are never printed)
//   --explain             lexical: each tune miss with the winner's and the right flow's two best examples, every word's
//                         weight and match (implies --errors)
//   --classes             the tune splits' misses counted by class per language (wrong flow and by how much, rejected by
//                         an out-of-scope example or the threshold with the right flow best or not, and whether the right
//                         flow passes its language's threshold, asked which, another reply)
//   --oos-winners         with --errors: every tune line an out-of-scope example beat (right or wrong), with that example
//   --thresholds a,b,c    thresholds to try (default: the configured one); --margins a,b clarify margins
//   --undecided a,b|off   no flow stands out when the best leads the third-best by less (NearestExampleOptions.UndecidedSpread;
//                         default: embedded's shipped one, off for the others)
//   --oos-margins a,b     an out-of-scope example must lead the best flow by this much (en and de alike; default: the configured ones)
//   --covered a,b         out-of-scope examples this close to a bot example are dropped (default: 2 × threshold)
//   --no-oos-pool         the best out-of-scope example alone, not pooled like a flow's (ablation)
//   --meaning-lead a|off  embedded: a built-in out-of-scope example rejects no line whose best flow MiniLM alone puts this
//                         much nearer (NearestExampleOptions.OutOfScopeMeaningLead; default: embedded's shipped one; --knowledge too)
//   --no-oos-examples     without the built-in out-of-scope examples (ablation)
//   --author-oos          with the bench bots' own out-of-scope lists (out_of_scope.json, the out_of_scope: section;
//                         off by default: on tune, lexical, they turned away 4 more near lines and 5 in-scope ones)
//   --no-descriptions     without flow descriptions as examples (ablation)
//   --framed              the tune split's lines wrapped in greetings and politeness ("hi, ... thanks")
//   --no-frames           without peeling greetings and politeness off messages and examples (ablation)
//   --de-blend a,b        German lines only, tune only: MiniLM blended with lexical at these MiniLM weights (recognizer
//                         "embedded-de"), with --de-thresholds x,y; today German goes to the lexical recognizer alone
//   --engine              each line as the first message of a new conversation through the dialog engine (a bot per
//                         [bot] with one flow per intent): what users get, built-in commands and engine rules included;
//                         a turn that neither starts a flow nor clarifies is "not started" (the last column says how)
//   --diff                with --engine: every tune line whose engine outcome differs from the recognizer's alone, with
//                         the engine's trace (the held-out splits' are never printed)
//   --dump <file>         raw similarity features of the tune split as JSON lines, for calibration
//   --features <file>     the embedded recognizer's own candidate scores (peeled, typo-corrected, out-of-scope examples
//                         included) and vectors for the English lines of the tune splits, for simulating rules offline
//   --knowledge           the knowledge question set instead (knowledge/tune.txt, knowledge/tune2.txt, knowledge/heldout.txt;
//                         knowledge/tune3.txt and tune4.txt with --split):
//                         the sample bots with knowledge files answer each line as a first message (right passage, wrong
//                         passage, no-answer reply, flows not stolen); with --split, --recognizer (embedded, lexical) and
//                         --errors (tune splits only; --passages
//                         adds each miss's three best passages and their scores)
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
var printOosWinners = args.Contains("--oos-winners");
var printClasses = args.Contains("--classes");
var printExplain = args.Contains("--explain");
var missClasses = new SortedDictionary<string, int>(StringComparer.Ordinal);
var throughEngine = args.Contains("--engine");
var printDiff = throughEngine && args.Contains("--diff");

var meaningLead = option("--meaning-lead") is { } lead ? lead == "off" ? (double?)null : double.Parse(lead, CultureInfo.InvariantCulture) : EmbeddingUnderstanding.DefaultOutOfScopeMeaningLead;
var folder = AppContext.BaseDirectory;
if (args.Contains("--knowledge"))
{
    await KnowledgeRun.RunAsync(
        [.. new (string Name, Func<IUnderstanding> Create, Func<IUtteranceSimilarity?> Knowledge)[]
        {
            ("embedded", () => new EmbeddingUnderstanding(MiniLmModel.GetShared(), EmbeddingUnderstanding.DefaultOptions(outOfScopeMeaningLead: meaningLead)), () => ModelLoadingSimilarity.ForPassages(MiniLmModel.GetShared())),
            ("lexical", () => LexicalUnderstanding.Create(), () => null),
        }.Where(r => only is null || r.Name == only)],
        onlySplit is null ? ["tune", "tune2", "heldout"] : [onlySplit], folder, printErrors, args.Contains("--passages"));
    return;
}

var bots = EvalSet.ReadBots(Path.Combine(folder, "bots.json"));
if (args.Contains("--author-oos"))
{
    EvalSet.OutOfScope = EvalSet.ReadOutOfScope(Path.Combine(folder, "out_of_scope.json"));
}

// tune-commands (the engine's built-in commands inside ordinary requests) runs only when asked for: --engine --split tune-commands.
var splits = new[] { "tune", "heldout", "heldout2", "tune-newdomain", "heldout-newdomain", "tune-newdomain2", "heldout-newdomain2", "tune-newdomain3", "heldout-newdomain3", "heldout-newdomain4", "heldout-newdomain5", "tune-commands" }
    .Where(s => onlySplit is null ? s != "tune-commands" : onlySplit == s)
    .Select(s => (Name: s, Lines: EvalSet.ReadLines(Path.Combine(folder, s + ".txt"), bots)))
    .ToList();
if (args.Contains("--framed"))
{
    // Robustness: the same lines as a user might frame them (greeting, politeness, thanks). Tune only.
    splits = splits.Where(s => s.Name == "tune").Select(s => (s.Name + "-framed", EvalSet.Framed(s.Lines))).ToList();
}

if (args.Contains("--thresholds") || args.Contains("--undecided") || args.Contains("--margins") || args.Contains("--covered") || args.Contains("--oos-margins"))
{
    // Sweeps choose settings: the held-out split never takes part in them.
    splits = splits.Where(s => s.Name.StartsWith("tune", StringComparison.Ordinal)).ToList();
}

Console.WriteLine($"bots {bots.Count}, intents {bots.Values.Sum(b => b.Count)}, examples {bots.Values.Sum(b => b.Values.Sum(i => i.Examples.Values.Sum(e => e.Count)))}; "
    + string.Join(", ", splits.Select(s => $"{s.Name} {s.Lines.Count} lines")));

if (option("--features") is { } featuresPath)
{
    await Features.WriteAsync(featuresPath, bots, splits.Where(s => s.Name.StartsWith("tune", StringComparison.Ordinal)).SelectMany(s => s.Lines.Where(l => l.Language == "en").Select(l => (s.Name, l))));
    return;
}

if (option("--dump") is { } dumpPath)
{
    await Dump.WriteAsync(dumpPath, bots, EvalSet.ReadLines(Path.Combine(folder, "tune.txt"), bots));
    return;
}

var options = new UnderstandingOptions();
var thresholds = option("--thresholds")?.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
var margins = option("--margins")?.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray() ?? [new NearestExampleOptions().ClarifyMargin];
var oosMargins = option("--oos-margins")?.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray() ?? [-1];
var covered = option("--covered")?.Split(',').Select(t => (double?)double.Parse(t, CultureInfo.InvariantCulture)).ToArray() ?? [null];
var undecided = option("--undecided")?.Split(',').Select(t => t == "off" ? (double?)null : double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
var outOfScopeExamples = !args.Contains("--no-oos-examples");
var poolOutOfScope = !args.Contains("--no-oos-pool");
var descriptions = !args.Contains("--no-descriptions");
var frames = !args.Contains("--no-frames");
var pooled = option("--pool") is { } pool ? int.Parse(pool, CultureInfo.InvariantCulture) : new NearestExampleOptions().PooledExamples;
var blend = double.Parse(option("--blend") ?? EmbeddingUnderstanding.DefaultEmbeddingWeight.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var recognizers = new List<(string Name, Func<NearestExampleOptions, IUnderstanding> Create, double Threshold)>
{
    ("embedded", o => new EmbeddingUnderstanding(Model(), o, embeddingWeight: blend), EmbeddingUnderstanding.DefaultThreshold),
    ("lexical", o => new NearestExampleUnderstanding(new LexicalSimilarity(), o, LexicalUnderstanding.PathName), options.LexicalThreshold),
    ("keyword", o => new KeywordRecognizer { Threshold = o.Threshold }, new KeywordRecognizer().Threshold),
};
if (option("--de-blend") is { } deBlend)
{
    // German through MiniLM blended with the full lexical similarity: weight x threshold (tune only; read the de rows).
    var deThresholds = (option("--de-thresholds") ?? "0.2").Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture));
    foreach (var (w, dt) in from w in deBlend.Split(',').Select(w => double.Parse(w, CultureInfo.InvariantCulture)) from dt in deThresholds select (w, dt))
    {
        recognizers.Add((string.Create(CultureInfo.InvariantCulture, $"embedded-de {w:F2}/{dt:F3}"), o => new EmbeddingUnderstanding(Model(), o, embeddingWeight: blend,
            otherLanguages: new NearestExampleUnderstanding(new BlendedSimilarity(new EmbeddingSimilarity(Model()), new LexicalSimilarity(), w), LexicalUnderstanding.Options(dt), "embedded")), EmbeddingUnderstanding.DefaultThreshold));
    }

    splits = splits.Where(s => s.Name.StartsWith("tune", StringComparison.Ordinal)).Select(s => (s.Name, s.Lines.Where(l => l.Language != "en").ToList())).ToList();
}

Console.WriteLine();
Console.WriteLine("| recognizer | threshold / margin [/ covered] | split | lang | in-scope top-1 | paraphrases | typos | near-OOS rejected | far-OOS rejected | clarified | ms/line | not started as |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
var misses = new List<string>();
foreach (var (name, create, threshold) in recognizers.Where(r => only is null || r.Name.Split(' ')[0] == only))
{
    foreach (var (t, m, c, om, u) in from t in thresholds ?? [threshold] from m in margins from c in covered from om in oosMargins from u in undecided ?? [name == "embedded" ? EmbeddingUnderstanding.DefaultUndecidedSpread : null] select (t, m, c, om, u))
    {
        if (undecided is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| undecided spread {u:F3} |"));
        }

        if (om >= 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| out-of-scope margin {om:F3} (en and de alike) |"));
        }

        NearestExampleOptions Settings(double threshold, double outOfScopeMargin) => new() { OutOfScopeMargin = outOfScopeMargin, Threshold = threshold, ClarifyMargin = m, OutOfScopeCoveredAt = c, UseOutOfScopeExamples = outOfScopeExamples, PoolOutOfScope = poolOutOfScope, UseDescriptions = descriptions, PeelFrames = frames, PooledExamples = pooled, UndecidedSpread = u, OutOfScopeMeaningLead = name == "embedded" ? meaningLead : null };

        // Without an --oos-margins sweep, lexical runs with its shipped per-language settings (English: threshold + offset, margin).
        var settings = Settings(t, Math.Max(0, om));
        if (name == "lexical" && om < 0)
        {
            settings = new NearestExampleOptions
            {
                Threshold = t, ClarifyMargin = m, OutOfScopeCoveredAt = c, UseOutOfScopeExamples = outOfScopeExamples, PoolOutOfScope = poolOutOfScope, UseDescriptions = descriptions, PeelFrames = frames, PooledExamples = pooled, UndecidedSpread = u,
                Languages = new Dictionary<string, NearestExampleOptions> { ["en"] = Settings(Math.Min(1, t + LexicalUnderstanding.EnglishThresholdOffset), LexicalUnderstanding.EnglishOutOfScopeMargin) },
            };
        }

        var recognizer = create(settings);
        // The engine gets the passage similarity the server composes for the recognizer (the model's, embedded).
        var engine = throughEngine ? new EngineRun(bots, recognizer, name.StartsWith("embedded", StringComparison.Ordinal) ? ModelLoadingSimilarity.ForPassages(Model()) : null) : null;
        foreach (var (split, lines) in splits)
        {
            // German lines run twice: with the channel locale right (de) and with the bot's default (en), as Web Chat
            // in an English browser sends it; the recognizer has to notice the language itself.
            var runs = lines.Select(l => (Line: l, Locale: (string?)null, Label: l.Language))
                .Concat(lines.Where(l => l.Language != "en").Select(l => (Line: l, Locale: (string?)"en", Label: l.Language + "@en")))
                .ToList();
            var outcomes = new List<(EvalLine Line, string Label, Outcome Outcome)>();
            var watch = Stopwatch.StartNew();
            foreach (var (line, locale, label) in runs)
            {
                var tune = split.StartsWith("tune", StringComparison.Ordinal) && locale is null;
                Outcome outcome;
                string why;
                IReadOnlyList<KeyValuePair<string, double>> scores;
                if (engine is not null)
                {
                    (outcome, var trace) = await engine.RunAsync(line, locale);
                    scores = trace.Scores;
                    why = $"{trace.Path}; {string.Join(", ", trace.Scores.Select(s => $"{s.Key} {s.Value:F2}"))}; {string.Join(" ", trace.Events)}";
                    if (printDiff && tune)
                    {
                        var alone = Outcome.Of(await recognizer.UnderstandAsync(EvalSet.Request(bots, line, locale), CancellationToken.None), EvalSet.TopLevelCommands);
                        if (alone.ToString() != outcome.ToString())
                        {
                            var change = alone.IsRight(line) == outcome.IsRight(line) ? "same score" : outcome.IsRight(line) ? "engine right" : "engine wrong";
                            misses.Add($"  diff {name} [{line.Bot} {line.Language} {line.Kind}] \"{line.Text}\" expected {line.Intent ?? "(reject)"}: recognizer {alone}, engine {outcome} ({change}; {why})");
                        }
                    }
                }
                else
                {
                    var result = await recognizer.UnderstandAsync(EvalSet.Request(bots, line, locale), CancellationToken.None);
                    outcome = Outcome.Of(result, EvalSet.TopLevelCommands);
                    scores = result.Scores;
                    why = $"{result.Path}; {string.Join(", ", result.Scores.Select(s => $"{s.Key} {s.Value:F2}"))}{(printOosWinners ? await NearestOutOfScope(name, result, line) : "")}";
                    if (printOosWinners && tune && outcome.IsRight(line) && result.Scores.FirstOrDefault().Key == "out_of_scope")
                    {
                        misses.Add($"  ok {name} [{line.Bot} {line.Language} {line.Kind}] \"{line.Text}\" {outcome}{await NearestOutOfScope(name, result, line)}");
                    }
                }

                outcomes.Add((line, label, outcome));
                if (printClasses && tune && !outcome.IsRight(line))
                {
                    var key = $"{name} {split} {line.Language}: {MissClass(line, outcome, scores, Threshold(settings, name, line.Language))}";
                    missClasses[key] = missClasses.GetValueOrDefault(key) + 1;
                }

                if ((printErrors || printExplain) && tune && !outcome.IsRight(line))
                {
                    misses.Add($"  {name} [{line.Bot} {line.Language} {line.Kind}] \"{line.Text}\" expected {line.Intent ?? "(reject)"}, got {outcome} ({why})");
                    if (printExplain && name == "lexical")
                    {
                        misses.Add(await Explain.LineAsync(bots, line, settings));
                    }
                }
            }

            var perLine = watch.Elapsed.TotalMilliseconds / runs.Count;
            foreach (var label in new[] { "en", "de", "de@en", "all" })
            {
                var subset = outcomes.Where(o => label == "all" ? !o.Label.Contains('@', StringComparison.Ordinal) : o.Label == label).Select(o => (o.Line, o.Outcome)).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {t:F3} / {m:F2}{(c is null ? "" : $" / {c:F2}")} | {split} | {label} | {Rate(subset, "P", "T")} | {Rate(subset, "P")} | {Rate(subset, "T")} | {Rate(subset, "N")} | {Rate(subset, "F")} | {subset.Count(o => o.Line.Intent is not null && o.Outcome.Clarified.Contains(o.Line.Intent))} | {perLine:F1} | {NotStarted(subset)} |"));
            }
        }
    }
}

misses.ForEach(Console.WriteLine);
foreach (var (missClass, count) in missClasses)
{
    Console.WriteLine($"  class {missClass}: {count}");
}

// The threshold a line in this language meets: the settings' own for the language, and for embedded's other languages
// the lexical recognizer's it hands them to.
static double Threshold(NearestExampleOptions settings, string recognizer, string language) =>
    recognizer == "embedded" && language != "en" ? LexicalUnderstanding.DefaultThreshold
    : settings.Languages.TryGetValue(language, out var own) ? own.Threshold : settings.Threshold;

// Why a tune line missed, from its outcome and the three best scores the recognizer reported ("flow:x", "out_of_scope").
// A line an out-of-scope example rejected is told apart by whether the right flow passes the threshold: only then could a
// rule about when an out-of-scope example rejects start it.
static string MissClass(EvalLine line, Outcome outcome, IReadOnlyList<KeyValuePair<string, double>> scores, double threshold)
{
    var flows = scores.Where(s => s.Key.StartsWith("flow:", StringComparison.Ordinal)).ToList();
    if (line.Intent is null)
    {
        return outcome.Flow is not null ? $"out of scope ({line.Kind}), started a flow" : outcome.Clarified.Count > 0 ? $"out of scope ({line.Kind}), asked which" : $"out of scope ({line.Kind}), {outcome}";
    }

    var right = flows.FindIndex(s => s.Key == "flow:" + line.Intent);
    var rightBest = right == 0 ? "right flow best of the flows" : right > 0 ? "right flow not best" : "right flow not in the top three";
    if (outcome.Flow is not null)
    {
        return right == 1 ? (flows[0].Value - flows[1].Value <= 0.03 ? "wrong flow, right one second within 0.03" : "wrong flow, right one second by more") : "wrong flow, right one third or lower";
    }

    if (outcome.Clarified.Count > 0)
    {
        return outcome.Clarified.Contains(line.Intent) ? "asked which, right flow offered" : "asked which, right flow not offered";
    }

    if (outcome.Command is not null && outcome.Command != "cannot_handle")
    {
        return $"another reply ({outcome.Command})";
    }

    var passes = right < 0 ? "" : flows[right].Value >= threshold ? ", over the threshold" : ", under the threshold";
    return scores.FirstOrDefault().Key == "out_of_scope" ? $"rejected, an out-of-scope example nearest, {rightBest}{passes}" : $"rejected, under the threshold or no flow stands out, {rightBest}";
}

static string Rate(List<(EvalLine Line, Outcome Outcome)> outcomes, params string[] kinds)
{
    var lines = outcomes.Where(o => kinds.Contains(o.Line.Kind)).ToList();
    var right = lines.Count(o => o.Outcome.IsRight(o.Line));
    return lines.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * right / lines.Count:F1} % ({right}/{lines.Count})");
}

// How the lines that started nothing were turned down, most frequent first ("cannot_handle 40, off_topic 12").
static string NotStarted(List<(EvalLine Line, Outcome Outcome)> outcomes) =>
    string.Join(", ", outcomes.Select(o => o.Outcome.NotStarted).OfType<string>().GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

static MiniLmModel Model() => MiniLmModel.GetShared();

// Which built-in out-of-scope example scored highest (tune diagnostics only): the recognizer's similarity on the peeled line.
async Task<string> NearestOutOfScope(string recognizer, UnderstandingResult result, EvalLine line)
{
    if (!printOosWinners || result.Scores.FirstOrDefault().Key != "out_of_scope")
    {
        return "";
    }

    IUtteranceSimilarity similarity = result.Path == "embedded"
        ? new BlendedSimilarity(new EmbeddingSimilarity(Model()), new LexicalSimilarity(everydaySynonyms: false), blend)
        : new LexicalSimilarity();
    var lexicon = Lexicon.For(line.Language);
    var examples = lexicon.OutOfScopeExamples.Select(lexicon.Unframed).ToList();
    var scores = await similarity.ScoreAsync(lexicon.Unframed(line.Text), examples, null, CancellationToken.None);
    var best = scores.Select((s, i) => (s, i)).MaxBy(p => p.s);
    return $" [oos: \"{examples[best.i]}\" {best.s:F2}]";
}
