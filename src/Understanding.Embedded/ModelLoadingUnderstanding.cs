using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// The registered embedded recognizer: starts the model's background load when it is created and, until the model is
/// ready (or if it fails to load), answers with the lexical recognizer (path <c>lexical</c>); from then on with
/// <see cref="EmbeddingUnderstanding"/> (path <c>embedded</c>). A message that arrives while the load is under way waits
/// for it, at most <c>modelWait</c>: the load takes a few hundred milliseconds, and the lexical recognizer places a third
/// fewer paraphrases (bench/RESULTS.md). Before the host lets the load begin (the first message), the lexical reading
/// stands when it starts a flow or a command; a message it cannot place starts the load at once and waits for it, so
/// a user's first request is not "not understood" only because the instance was cold.
/// </summary>
internal sealed class ModelLoadingUnderstanding : IUnderstanding
{
    private readonly EmbeddedModelLoader _loader;
    private readonly Func<MiniLmModel, IUnderstanding> _whenLoaded;
    private readonly IUnderstanding _untilLoaded;
    private readonly TimeSpan _modelWait;
    private readonly TimeProvider _timeProvider;
    private volatile IUnderstanding? _loaded;

    /// <summary>Creates the recognizer and starts the load.</summary>
    public ModelLoadingUnderstanding(EmbeddedModelLoader loader, Func<MiniLmModel, IUnderstanding> whenLoaded, IUnderstanding untilLoaded, TimeSpan modelWait = default, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(whenLoaded);
        ArgumentNullException.ThrowIfNull(untilLoaded);
        _loader = loader;
        _whenLoaded = whenLoaded;
        _untilLoaded = untilLoaded;
        _modelWait = modelWait;
        _timeProvider = timeProvider ?? TimeProvider.System;
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
            return Loaded(model).UnderstandAsync(request, cancellationToken);
        }

        return _modelWait <= TimeSpan.Zero ? _untilLoaded.UnderstandAsync(request, cancellationToken)
            : _loader.State switch
            {
                EmbeddedModelState.Loading => WaitForModelAsync(_loader.Start(), request, cancellationToken),
                EmbeddedModelState.Waiting or EmbeddedModelState.NotStarted => LexicalOrModelAsync(request, cancellationToken),
                _ => _untilLoaded.UnderstandAsync(request, cancellationToken),
            };
    }

    // The load has not begun: the lexical reading if it places the message, else the model, loaded now.
    private async ValueTask<UnderstandingResult> LexicalOrModelAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        var lexical = await _untilLoaded.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        if (!lexical.Commands.All(c => c.Kind is CommandKind.CannotHandle or CommandKind.Clarify))
        {
            return lexical;
        }

        return await WaitForModelAsync(_loader.StartNow(), request, cancellationToken, lexical).ConfigureAwait(false);
    }

    // Built once; two turns racing here build two equal wrappers over the one model, and one is kept.
    private IUnderstanding Loaded(MiniLmModel model) => _loaded ??= _whenLoaded(model);

    private async ValueTask<UnderstandingResult> WaitForModelAsync(Task<MiniLmModel> load, UnderstandingRequest request, CancellationToken cancellationToken, UnderstandingResult? lexical = null)
    {
        MiniLmModel? model = null;
        try
        {
            model = await load.WaitAsync(_modelWait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still loading (a busy machine): this message gets the lexical reading rather than wait longer.
        }
        catch (Exception) when (_loader.State == EmbeddedModelState.Failed)
        {
            // The loader has logged why; the lexical recognizer keeps answering.
        }

        return model is not null ? await Loaded(model).UnderstandAsync(request, cancellationToken).ConfigureAwait(false)
            : lexical ?? await _untilLoaded.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
