using System.Text.Json;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

namespace Chatbot.Bench.Understanding;

/// <summary>
/// Writes raw similarity features of the tune split (one JSON object per line) for calibrating rules offline:
/// per flow and example the embedding and lexical scores, and per content word of the line its best embedding
/// similarity to any word of each flow's examples. Never run on the held-out split.
/// </summary>
internal static class Dump
{
    public static async Task WriteAsync(string path, Dictionary<string, Dictionary<string, EvalIntent>> bots, IReadOnlyList<EvalLine> tune)
    {
        var model = MiniLmModel.GetShared();
        var embedding = new EmbeddingSimilarity(model);
        var lexical = new LexicalSimilarity();
        var wordVectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        float[] Word(string w)
        {
            if (!wordVectors.TryGetValue(w, out var v))
            {
                v = model.Embed([w])[0];
                wordVectors[w] = v;
            }

            return v;
        }

        var bgCover = new Dictionary<(string, string), List<double>>();
        var selfScores = new Dictionary<(string, string, string), object>();
        await using var writer = new StreamWriter(path);
        foreach (var line in tune)
        {
            var flows = new Dictionary<string, object>();
            var words = UtteranceText.Tokens(line.Text).Distinct().ToList();
            foreach (var intent in bots[line.Bot].Values)
            {
                var examples = intent.Examples.GetValueOrDefault(line.Language) ?? [];
                var emb = await embedding.ScoreAsync(line.Text, examples, "dump-" + line.Bot + line.Language, CancellationToken.None);
                var lex = await lexical.ScoreAsync(line.Text, examples, null, CancellationToken.None);
                var exampleWords = examples.SelectMany(UtteranceText.Tokens).Distinct().ToList();
                var cover = words.ToDictionary(w => w, w => exampleWords.Count == 0 ? 0 : exampleWords.Max(e => Dot(Word(w), Word(e))));
                var desc = (await embedding.ScoreAsync(line.Text, [intent.Description], null, CancellationToken.None))[0];
                if (!selfScores.TryGetValue((line.Bot, line.Language, intent.Id), out var self))
                {
                    // Leave-one-out: how close each example is to the flow's other examples, and to other flows' examples.
                    var others = bots[line.Bot].Values.Where(i => i != intent).SelectMany(i => i.Examples.GetValueOrDefault(line.Language) ?? []).ToList();
                    var own = new List<double>();
                    var cross = new List<double>();
                    var ownLex = new List<double>();
                    foreach (var example in examples)
                    {
                        var rest = examples.Where(e => e != example).ToList();
                        own.Add(rest.Count == 0 ? 0 : (await embedding.ScoreAsync(example, rest, null, CancellationToken.None)).Max());
                        ownLex.Add(rest.Count == 0 ? 0 : rest.Max(r => LexicalSimilarity.Score(example, r)));
                        cross.Add(others.Count == 0 ? 0 : (await embedding.ScoreAsync(example, others, null, CancellationToken.None)).Max());
                    }

                    self = new { own, cross, ownLex };
                    selfScores[(line.Bot, line.Language, intent.Id)] = self;
                }

                flows[intent.Id] = new { emb, lex, cover, desc, self, examples };
            }

            var background = Lexicon.For(line.Language).OutOfScopeExamples;
            var bgEmb = await embedding.ScoreAsync(line.Text, background, "dump-bg" + line.Language, CancellationToken.None);
            var bgLex = await lexical.ScoreAsync(line.Text, background, null, CancellationToken.None);
            if (!bgCover.TryGetValue((line.Bot, line.Language), out var cover2))
            {
                // How close each background example is to the bot's own examples (to drop the ones the bot covers).
                var all = bots[line.Bot].Values.SelectMany(i => i.Examples.GetValueOrDefault(line.Language) ?? []).ToList();
                cover2 = [];
                foreach (var b in background)
                {
                    cover2.Add(all.Count == 0 ? 0 : (await embedding.ScoreAsync(b, all, "dump-" + line.Bot + line.Language, CancellationToken.None)).Max());
                }

                bgCover[(line.Bot, line.Language)] = cover2;
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(new { line.Bot, line.Language, line.Kind, line.Intent, line.Text, words, flows, bgEmb, bgLex, bgCover = cover2 }));
        }
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
