using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// The registered embedded recognizer: starts the model's background load when it is created and, until the model is
/// ready (or if it fails to load), answers with the lexical recognizer (path <c>lexical</c>); from then on with
/// <see cref="EmbeddingUnderstanding"/> (path <c>embedded</c>).
/// </summary>
internal sealed class ModelLoadingUnderstanding : IUnderstanding
{
    private readonly EmbeddedModelLoader _loader;
    private readonly Func<MiniLmModel, IUnderstanding> _whenLoaded;
    private readonly IUnderstanding _untilLoaded;
    private volatile IUnderstanding? _loaded;

    /// <summary>Creates the recognizer and starts the load.</summary>
    public ModelLoadingUnderstanding(EmbeddedModelLoader loader, Func<MiniLmModel, IUnderstanding> whenLoaded, IUnderstanding untilLoaded)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(whenLoaded);
        ArgumentNullException.ThrowIfNull(untilLoaded);
        _loader = loader;
        _whenLoaded = whenLoaded;
        _untilLoaded = untilLoaded;
        _ = loader.Start();
    }

    /// <inheritdoc />
    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded)
        {
            return loaded.UnderstandAsync(request, cancellationToken);
        }

        if (_loader.Model is { } model)
        {
            // Built once; two turns racing here build two equal wrappers over the one model, and one is kept.
            loaded = _whenLoaded(model);
            _loaded = loaded;
            return loaded.UnderstandAsync(request, cancellationToken);
        }

        return _untilLoaded.UnderstandAsync(request, cancellationToken);
    }
}
