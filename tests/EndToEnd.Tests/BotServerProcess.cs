using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.EndToEnd.Tests;

/// <summary>
/// BotServer as a child process (the real Program.cs and pipeline) on 127.0.0.1, on a free port unless one is given.
/// Its output is kept for failure messages. Killed on dispose.
/// </summary>
internal sealed partial class BotServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private BotServerProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<BotServerProcess> StartAsync(
        int port = 0, IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null)
    {
        var repo = RepoPaths.Root;
        var server = Path.Combine(repo, "src", "BotServer");
        var dll = Path.Combine(server, "bin", RepoPaths.Configuration, "net10.0", "Chatbot.BotServer.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"BotServer is not built at {dll}.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? server,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Dialogs__Path"] = Path.Combine(repo, "dialogs");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("BotServer exited before listening."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var self = new BotServerProcess(process, output, new Uri("http://127.0.0.1/"));
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return new BotServerProcess(process, output, address);
        }
        catch (Exception e)
        {
            await self.DisposeAsync();
            throw new InvalidOperationException("BotServer did not start:\n" + self.Output, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}

/// <summary>Where the repository and this build's outputs are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this test assembly was built in (BotServer is built alongside).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(Root, "test-artifacts")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatbot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Chatbot.sln not found above " + AppContext.BaseDirectory);
    }
}
