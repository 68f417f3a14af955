using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bench.Understanding;

/// <summary>
/// <c>--explain</c> (lexical, tune misses only): the candidates the recognizer compares a line with, rebuilt as it builds
/// them (peeled examples and descriptions, the built-in out-of-scope examples it keeps), and for the winning label and
/// the right flow their two best examples with each word's weight and match (<see cref="LexicalSimilarity.Explain"/>).
/// </summary>
internal static class Explain
{
    public static async Task<string> LineAsync(Dictionary<string, Dictionary<string, EvalIntent>> bots, EvalLine line, NearestExampleOptions settings)
    {
        var lexicon = Lexicon.For(line.Language);
        var options = settings.Languages.TryGetValue(line.Language, out var own) ? own : settings;
        var similarity = new LexicalSimilarity();
        var labels = new List<string>();
        var utterances = new List<string>();
        foreach (var intent in bots[line.Bot].Values)
        {
            foreach (var example in intent.Examples.GetValueOrDefault(line.Language) ?? intent.Examples.GetValueOrDefault("en") ?? [])
            {
                labels.Add(intent.Id);
                utterances.Add(lexicon.Unframed(example));
            }

            labels.Add(intent.Id);
            utterances.Add(lexicon.Unframed(intent.Description));
        }

        var botExamples = utterances.ToList();
        foreach (var example in lexicon.OutOfScopeExamples.Select(lexicon.Unframed))
        {
            if ((await similarity.ScoreAsync(example, botExamples, null, CancellationToken.None)).Max() < options.CoveredAt)
            {
                labels.Add("out_of_scope");
                utterances.Add(example);
            }
        }

        var query = lexicon.Unframed(line.Text);
        var scores = await similarity.ScoreAsync(query, utterances, botExamples.Count, null, CancellationToken.None);
        var best = labels.Select((l, i) => (Label: l, Score: scores[i], Index: i)).GroupBy(p => p.Label)
            .Select(g => (Label: g.Key, Top: g.OrderByDescending(p => p.Score).Take(2).ToList()))
            .OrderByDescending(g => g.Top.Average(p => p.Score)).ToList();
        var text = new System.Text.StringBuilder();
        text.Append("    query \"").Append(query).Append("\"\n");
        foreach (var (label, top) in best.Take(1).Concat(best.Where(b => b.Label == line.Intent && b.Label != best[0].Label)))
        {
            text.Append("    ").Append(label == line.Intent ? "right " : "won   ").Append(label).Append(' ').Append(top.Average(p => p.Score).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            foreach (var (_, _, index) in top)
            {
                text.Append("      \"").Append(utterances[index]).Append("\" ").Append(similarity.Explain(query, utterances, index, null, botExamples.Count)).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
