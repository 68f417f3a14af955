using System.Diagnostics;
using System.Text;

namespace Chatbot.EndToEnd.Tests;

/// <summary>
/// What an operator sees when the dialogs folder or a setting has errors: the dialogs load in the background while the server starts
/// (issue 19), yet the process still stops at start, non-zero, with every error's file:line:col. A real process, not the
/// in-process test host: that host's start-failure path raced its own disposal and sometimes reported
/// ObjectDisposedException instead of the load error.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-broken-dialogs-");
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("chatbot-state-");

    public void Dispose()
    {
        _dialogs.Delete(recursive: true);
        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task A_dialogs_folder_with_errors_stops_the_server_at_start_with_file_line_and_column()
    {
        await File.WriteAllTextAsync(Path.Combine(_dialogs.FullName, "bot.yaml"), "bot:\n  name: Broken\nflows:\n  greet:\n    steps:\n      - say: [unclosed\n");
        var (exitCode, text) = await StartAsync(_dialogs.FullName);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"bot\.yaml:\d+:\d+: error DLG1001", text);
        Assert.Contains("BotServer did not start: fix the dialogs above", text, StringComparison.Ordinal);
        NoCrashIn(text);
    }

    // An operator's mistake in the settings: which setting and what is wrong, exit code 1, no stack trace (a connection
    // string that is none was an unhandled FormatException from inside the Storage SDK; a bad limit a host failure entry).
    [Theory]
    [InlineData("Queues__ConnectionString", "not-a-connection-string", "Queues:ConnectionString is no Storage connection string")]
    [InlineData("RateLimits__MaxPartitions", "0", "RateLimits:MaxPartitions must be positive")]
    [InlineData("Turn__MaxQueuedTurns", "ten", "Failed to convert configuration value 'ten' at 'Turn:MaxQueuedTurns' to type 'System.Int32'.")]
    public async Task A_setting_that_cannot_work_stops_the_server_at_start_with_what_is_wrong(string setting, string value, string message)
    {
        var (exitCode, text) = await StartAsync(Path.Combine(RepoPaths.Root, "dialogs"), (setting, value));

        Assert.Equal(1, exitCode);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Contains("BotServer did not start: fix the settings above", text, StringComparison.Ordinal);
        NoCrashIn(text);
    }

    private static void NoCrashIn(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        // The list only: no host failure entry with a stack trace in front of it.
        Assert.DoesNotContain("Hosting failed to start", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chatbot ready", text, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> StartAsync(string dialogs, params (string Name, string Value)[] settings)
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "BotServer", "bin", RepoPaths.Configuration, "net10.0", "Chatbot.BotServer.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _state.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Dialogs__Path"] = dialogs;
        start.Environment["Storage__FilePath"] = _state.FullName;
        start.Environment["Understanding__Mode"] = "lexical";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(); // the last redirected lines
        lock (output) return (process.ExitCode, output.ToString());
    }
}
