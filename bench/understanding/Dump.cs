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
                flows[intent.Id] = new { emb, lex, cover, examples };
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(new { line.Bot, line.Language, line.Kind, line.Intent, line.Text, words, flows }));
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
