using System.Diagnostics;
using System.Globalization;
using Chatbot.Storage.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bench.Micro;

/// <summary>
/// Per-turn cost of the whole pipeline in process (issue 19), per store, as BotServer composes it (<c>AddChatbot</c>
/// from settings; lexical recognizer, rate limits off, logs at Warning): CPU of the process (user and kernel),
/// bytes allocated, store reads and writes (each write is one serialisation of the conversation document) and bytes
/// written, per turn of the bench script. CPU and allocations barely move with other work on the machine; wall time does.
/// </summary>
/// <remarks>
/// Cosmos: tests/servers/cosmos/server.js on a free loopback port (HTTPS, a certificate generated here and pinned for
/// this client only), Gateway mode; the server is another process, so the CPU printed is the client's alone.
/// </remarks>
internal static class TurnCost
{
    private static readonly Dictionary<string, string?> Common = new()
    {
        ["Understanding:Mode"] = "lexical",
        ["RateLimits:Enabled"] = "false",
    };

    /// <summary><paramref name="extra"/>: more settings (<c>Key=Value</c>, e.g. <c>Emulator:Trace=false</c>) for every store.</summary>
    public static async Task<int> RunAsync(string[] stores, int conversations, int rounds, IEnumerable<string> extra)
    {
        foreach (var pair in extra)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            Common[pair[..at]] = pair[(at + 1)..];
        }

        Console.WriteLine($"# turn cost: {string.Join(',', stores)}, {conversations} conversations x {BenchDialog.Script.Length} turns, {rounds} round(s); " +
            $"settings {string.Join(' ', Common.Select(kv => $"{kv.Key}={kv.Value}"))}; {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, load {System.IO.File.ReadAllText("/proc/loadavg").Trim()}, gcServer={System.Runtime.GCSettings.IsServerGC}");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var store in stores)
            {
                switch (store)
                {
                    case "inmemory":
                        await MeasureAsync(store, new() { ["Storage:Provider"] = "InMemory" }, null, conversations, warmup: 2000);
                        break;
                    case "file":
                        var folder = BenchDialog.StateFolder("chatbot-turncost-");
                        try
                        {
                            await MeasureAsync(store, new() { ["Storage:FilePath"] = folder.FullName }, null, conversations, warmup: 1000);
                        }
                        finally
                        {
                            folder.Delete(recursive: true);
                        }

                        break;
                    case "cosmos":
                        await using (var server = await CosmosTestServer.StartAsync())
                        {
                            await MeasureAsync(store, server.StoreSettings(), services => services.PostConfigure<CosmosStoreOptions>(o => o.ServerCertificateValidation = server.Validate), conversations, warmup: 1000, server.StatsAsync);
                        }

                        break;
                    default:
                        Console.Error.WriteLine($"unknown store '{store}' (inmemory, file, cosmos)");
                        return 2;
                }
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(string label, Dictionary<string, string?> settings, Action<IServiceCollection>? configure, int conversations, int warmup,
        Func<Task<Dictionary<string, int>>>? requests = null)
    {
        foreach (var (key, value) in Common) settings.TryAdd(key, value);
        using var harness = new PipelineHarness(settings, configure);
        harness.Store.Record = false;
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < warmup; i++) await PlayAsync(harness, $"w{run}-{i}"); // tiering settles, pools fill

        var (reads0, remembered0, writes0, bytes0, sends0) = (harness.Store.Reads, harness.Store.Remembered, harness.Store.Writes, harness.Store.BytesWritten, harness.Connector.Sends);
        var requests0 = requests is null ? null : await requests();
        GC.Collect();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var (jit0, jitted0) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        // ALLOC_TYPES=N: also sample which types the window allocates (the listener costs CPU: not for the timing runs).
        using var sampler = int.TryParse(Environment.GetEnvironmentVariable("ALLOC_TYPES"), out var topTypes) ? new AllocationSampler() : null;
        sampler?.Start();
        var (user0, system0) = Cpu();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < conversations; i++) await PlayAsync(harness, $"c{run}-{i}");
        var end = Stopwatch.GetTimestamp();
        var (user1, system1) = Cpu();
        sampler?.Stop();
        var alloc1 = GC.GetTotalAllocatedBytes(precise: true);
        var (jit1, jitted1) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var turns = (double)conversations * BenchDialog.Script.Length;
        // The store's own count of document requests by HTTP method (the Cosmos test server), outside the CPU window.
        var requestsPerTurn = requests is null ? "" : " requests/turn " + string.Join(' ', (await requests()).Select(kv =>
            string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={(kv.Value - requests0!.GetValueOrDefault(kv.Key)) / turns:F2}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store={label,-8} turns={turns} cpu/turn={(user1 - user0 + system1 - system0) / turns:F4} ms (user {(user1 - user0) / turns:F4}, sys {(system1 - system0) / turns:F4}) " +
            $"alloc/turn={(alloc1 - alloc0) / turns / 1024:F1} KB gen0/1k turns={(GC.CollectionCount(0) - gen0) * 1000 / turns:F1} gen1/gen2 {GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} " +
            $"reads/turn={(harness.Store.Reads - reads0) / turns:F2} remembered/turn={(harness.Store.Remembered - remembered0) / turns:F2} writes/turn={(harness.Store.Writes - writes0) / turns:F2} " +
            $"written/turn={(harness.Store.BytesWritten - bytes0) / turns:F0} B sends/turn={(harness.Connector.Sends - sends0) / turns:F2} wall/turn={Stopwatch.GetElapsedTime(start, end).TotalMilliseconds / turns:F4} ms " +
            // JIT inside the window is warm-up left over (a long-running server has paid it): it should be ~0.
            $"jit/turn={(jit1 - jit0).TotalMilliseconds / turns:F4} ms ({jitted1 - jitted0} methods){requestsPerTurn} " +
            // What the process keeps after the window (the in-memory store's conversations among it), outside the CPU window.
            $"heap after full GC={GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1} MB peak RSS={PeakRssMb():F1} MB " +
            // CLOCK_MONOTONIC seconds, for `perf script --time FROM,TO` (bench/perf-areas.py).
            $"window {start / (double)Stopwatch.Frequency:F6},{end / (double)Stopwatch.Frequency:F6}"));
        sampler?.Print(topTypes, turns);
    }

    private static double PeakRssMb()
    {
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return double.Parse(line[6..^2].Trim(), CultureInfo.InvariantCulture) / 1024;
        }
        return 0;
    }

    private static async Task PlayAsync(PipelineHarness harness, string conversation)
    {
        foreach (var text in BenchDialog.Script)
        {
            var status = await harness.PostAsync(conversation, text);
            if (status != 200) throw new InvalidOperationException($"turn '{text}' of {conversation} answered HTTP {status}");
        }
    }

    private static (double UserMs, double SystemMs) Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return (p.UserProcessorTime.TotalMilliseconds, p.PrivilegedProcessorTime.TotalMilliseconds);
    }
}
