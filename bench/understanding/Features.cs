using System.Text.Json;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

namespace Chatbot.Bench.Understanding;

/// <summary>
/// For simulating the embedded recognizer's scoring rules offline (`--features file`, English lines of the tune splits
/// only): per line the MiniLM and the lexical score of every candidate it compares, after peeling and typo correction
/// (flow examples and descriptions, labelled by flow, and every built-in out-of-scope example), whether each candidate has
/// a content word of the query (<c>mentions</c>, by <see cref="LexicalSimilarity"/>'s word match; null when the query has
/// none: for rules about content-word agreement, emb14), and the query's vector;
/// beside it `file.vectors` (every candidate's vector) and `file.coverlex` (per bot, each out-of-scope example's lexical
/// score against the bot's candidates), from which the covered filter (2 × threshold on the blend) is recomputed. Pooling
/// the blended scores and applying the filter reproduces the recognizer's decision on every line (emb11, session 28).
/// </summary>
internal static class Features
{
    private sealed class Recording(IUtteranceSimilarity inner) : IUtteranceSimilarity
    {
        public (string Text, IReadOnlyList<string> Candidates, double[] Scores) Last;

        public async ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
        {
            var scores = await inner.ScoreAsync(text, candidates, cacheKey, cancellationToken);
            Last = (text, candidates.ToList(), scores);
            return scores;
        }
    }

    public static async Task WriteAsync(string path, Dictionary<string, Dictionary<string, EvalIntent>> bots, IEnumerable<(string Split, EvalLine Line)> lines)
    {
        var emb = new Recording(new EmbeddingSimilarity(MiniLmModel.GetShared()));
        var lex = new Recording(new LexicalSimilarity(everydaySynonyms: false));
        var recognizer = new NearestExampleUnderstanding(new BlendedSimilarity(emb, lex, EmbeddingUnderstanding.DefaultEmbeddingWeight),
            new NearestExampleOptions { Threshold = EmbeddingUnderstanding.DefaultThreshold, UndecidedSpread = EmbeddingUnderstanding.DefaultUndecidedSpread, OutOfScopeCoveredAt = 1 }, "embedded");

        // OutOfScopeCoveredAt 1 keeps every out-of-scope example among the candidates: the filter is the simulation's to apply.
        var model = MiniLmModel.GetShared();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var coverLex = new Dictionary<string, object>(StringComparer.Ordinal);
        var plainLex = new LexicalSimilarity(everydaySynonyms: false);
        await using var writer = new StreamWriter(path);
        foreach (var (split, line) in lines)
        {
            var request = EvalSet.Request(bots, line);
            await recognizer.UnderstandAsync(request, CancellationToken.None);
            var labels = new List<string>();
            foreach (var flow in request.Flows)
            {
                labels.AddRange(flow.Examples.Select(_ => flow.Id));
                if (!string.IsNullOrWhiteSpace(flow.Description))
                {
                    labels.Add(flow.Id);
                }
            }

            var candidates = emb.Last.Candidates;
            while (labels.Count < candidates.Count)
            {
                labels.Add("out_of_scope");
            }

            foreach (var missing in candidates.Where(c => !vectors.ContainsKey(c)).Distinct().Chunk(32))
            {
                var embedded = model.Embed(missing);
                for (var i = 0; i < missing.Length; i++) vectors[missing[i]] = embedded[i];
            }

            var vocabulary = candidates.SelectMany(UtteranceText.Tokens).ToHashSet(StringComparer.Ordinal);
            var queryVector = model.Embed([TypoCorrection.Correct(emb.Last.Text, vocabulary, model.IsKnownWord)])[0];
            if (!coverLex.ContainsKey(line.Bot))
            {
                var own = candidates.Where((_, i) => labels[i] != "out_of_scope").ToList();
                var rows = new List<double[]>();
                foreach (var oos in candidates.Where((_, i) => labels[i] == "out_of_scope"))
                {
                    rows.Add(await plainLex.ScoreAsync(oos, own, null, CancellationToken.None));
                }

                coverLex[line.Bot] = rows;
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(new
            {
                split, line.Bot, line.Language, line.Kind, line.Intent, line.Text, query = emb.Last.Text,
                labels, candidates, emb = emb.Last.Scores, lex = lex.Last.Scores, qv = queryVector.Select(v => Math.Round(v, 5)),
                mentions = plainLex.Mentions(emb.Last.Text, candidates, null),
            }));
        }

        await File.WriteAllTextAsync(path + ".coverlex", JsonSerializer.Serialize(coverLex));
        await File.WriteAllTextAsync(path + ".vectors", JsonSerializer.Serialize(vectors.ToDictionary(p => p.Key, p => p.Value.Select(v => Math.Round(v, 5)))));
    }
}
