using System.Diagnostics;

namespace Chatbot.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64) and captures everything it prints.</summary>
internal static class BicepCli
{
    // A guard against a hung process in CI, not a timing assertion: bicep build takes a few seconds.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var cli = RepoPaths.BicepCli;
        Assert.True(File.Exists(cli), $"Bicep CLI not found at {cli}; it comes from the PackageDownload in the test project.");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the executable bit of files inside a package.
            var mode = File.GetUnixFileMode(cli);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(cli, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        var start = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI is a single-file .NET app: give it a writable extraction folder even where HOME is read-only.
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(Path.GetTempPath(), "chatbot-bicep-extract");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Bicep needs no culture data; invariant mode removes its dependency on libicu being installed.
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {cli}.");
        using var cts = new CancellationTokenSource(Guard);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within {Guard}.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
