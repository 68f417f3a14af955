using Chatbot.Dialogs.Testing;

namespace Chatbot.Cli;

/// <summary>Prints a test run for a person: PASS/FAIL per case, failures with file:line:col, and the transcript so far.</summary>
internal static class TestReportPrinter
{
    public static async Task PrintAsync(TestRunReport report, TextWriter output, string folder)
    {
        foreach (var d in report.BotDiagnostics) await output.WriteLineAsync(d.ToString());
        if (report.BotDiagnostics.Count > 0)
        {
            await output.WriteLineAsync($"{folder}: the bot has errors; no tests ran");
            return;
        }
        if (report.Files.Count == 0) await output.WriteLineAsync($"{folder}: no *.test.yaml files found");
        foreach (var file in report.Files)
        {
            foreach (var d in file.Diagnostics) await output.WriteLineAsync($"FAIL  {file.Name}: {d}");
            foreach (var c in file.Cases)
            {
                var runs = c.Runs > 1 ? $" ({c.Passes}/{c.Runs} runs passed)" : "";
                await output.WriteLineAsync($"{(c.Passed ? "PASS" : "FAIL")}  {file.Name} > {c.Name}{runs}");
                if (c.Passed) continue;
                foreach (var f in c.Failures) await output.WriteLineAsync("      " + f);
                // A case with a writing problem did not run: it has no transcript.
                if (c.Transcript.Count == 0) continue;
                await output.WriteLineAsync("      transcript:");
                foreach (var line in c.Transcript) await output.WriteLineAsync("        " + line);
            }
        }
        await output.WriteLineAsync($"Tests: {report.Passed} passed, {report.Failed} failed");
        if (report.AuditedTurns > 0)
        {
            await output.WriteLineAsync($"Turns with commands: {report.AuditedTurns}, of which {report.AuditFailedTurns} fail without them");
        }
    }
}
