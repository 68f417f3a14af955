using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// Loads the embedded model once, on a background thread, so that starting the host and the first turns never wait for
/// the ~90 MB model (extracting it and creating the ONNX session costs 1-3 s of CPU). Says how far it got.
/// </summary>
public sealed partial class EmbeddedModelLoader
{
    private readonly Func<MiniLmModel> _load;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<MiniLmModel>? _loading;
    private volatile MiniLmModel? _model;
    private volatile Exception? _failure;

    /// <summary>Creates a loader; <paramref name="load"/> runs at most once, on its own thread, when <see cref="Start"/> is first called.</summary>
    public EmbeddedModelLoader(Func<MiniLmModel> load, TimeProvider? timeProvider = null, ILogger<EmbeddedModelLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How far the load got.</summary>
    public EmbeddedModelState State =>
        _model is not null ? EmbeddedModelState.Ready
        : _failure is not null ? EmbeddedModelState.Failed
        : Volatile.Read(ref _loading) is null ? EmbeddedModelState.NotStarted
        : EmbeddedModelState.Loading;

    /// <summary>Why the load failed, when <see cref="State"/> is <see cref="EmbeddedModelState.Failed"/>.</summary>
    public Exception? Failure => _failure;

    /// <summary>The loaded model, or null while it is not (yet) loaded. Never blocks.</summary>
    public MiniLmModel? Model => _model;

    /// <summary>Starts the load if it has not started; returns at once. The task completes when the model is loaded (or faults).</summary>
    public Task<MiniLmModel> Start()
    {
        if (Volatile.Read(ref _loading) is { } started)
        {
            return started;
        }

        lock (_gate)
        {
            return _loading ??= Task.Factory.StartNew(Load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private MiniLmModel Load()
    {
        BackgroundPriority.Lower();
        var started = _timeProvider.GetTimestamp();
        LogLoading(_logger);
        try
        {
            var model = _load();
            _model = model;
            LogReady(_logger, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return model;
        }
        catch (Exception ex)
        {
            _failure = ex;
            LogFailed(_logger, ex.Message, ex);
            throw;
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Embedded model: loading in the background; the lexical recognizer answers until it is ready.")]
    private static partial void LogLoading(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Embedded model ready after {ElapsedMs} ms; the embedded recognizer answers from now on.")]
    private static partial void LogReady(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Embedded model could not be loaded ({Reason}); the lexical recognizer keeps answering.")]
    private static partial void LogFailed(ILogger logger, string reason, Exception exception);
}
