using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// Knowledge retrieval for <c>answer</c> steps: MiniLM embeddings blended with lexical question coverage once the model
/// is loaded; until then (or if it fails to load) lexical coverage alone. The first question starts the model's
/// background load if the embedded recognizer has not (a host whose recognizer is the LLM still retrieves by meaning).
/// </summary>
public sealed class ModelLoadingSimilarity : IUtteranceSimilarity
{
    private readonly EmbeddedModelLoader _loader;
    private readonly IUtteranceSimilarity _untilLoaded = LexicalSimilarity.ForPassages();
    private volatile IUtteranceSimilarity? _loaded;

    /// <summary>Creates the similarity over the shared model loader.</summary>
    public ModelLoadingSimilarity(EmbeddedModelLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        _loader = loader;
    }

    /// <summary>
    /// Passage retrieval over a loaded model: embeddings blended with lexical question coverage for a question in
    /// English; lexical coverage alone for one written in another language (MiniLM is English only: it put the German
    /// "was ist wenn mein Koffer zu spät kommt?" as near the medical costs, 0.35, as the delayed luggage, and the
    /// recognizer sends German to the lexical one for the same reason).
    /// </summary>
    public static IUtteranceSimilarity ForPassages(MiniLmModel model) =>
        // MiniLM knows synonyms; the lexical share adds exact words and names (as in the recognizer's blend).
        new EnglishOrLexical(
            new BlendedSimilarity(new EmbeddingSimilarity(model), LexicalSimilarity.ForPassages(everydaySynonyms: false), EmbeddingUnderstanding.DefaultEmbeddingWeight),
            LexicalSimilarity.ForPassages());

    private sealed class EnglishOrLexical(IUtteranceSimilarity english, IUtteranceSimilarity other) : IUtteranceSimilarity
    {
        private static readonly string[] Languages = ["en", "de"];

        public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
            LanguageDetector.Detect(text, Languages) is { } language && language != "en"
                ? other.ScoreAsync(text, candidates, cacheKey, cancellationToken)
                : english.ScoreAsync(text, candidates, cacheKey, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken)
    {
        if (_loaded is null)
        {
            if (_loader.Model is { } model)
            {
                _loaded = ForPassages(model);
            }
            else
            {
                _ = _loader.Start();
            }
        }

        return (_loaded ?? _untilLoaded).ScoreAsync(text, candidates, cacheKey, cancellationToken);
    }
}
