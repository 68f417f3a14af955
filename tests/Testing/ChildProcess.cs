using System.Diagnostics;

namespace Chatbot.Testing;

/// <summary>
/// A server the tests run as a child process (Azurite, the Functions host): its output lines are kept and can be
/// awaited, it is stopped with SIGTERM (graceful: the Functions host releases its storage leases), and it never
/// outlives the test run, even when the test process dies without disposing it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // The command runs under a small bash guard that sends it SIGTERM once our end of its stdin closes: on StopAsync,
    // and also when the test process dies (the kernel closes the pipe). Its exit status is the command's.
    // (Background jobs read /dev/null unless told otherwise, hence the stdin copy on fd 3.)
    private const string Guard = """
        exec 3<&0
        "$@" 3<&- &
        child=$!
        ( cat <&3 >/dev/null 2>&1; kill -TERM "$child" 2>/dev/null ) >/dev/null 2>&1 &
        exec 3<&-
        wait "$child"
        """;

    private readonly Process _process;
    private readonly string _name;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, int FromLine, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    /// <summary>Every line the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>How many lines the process wrote so far (a starting point for <see cref="WaitForLineAsync"/>).</summary>
    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Completes with the exit code when the process has exited.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>; <paramref name="environment"/> is added to
    /// this process's environment (a null value removes a variable).
    /// </summary>
    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (IEnumerable<string>)["-c", Guard, name, fileName, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Completes with the first line from line number <paramref name="fromLine"/> on that <paramref name="match"/>es;
    /// fails if the process exits first or <paramref name="timeout"/> passes (a bound against hangs, not a wait).
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int fromLine = 0, CancellationToken cancellationToken = default)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            for (var i = fromLine; i < _lines.Count; i++)
            {
                if (match(_lines[i])) return _lines[i];
            }

            if (_exited.Task.IsCompleted)
            {
                throw new InvalidOperationException($"{_name} has exited (code {_exited.Task.Result}). Its output:\n{Tail()}");
            }

            _waiters.Add((match, fromLine, signal));
        }

        try
        {
            return await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_name} did not write the expected line within {timeout}. Its output:\n{Tail()}");
        }
        finally
        {
            lock (_lines)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }
        }
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits up to <paramref name="grace"/>; kills it after that.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.Task.IsCompleted) return;
        try
        {
            _process.StandardInput.Close();
            await _exited.Task.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            _process.Kill(entireProcessTree: true);
            await _exited.Task.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 80)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters)
            {
                if (_lines.Count - 1 >= waiter.FromLine && waiter.Match(line)) waiter.Signal.TrySetResult(line);
            }
        }
    }

    private void OnExited()
    {
        // Lets output still in the pipes arrive first; bounded, because a grandchild that outlived the process (a
        // worker whose host was killed) may hold the pipes open.
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        var code = _process.ExitCode;
        lock (_lines)
        {
            _exited.TrySetResult(code);
            foreach (var waiter in _waiters)
            {
                waiter.Signal.TrySetException(new InvalidOperationException($"{_name} exited (code {code}) before writing the expected line. Its output:\n{Tail()}"));
            }
        }
    }
}
