using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// The local recognizer: nearest example utterance (and nearest enum value for the expected slot) by all-MiniLM-L6-v2
/// sentence embeddings blended with lexical overlap; below the threshold, or nearer to a built-in out-of-scope example
/// than to any flow, it answers <c>cannot_handle</c>. Path <c>embedded</c>, top-3 scores in the result.
/// MiniLM is an English model, so a message written in another language (detected from the text, not only the
/// channel's locale) goes to <c>otherLanguages</c> (default: the lexical recognizer) with that language's examples.
/// </summary>
public sealed class EmbeddingUnderstanding : IUnderstanding
{
    /// <summary>The <see cref="UnderstandingResult.Path"/> of this recognizer.</summary>
    public const string PathName = "embedded";

    /// <summary>Default no-match threshold on the blended score (calibrated on bench/understanding's tune split).</summary>
    public const double DefaultThreshold = 0.18;

    /// <summary>
    /// Share of the embedding in the blended score; lexical overlap adds exact words, names and typos. 0.9 with threshold 0.18
    /// is the best point of the tune split's sweep that still tells "change my email address" from a delivery-address flow (1.0 does not).
    /// </summary>
    public const double DefaultEmbeddingWeight = 0.9;

    /// <summary>
    /// <see cref="NearestExampleOptions.UndecidedSpread"/>: MiniLM puts every request on a bot's subject near all of its
    /// flows, so one the bot has no flow for starts the nearest of several about equally near ones. Chosen on the tune splits.
    /// </summary>
    public static readonly double? DefaultUndecidedSpread = 0.03;

    /// <summary>
    /// <see cref="NearestExampleOptions.OneWordValueThreshold"/>: MiniLM puts a kind the values do not list near the
    /// listed kind of its family ("a hamster" → guinea pig 0.54), and such an answer gets the choices again instead.
    /// </summary>
    public const double DefaultOneWordValueThreshold = 0.6;

    /// <summary>
    /// <see cref="NearestExampleOptions.OutOfScopeMeaningLead"/>: a built-in out-of-scope example that wins only by the
    /// words it shares, while MiniLM puts the best flow this much nearer, rejects nothing. Chosen on the tune splits (the
    /// same from 0.005 to 0.01; 0 took two near-domain requests, 0.015 lost a line).
    /// </summary>
    public const double DefaultOutOfScopeMeaningLead = 0.01;

    private readonly NearestExampleUnderstanding _inner;
    private readonly IUnderstanding _otherLanguages;

    /// <summary>Creates the recognizer over a loaded model.</summary>
    public EmbeddingUnderstanding(MiniLmModel model, double threshold = DefaultThreshold, TimeProvider? timeProvider = null, IUnderstanding? otherLanguages = null)
        : this(model, DefaultOptions(threshold), timeProvider, otherLanguages)
    {
    }

    /// <summary>The shipped decision settings at <paramref name="threshold"/>, with the given out-of-scope meaning lead (null: off).</summary>
    public static NearestExampleOptions DefaultOptions(double threshold = DefaultThreshold, double? outOfScopeMeaningLead = DefaultOutOfScopeMeaningLead) =>
        new() { Threshold = threshold, UndecidedSpread = DefaultUndecidedSpread, OneWordValueThreshold = DefaultOneWordValueThreshold, OutOfScopeMeaningLead = outOfScopeMeaningLead };

    /// <summary>Creates the recognizer over a loaded model with all decision settings.</summary>
    public EmbeddingUnderstanding(MiniLmModel model, NearestExampleOptions options, TimeProvider? timeProvider = null, IUnderstanding? otherLanguages = null, double embeddingWeight = DefaultEmbeddingWeight)
    {
        // MiniLM knows synonyms; the lexical share adds exact words, names and typos, not the everyday synonym groups.
        var similarity = new BlendedSimilarity(new EmbeddingSimilarity(model), new LexicalSimilarity(everydaySynonyms: false), embeddingWeight);
        _inner = new NearestExampleUnderstanding(similarity, options, PathName, timeProvider);
        _otherLanguages = otherLanguages ?? LexicalUnderstanding.Create(timeProvider: timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var localized = request.InDetectedLanguage();
        var result = LanguageDetector.Primary(localized.Language) == "en"
            ? await _inner.UnderstandAsync(localized, cancellationToken).ConfigureAwait(false)
            : await _otherLanguages.UnderstandAsync(localized, cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(localized, request) || result.Language is not null)
        {
            return result;
        }

        return new UnderstandingResult
        {
            Commands = result.Commands, Path = result.Path, Dropped = result.Dropped, Scores = result.Scores, LlmCalls = result.LlmCalls,
            TokensIn = result.TokensIn, TokensOut = result.TokensOut, Error = result.Error, Language = localized.Language,
        };
    }
}
