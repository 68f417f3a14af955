using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bench.Micro;

/// <summary>
/// A turn's CPU split by stage and by line of the bench script (issue 19, perf25): each stage runs alone in a loop on
/// one thread, timed by that thread's CPU clock and its allocated bytes, so other processes on the machine barely move
/// the figures. Stages: the activity read (JSON to <c>Activity</c>), the dialog state read (UTF-8 JSON to state), the
/// engine as BotServer composes it (lexical recognizer; the state read included, then subtracted), the state written
/// (state to UTF-8 JSON). The rest of a pipeline turn (document envelope, exactly-once bookkeeping, reply sending,
/// middleware) is what <c>turn</c> measures beyond these.
/// </summary>
internal static class StageCost
{
    public static async Task<int> RunAsync(int iterations, int rounds)
    {
        using var harness = new PipelineHarness(new Dictionary<string, string?>
        {
            ["Understanding:Mode"] = "lexical",
            ["RateLimits:Enabled"] = "false",
            ["Storage:Provider"] = "InMemory",
            ["Emulator:Trace"] = "false",
        });
        var engine = harness.Services.GetRequiredService<IDialogEngine>();
        var script = BenchDialog.Script;
        var bodies = script.Select(text => Encoding.UTF8.GetBytes(
            $$$"""{"type":"message","id":"a1","timestamp":"2026-11-27T06:00:00Z","channelId":"emulator","serviceUrl":"http://127.0.0.1:1","text":"{{{text}}}","locale":"en-US","from":{"id":"u1","name":"User","role":"user"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"conversation":{"id":"c1"}}""")).ToArray();

        // The state each line of the script meets, as stored JSON.
        var before = new byte[script.Length][];
        var now = DateTimeOffset.Parse("2026-11-27T06:00:00Z", CultureInfo.InvariantCulture);
        DialogState? state = null;
        for (var i = 0; i < script.Length; i++)
        {
            before[i] = state is null ? [] : DialogStateJson.SerializeToUtf8Bytes(state);
            state = (await engine.RunTurnAsync(Input(script[i], state, now), CancellationToken.None)).State;
        }

        Console.WriteLine($"# stage cost: {iterations} iterations per stage and line, {rounds} round(s); {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("round line       activity-read  state-read  engine(-state-read)  state-write   (µs CPU / KB allocated per call)");
        for (var round = 0; round < rounds; round++)
        {
            var totals = new double[8];
            for (var i = 0; i < script.Length; i++)
            {
                var body = bodies[i];
                var stored = before[i];
                var text = script[i];
                var read = Measure(iterations, () => ActivitySerializer.Deserialize(body));
                var stateRead = stored.Length == 0 ? (0, 0) : Measure(iterations, () => DialogStateJson.Deserialize(stored));
                var withEngine = Measure(iterations, () => engine.RunTurnAsync(Input(text, stored.Length == 0 ? null : DialogStateJson.Deserialize(stored), now), CancellationToken.None).GetAwaiter().GetResult());
                var after = engine.RunTurnAsync(Input(text, stored.Length == 0 ? null : DialogStateJson.Deserialize(stored), now), CancellationToken.None).GetAwaiter().GetResult().State;
                var stateWrite = Measure(iterations, () => DialogStateJson.SerializeToUtf8Bytes(after));
                var engineOnly = (withEngine.Us - stateRead.Us, withEngine.Kb - stateRead.Kb);
                double[] row = [read.Us, read.Kb, stateRead.Us, stateRead.Kb, engineOnly.Item1, engineOnly.Item2, stateWrite.Us, stateWrite.Kb];
                for (var k = 0; k < row.Length; k++) totals[k] += row[k];
                Print(round, text, row);
            }

            Print(round, "(mean)", totals.Select(t => t / script.Length).ToArray());
        }

        return 0;
    }

    private static TurnInput Input(string text, DialogState? state, DateTimeOffset now) =>
        new() { Kind = TurnKind.Message, Text = text, Locale = "en-US", State = state, Now = now };

    private static void Print(int round, string line, double[] row) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round,5} {line,-10} {row[0],7:F2} / {row[1],4:F1}  {row[2],6:F2} / {row[3],4:F1}  {row[4],9:F2} / {row[5],5:F1}  {row[6],7:F2} / {row[7],4:F1}"));

    /// <summary>µs of this thread's CPU and KB it allocated, per call, after a warm-up of the same length.</summary>
    private static (double Us, double Kb) Measure(int iterations, Func<object?> stage)
    {
        for (var i = 0; i < iterations; i++) stage();
        GC.Collect();
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = ThreadCpuNs();
        for (var i = 0; i < iterations; i++) stage();
        var cpu1 = ThreadCpuNs();
        var bytes1 = GC.GetAllocatedBytesForCurrentThread();
        return ((cpu1 - cpu0) / 1000.0 / iterations, (bytes1 - bytes0) / 1024.0 / iterations);
    }

    private static long ThreadCpuNs()
    {
        const int ClockThreadCpuTimeId = 3;
        return clock_gettime(ClockThreadCpuTimeId, out var ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
