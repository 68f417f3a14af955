using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// The registered embedded recognizer: starts the model's background load when it is created and, until the model is
/// ready (or if it fails to load), answers with the lexical recognizer (path <c>lexical</c>); from then on with
/// <see cref="EmbeddingUnderstanding"/> (path <c>embedded</c>). Ready means loaded and warm: the first reading embeds the
/// bot's examples (~2 s of CPU on a busy two-core box), so it is done with the latest message (or the first to come)
/// in the background, not on a user's time. A message that comes while the load or that warm-up runs waits, at most
/// <c>modelWait</c> (the lexical recognizer places a third fewer paraphrases, bench/RESULTS.md). Before the host lets the
/// load begin (the first message), the lexical reading stands when it starts a flow or a command; a message it cannot
/// place starts the load at once and waits, so a first request is not "not understood" only because the instance was cold.
/// </summary>
internal sealed class ModelLoadingUnderstanding : IUnderstanding
{
    private readonly EmbeddedModelLoader _loader;
    private readonly Func<MiniLmModel, IUnderstanding> _whenLoaded;
    private readonly IUnderstanding _untilLoaded;
    private readonly TimeSpan _modelWait;
    private readonly TimeProvider _timeProvider;
    private readonly TaskCompletionSource<UnderstandingRequest> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IUnderstanding? _ready;
    private volatile UnderstandingRequest? _lastRequest;

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
        Ready = WarmUpAsync();
        _ = Ready.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Completes when the model is loaded and warm (the embedded recognizer answers from then on); faults when it cannot load.</summary>
    internal Task<IUnderstanding> Ready { get; }

    /// <inheritdoc />
    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        if (_ready is { } ready)
        {
            return ready.UnderstandAsync(request, cancellationToken);
        }

        _lastRequest = request;
        _firstRequest.TrySetResult(request);
        if (_modelWait <= TimeSpan.Zero || _loader.State == EmbeddedModelState.Failed)
        {
            return _untilLoaded.UnderstandAsync(request, cancellationToken);
        }

        return _loader.State is EmbeddedModelState.Waiting or EmbeddedModelState.NotStarted
            ? LexicalOrModelAsync(request, cancellationToken)
            : WaitForModelAsync(request, cancellationToken);
    }

    // The load has not begun: the lexical reading if it places the message, else the model, loaded now.
    private async ValueTask<UnderstandingResult> LexicalOrModelAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        var lexical = await _untilLoaded.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        if (!lexical.Commands.All(c => c.Kind is CommandKind.CannotHandle or CommandKind.Clarify))
        {
            return lexical;
        }

        _ = _loader.StartNow();
        return await WaitForModelAsync(request, cancellationToken, lexical).ConfigureAwait(false);
    }

    // The model's reading if it is ready within the wait; else the lexical one.
    private async ValueTask<UnderstandingResult> WaitForModelAsync(UnderstandingRequest request, CancellationToken cancellationToken, UnderstandingResult? lexical = null)
    {
        try
        {
            var ready = await Ready.WaitAsync(_modelWait, _timeProvider, cancellationToken).ConfigureAwait(false);
            return await ready.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A busy machine: this message gets the lexical reading rather than wait longer.
        }
        catch (Exception) when (_loader.State == EmbeddedModelState.Failed)
        {
            // The loader has logged why; the lexical recognizer keeps answering.
        }

        return lexical ?? await _untilLoaded.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // Loaded, then one reading of the latest message (or, if none came yet, of the first one to come) with the bot's
    // examples: that embeds them while the message waits within its bound, or in the background.
    private async Task<IUnderstanding> WarmUpAsync()
    {
        var understanding = _whenLoaded(await _loader.Loaded.ConfigureAwait(false));
        var request = await _firstRequest.Task.ConfigureAwait(false);
        try
        {
            await understanding.UnderstandAsync(_lastRequest ?? request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only a warm-up: a real message meets the same problem and reports it.
        }

        _ready = understanding;
        return understanding;
    }
}
