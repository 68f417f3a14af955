using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// Loads a dialog folder and keeps it current: watches for changes (debounced), validates a change before taking it,
/// and keeps serving the last good revision when the new files have errors (logging why). Turns in flight keep the
/// snapshot they started with.
/// </summary>
public sealed partial class DialogDefinitionsProvider : IDialogDefinitionsProvider, IDisposable
{
    private readonly string _folder;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _debounce;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _timer;
    private volatile CompiledBot _current;

    /// <summary>Loads <paramref name="folder"/> now; throws <see cref="DialogLoadException"/> when it has errors.</summary>
    public DialogDefinitionsProvider(string folder, ILogger<DialogDefinitionsProvider>? logger = null, TimeProvider? timeProvider = null, TimeSpan? debounce = null)
    {
        _folder = folder;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _debounce = debounce ?? TimeSpan.FromMilliseconds(500);
        var result = DialogLoader.LoadFolder(folder);
        LastResult = result;
        if (result.Bot is null) throw new DialogLoadException(folder, result.Diagnostics);
        _current = result.Bot;
        foreach (var warning in result.Diagnostics) LogDiagnostic(_logger, warning.ToString());
        LogLoaded(_logger, folder, result.Revision, result.Bot.Flows.Count);
    }

    /// <inheritdoc />
    public CompiledBot Current => _current;

    /// <summary>The result of the most recent load attempt (good or bad).</summary>
    public LoadResult LastResult { get; private set; }

    /// <summary>Raised after a reload attempt: the new bot when it was taken, null when it was refused.</summary>
    public event Action<LoadResult>? ReloadAttempted;

    /// <summary>Raised when the watcher notices a change (before the debounce delay).</summary>
    public event Action? ChangeDetected;

    /// <summary>Starts watching the folder for changes to <c>*.yaml</c> files and the Markdown knowledge files (also in sub-folders such as <c>knowledge/</c>).</summary>
    public void StartWatching()
    {
        lock (_gate)
        {
            if (_watcher is not null) return;
            _timer = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(_folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnChanged;
            _watcher.EnableRaisingEvents = true;
        }
    }

    // Definitions, and the knowledge files answer steps read (a change to a test file reloads to the same revision).
    private static readonly string[] WatchedExtensions = [".yaml", ".yml", ".md", ".markdown"];

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (!WatchedExtensions.Any(x => e.Name!.EndsWith(x, StringComparison.OrdinalIgnoreCase))) return;
        // Editors write in bursts (truncate, write, rename): wait for quiet before reading.
        lock (_gate) _timer?.Change(_debounce, Timeout.InfiniteTimeSpan);
        ChangeDetected?.Invoke();
    }

    /// <summary>Loads the folder again; takes the result only when it has no errors. Returns true when a new revision is now served.</summary>
    public bool Reload()
    {
        LoadResult result;
        try
        {
            result = DialogLoader.LoadFolder(_folder);
        }
        catch (IOException ex)
        {
            // A file mid-write or locked: keep serving; the next change event retries.
            LogReloadIoFailed(_logger, _folder, ex);
            return false;
        }
        LastResult = result;
        var taken = false;
        if (result.Bot is null)
        {
            LogReloadRefused(_logger, _folder, result.Errors.Count(), _current.Revision);
            foreach (var d in result.Diagnostics) LogDiagnostic(_logger, d.ToString());
        }
        else if (result.Bot.Revision != _current.Revision)
        {
            _current = result.Bot;
            taken = true;
            LogLoaded(_logger, _folder, result.Revision, result.Bot.Flows.Count);
        }
        ReloadAttempted?.Invoke(result);
        return taken;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Dialogs loaded from {Folder}: revision {Revision}, {Flows} flows")]
    private static partial void LogLoaded(ILogger logger, string folder, string revision, int flows);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Dialog change in {Folder} refused: {Errors} errors; still serving revision {Revision}")]
    private static partial void LogReloadRefused(ILogger logger, string folder, int errors, string revision);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private static partial void LogDiagnostic(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Dialog files in {Folder} could not be read; still serving the last good revision")]
    private static partial void LogReloadIoFailed(ILogger logger, string folder, Exception exception);
}
