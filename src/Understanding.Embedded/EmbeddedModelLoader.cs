using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// Loads the embedded model once, on a background thread, so that starting the host and the first turns never wait for
/// the ~90 MB model (extracting it and creating the ONNX session costs 1-3 s of CPU). Says how far it got. A host may
/// hold the load behind a start gate (BotServer opens its <see cref="EmbeddedModelLoadGate"/> once the first request
/// has been answered), so that on a one- or two-core box the load does not compete with the first turn.
/// </summary>
public sealed partial class EmbeddedModelLoader
{
    private readonly Func<MiniLmModel> _load;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _startGate;
    private readonly Lock _lock = new();
    private readonly Lazy<Task<MiniLmModel>> _thread;
    private readonly TaskCompletionSource<MiniLmModel> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<MiniLmModel>? _loading;
    private volatile bool _began;
    private volatile MiniLmModel? _model;
    private volatile Exception? _failure;

    /// <summary>
    /// Creates a loader; <paramref name="load"/> runs at most once, on its own thread, when <see cref="Start"/> is first
    /// called, or when <paramref name="startGate"/> completes if that is later.
    /// </summary>
    public EmbeddedModelLoader(Func<MiniLmModel> load, TimeProvider? timeProvider = null, ILogger<EmbeddedModelLoader>? logger = null, Task? startGate = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        _startGate = startGate ?? Task.CompletedTask;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _thread = new(StartThread, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How far the load got.</summary>
    public EmbeddedModelState State =>
        _model is not null ? EmbeddedModelState.Ready
        : _failure is not null ? EmbeddedModelState.Failed
        : Volatile.Read(ref _loading) is null ? EmbeddedModelState.NotStarted
        : _began ? EmbeddedModelState.Loading
        : EmbeddedModelState.Waiting;

    /// <summary>Why the load failed, when <see cref="State"/> is <see cref="EmbeddedModelState.Failed"/>.</summary>
    public Exception? Failure => _failure;

    /// <summary>The loaded model, or null while it is not (yet) loaded. Never blocks.</summary>
    public MiniLmModel? Model => _model;

    /// <summary>Completes when the model is loaded (or faults when it cannot be), whichever call started the load.</summary>
    public Task<MiniLmModel> Loaded => _loaded.Task;

    /// <summary>
    /// Starts the load if it has not started (once the start gate is open); returns at once. The task completes when the
    /// model is loaded (or faults).
    /// </summary>
    public Task<MiniLmModel> Start()
    {
        if (Volatile.Read(ref _loading) is { } started)
        {
            return started;
        }

        lock (_lock)
        {
            return _loading ??= _startGate.IsCompleted
                ? _thread.Value
                : _startGate.ContinueWith(_ => _thread.Value, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>
    /// Starts the load at once, even while the start gate is closed (a message needs the model before the host would
    /// have let the load begin); returns at once. The task completes when the model is loaded (or faults).
    /// </summary>
    public Task<MiniLmModel> StartNow()
    {
        var thread = _thread.Value;
        lock (_lock)
        {
            _loading ??= thread;
        }

        return thread;
    }

    private Task<MiniLmModel> StartThread()
    {
        // Loading from the moment the thread is asked for, not from when it first runs: on a busy box that can be later,
        // and State must not say Waiting (for the start gate) once the gate is open.
        _began = true;
        return Task.Factory.StartNew(Load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private MiniLmModel Load()
    {
        _began = true;
        BackgroundPriority.Lower();
        var started = _timeProvider.GetTimestamp();
        LogLoading(_logger);
        try
        {
            var model = _load();
            _model = model;
            LogReady(_logger, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            _loaded.TrySetResult(model);
            return model;
        }
        catch (Exception ex)
        {
            _failure = ex;
            LogFailed(_logger, ex.Message, ex);
            _loaded.TrySetException(ex);
            throw;
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Embedded model: loading in the background; until it is ready a message waits for it up to Understanding:Embedded:ModelWait, then the lexical recognizer answers.")]
    private static partial void LogLoading(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Embedded model ready after {ElapsedMs} ms; the embedded recognizer answers from now on.")]
    private static partial void LogReady(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Embedded model could not be loaded ({Reason}); the lexical recognizer keeps answering.")]
    private static partial void LogFailed(ILogger logger, string reason, Exception exception);
}
