using System.Net;
using System.Net.Sockets;

namespace Chatbot.Testing;

/// <summary>
/// The real Azure Functions host running an isolated-worker app's build output (src/BotFunctions), started through
/// scripts/functions-host.sh (the host built from ../shared/functions-host, or Core Tools' <c>func</c>), on a free
/// loopback port. The app's settings are its environment, as <c>local.settings.json</c> Values would be.
/// </summary>
public sealed class FunctionsHostProcess : IAsyncDisposable
{
    /// <summary>How long a start may take: covers building the host on a busy machine if setup did not (a bound, not a wait).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private FunctionsHostProcess(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>; the app's HTTP functions are under <c>api/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host process: its log lines (host and worker) can be read and awaited.</summary>
    public ChildProcess Process { get; }

    /// <summary>
    /// Starts the host for <paramref name="appDirectory"/> with <paramref name="settings"/> as environment and waits until
    /// it listens and its language worker is initialized (the first HTTP request is then served without a cold start).
    /// </summary>
    public static async Task<FunctionsHostProcess> StartAsync(
        string appDirectory, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(appDirectory, "worker.config.json")))
        {
            throw new InvalidOperationException($"No isolated-worker app in {appDirectory} (worker.config.json missing): build src/BotFunctions first.");
        }

        await EnsureHostAsync(cancellationToken).ConfigureAwait(false);
        string? firstAttempt = null;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var script = RepositoryPaths.Combine("scripts", "functions-host.sh");
            var process = ChildProcess.Start("functions host", "bash", [script, "run", appDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                appDirectory, settings);
            try
            {
                // A line of the host itself, so it reads the same under run.sh and under `func start`.
                await process.WaitForLineAsync(l => l.Contains("Worker process started and initialized", StringComparison.Ordinal), StartTimeout,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await WaitUntilListeningAsync(port, process, cancellationToken).ConfigureAwait(false);
                return new FunctionsHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch (InvalidOperationException) when (attempt == 1 && process.Exited.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                // Exited while starting (seen once in SlowStepTests, ~40 ms after "Application started"): the port picked
                // above is free only until the host binds it, and on a busy machine another process's connection can take
                // it as its local port meanwhile. Once more on another port; both outputs are reported if that fails too.
                firstAttempt = process.Output;
                await process.DisposeAsync().ConfigureAwait(false);
                // Kept for whoever finds out why: the retry must not hide the evidence.
                var artifacts = Directory.CreateDirectory(RepositoryPaths.Combine("test-artifacts"));
                await File.WriteAllTextAsync(Path.Combine(artifacts.FullName, $"functions-host-exited-while-starting-{DateTime.UtcNow:yyyyMMddTHHmmssfff}.log"),
                    firstAttempt, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                await process.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    "The Azure Functions host did not start. It is found and built by scripts/functions-host.sh (run by " +
                    "scripts/setup.d/40-functions-host.sh): set FUNCTIONS_HOST_DIR to the folder of the host's build.sh and run.sh " +
                    "(../shared/functions-host here) or install Azure Functions Core Tools (func).\n" + e.Message
                    + (firstAttempt is null ? "" : "\nThe first attempt, which exited while starting:\n" + Tail(firstAttempt, 200)), e);
            }
        }
    }

    private static string Tail(string output, int lines) =>
        string.Join('\n', output.Split('\n').TakeLast(lines));

    /// <summary>
    /// Makes sure a host is there (builds it once per machine if setup did not), once per test process: hosts that
    /// start side by side must not each build it into the same folder.
    /// </summary>
    public static Task EnsureHostAsync(CancellationToken cancellationToken = default) =>
        EnsuredHost.Value.WaitAsync(StartTimeout, cancellationToken);

    private static readonly Lazy<Task> EnsuredHost = new(async () =>
    {
        await using var build = ChildProcess.Start("functions-host.sh build", "bash", [RepositoryPaths.Combine("scripts", "functions-host.sh"), "build"],
            RepositoryPaths.Root);
        if (await build.Exited.ConfigureAwait(false) != 0)
        {
            throw new InvalidOperationException("No Azure Functions host to run the tests with:\n" + build.Output);
        }
    });

    /// <summary>Stops the host gracefully (SIGTERM: it stops its worker and releases its storage leases).</summary>
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    // Kestrel binds after the job host has started; polled, because that moment has no line common to both hosts.
    private static async Task WaitUntilListeningAsync(int port, ChildProcess process, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (process.Exited.IsCompleted) throw new InvalidOperationException("The host exited. Its output:\n" + process.Tail(200));
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token).ConfigureAwait(false);
            }
        }
    }

    // Core Tools needs a concrete port; the moment between closing this listener and the host binding it is short.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
