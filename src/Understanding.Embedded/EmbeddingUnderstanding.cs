using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// The local recognizer: nearest example utterance (and nearest enum value for the expected slot) by all-MiniLM-L6-v2
/// sentence embeddings; below the threshold it answers <c>cannot_handle</c>. Path <c>embedded</c>, top-3 scores in the result.
/// MiniLM is an English model, so other languages go to <c>otherLanguages</c> (default: the lexical recognizer).
/// </summary>
public sealed class EmbeddingUnderstanding : IUnderstanding
{
    /// <summary>The <see cref="UnderstandingResult.Path"/> of this recognizer.</summary>
    public const string PathName = "embedded";

    private readonly NearestExampleUnderstanding _inner;
    private readonly IUnderstanding _otherLanguages;

    /// <summary>Creates the recognizer over a loaded model.</summary>
    public EmbeddingUnderstanding(MiniLmModel model, double threshold = 0.35, TimeProvider? timeProvider = null, IUnderstanding? otherLanguages = null)
    {
        _inner = new NearestExampleUnderstanding(new EmbeddingSimilarity(model), threshold, PathName, timeProvider);
        _otherLanguages = otherLanguages ?? LexicalUnderstanding.Create(timeProvider: timeProvider);
    }

    /// <inheritdoc />
    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var english = request.Language.Split('-', '_')[0].Equals("en", StringComparison.OrdinalIgnoreCase);
        return english ? _inner.UnderstandAsync(request, cancellationToken) : _otherLanguages.UnderstandAsync(request, cancellationToken);
    }
}
