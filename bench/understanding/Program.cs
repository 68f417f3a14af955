// Evaluates the example-matching recognizers on a labelled set: top-1 accuracy on in-scope lines (paraphrases, typos)
// and rejection of out-of-scope lines. Usage: dotnet run -c Release --project bench/understanding [-- --thresholds]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

var set = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "eval-set.json"))).RootElement;
var flows = set.GetProperty("intents").EnumerateObject()
    .Select(p => new FlowCandidate(p.Name, p.Name.Replace('_', ' '), p.Value.EnumerateArray().Select(e => e.GetString()!).ToList()))
    .ToList();
var tests = set.GetProperty("tests").EnumerateArray()
    .Select(t => (Text: t.GetProperty("text").GetString()!, Intent: t.GetProperty("intent").ValueKind == JsonValueKind.Null ? null : t.GetProperty("intent").GetString(), Kind: t.GetProperty("kind").GetString()!))
    .ToList();

var sweep = args.Contains("--thresholds");
var loadWatch = Stopwatch.StartNew();
var model = MiniLmModel.GetShared();
var loadMs = loadWatch.ElapsedMilliseconds;
Console.WriteLine($"intents {flows.Count}, examples {flows.Sum(f => f.Examples.Count)}, test lines {tests.Count}; model load {loadMs} ms");

var options = new UnderstandingOptions();
var recognizers = new List<(string Name, Func<double, IUnderstanding> Create, double Threshold)>
{
    ("embedded (all-MiniLM-L6-v2)", t => new EmbeddingUnderstanding(model, t), options.EmbeddedThreshold),
    ("lexical (no model)", t => LexicalUnderstanding.Create(t), options.LexicalThreshold),
};

foreach (var (name, create, threshold) in recognizers)
{
    var thresholds = sweep ? new[] { 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 } : [threshold];
    foreach (var t in thresholds)
    {
        var recognizer = create(t);
        var perKind = new Dictionary<string, (int Ok, int All)>();
        var wrong = new List<string>();
        var watch = Stopwatch.StartNew();
        foreach (var (text, intent, kind) in tests)
        {
            var result = await recognizer.UnderstandAsync(new UnderstandingRequest
            {
                Text = text,
                Language = "en",
                Flows = flows,
                AllowedCommands = [CommandKind.StartFlow, CommandKind.CannotHandle],
                Revision = "bench",
            }, CancellationToken.None);
            var got = result.Commands.FirstOrDefault() switch
            {
                StartFlowCommand s => s.Flow,
                ClarifyCommand c => "clarify:" + string.Join("|", c.Flows),
                _ => null,
            };
            var ok = got == intent;
            var (o, a) = perKind.GetValueOrDefault(kind);
            perKind[kind] = (o + (ok ? 1 : 0), a + 1);
            if (!ok && !sweep)
            {
                wrong.Add($"  [{kind}] \"{text}\" expected {intent ?? "(reject)"}, got {got ?? "(reject)"} (best {result.Scores.FirstOrDefault().Key} {result.Scores.FirstOrDefault().Value:F2})");
            }
        }

        var perLine = watch.Elapsed.TotalMilliseconds / tests.Count;
        string Pct(params string[] kinds)
        {
            var ok = kinds.Sum(k => perKind.GetValueOrDefault(k).Ok);
            var all = kinds.Sum(k => perKind.GetValueOrDefault(k).All);
            return string.Create(CultureInfo.InvariantCulture, $"{100.0 * ok / all:F1} % ({ok}/{all})");
        }

        Console.WriteLine($"{name}, threshold {t:F2}: in-scope top-1 {Pct("paraphrase", "typo")}; paraphrases {Pct("paraphrase")}; typos {Pct("typo")}; out-of-scope rejected {Pct("out_of_scope")}; {perLine:F1} ms/line");
        wrong.ForEach(Console.WriteLine);
    }
}
