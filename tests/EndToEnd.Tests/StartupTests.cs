using System.Diagnostics;
using System.Text;

namespace Chatbot.EndToEnd.Tests;

/// <summary>
/// What an operator sees when the dialogs folder has errors: the dialogs load in the background while the server starts
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
        start.Environment["Dialogs__Path"] = _dialogs.FullName;
        start.Environment["Storage__FilePath"] = _state.FullName;
        start.Environment["Understanding__Mode"] = "lexical";
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
        string text;
        lock (output) text = output.ToString();
        Assert.Equal(1, process.ExitCode);
        Assert.Matches(@"bot\.yaml:\d+:\d+: error DLG1001", text);
        Assert.Contains("BotServer did not start: fix the dialogs above", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        // The author's list only: no host failure entry with a stack trace in front of it.
        Assert.DoesNotContain("Hosting failed to start", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chatbot ready", text, StringComparison.Ordinal);
    }
}
