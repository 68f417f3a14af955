using System.Diagnostics;
using System.Globalization;
using Chatbot.Storage;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.DependencyInjection;
using Chatbot.Storage.File;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bench.Micro;

/// <summary>
/// CPU per turn of a store alone (issue 19): each turn is what the pipeline asks of it, one point read and one
/// conditional write of a ~1.2 KB document (the Cosmos modes: and a second write, the delivery record, as the pipeline
/// sends to a store without notes). Prints user and system (kernel) CPU separately: the file store's cost is mostly
/// system calls.
/// </summary>
internal static class StoreCost
{
    public static async Task<int> RunFileAsync(int conversations)
    {
        var folder = BenchDialog.StateFolder("chatbot-store-bench-");
        try
        {
            using var store = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = folder.FullName }), TimeProvider.System);
            await PlayAsync(store, 500, "warm");
            var (user0, system0) = Cpu();
            var wall = Stopwatch.StartNew();
            var turns = await PlayAsync(store, conversations, "c");
            wall.Stop();
            var (user1, system1) = Cpu();
            Console.WriteLine($"store=file turns={turns} cpu/turn={(user1 - user0 + system1 - system0) / turns:F4} ms (user {(user1 - user0) / turns:F4}, system {(system1 - system0) / turns:F4}) wall/turn={wall.Elapsed.TotalMilliseconds / turns:F4} ms");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The Cosmos store alone against tests/servers/cosmos/server.js, per turn one read and two conditional writes, for
    /// each of <paramref name="kinds"/> in turn, <paramref name="rounds"/> times (ABBA: <c>cosmos,rest,rest,cosmos</c>):
    /// <c>cosmos</c> = the store as AddConversationStore composes it (circuit breaker included) with <paramref name="extra"/>
    /// settings; <c>cosmos-bare</c> = the same store without the breaker; <c>rest</c> = <see cref="CosmosRestProbe"/>, the same requests on a plain HttpClient (the floor);
    /// <c>sdk</c>, <c>sdk+variant…</c> = <see cref="CosmosSdkProbe"/>, the SDK without our adapter.
    /// </summary>
    public static async Task<int> RunCosmosAsync(string[] kinds, int conversations, int rounds, IEnumerable<string> extra)
    {
        await using var server = await CosmosTestServer.StartAsync();
        var settings = server.StoreSettings();
        foreach (var pair in extra)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            settings[pair[..at]] = pair[(at + 1)..];
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddConversationStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.PostConfigure<CosmosStoreOptions>(o => o.ServerCertificateValidation = server.Validate);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IConversationStore>();
        var options = provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
        var ttl = options.TimeToLiveSeconds > 0 ? options.TimeToLiveSeconds : (int?)null;
        var probes = new List<IStoreProbe>();
        var bare = ((Chatbot.Storage.Resilience.CircuitBreakingConversationStore)store).Wrapped;
        var turnOf = new Dictionary<string, Func<string, int, Task>>
        {
            ["cosmos"] = (id, turn) => TurnAsync(store, id, turn),
            ["cosmos-bare"] = (id, turn) => TurnAsync(bare, id, turn),
        };
        try
        {
            foreach (var kind in kinds.Distinct().Where(k => !turnOf.ContainsKey(k)))
            {
                var parts = kind.Split('+');
                IStoreProbe probe = parts[0] switch
                {
                    "rest" when parts.Length == 1 => new CosmosRestProbe(server.Endpoint, server.Key, options.Database, options.Container, ttl, server.Validate),
                    "sdk" => new CosmosSdkProbe(server.Endpoint, server.Key, options.Database, options.Container, ttl, server.Validate, parts.Skip(1).ToHashSet()),
                    _ => throw new ArgumentException($"unknown kind '{kind}' (cosmos, cosmos-bare, rest, sdk[+eventual|+nolimit|+factory|+tracing])"),
                };
                probes.Add(probe);
                turnOf[kind] = (id, turn) => TurnAsync(probe, id, turn);
            }

            return await MeasureCosmosAsync(kinds, conversations, rounds, extra, turnOf);
        }
        finally
        {
            foreach (var probe in probes) probe.Dispose();
        }
    }

    private static async Task<int> MeasureCosmosAsync(string[] kinds, int conversations, int rounds, IEnumerable<string> extra, Dictionary<string, Func<string, int, Task>> turnOf)
    {
        Console.WriteLine($"# store cost: {string.Join(',', kinds)}, {conversations} conversations x {BenchDialog.Script.Length} turns (read + 2 writes), {rounds} round(s); " +
            $"settings {string.Join(' ', extra)}; {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, load {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
        await PlayAsync(turnOf["cosmos"], 1000, "warm-cosmos"); // creates the container, then tiering settles
        foreach (var (kind, turn) in turnOf.Where(kv => kv.Key != "cosmos" && kinds.Contains(kv.Key))) await PlayAsync(turn, 1000, $"warm-{kind}");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in kinds)
            {
                GC.Collect();
                var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
                var (user0, system0) = Cpu();
                var start = Stopwatch.GetTimestamp();
                var turns = await PlayAsync(turnOf[kind], conversations, $"{kind}-{round}-{Guid.NewGuid():N}");
                var end = Stopwatch.GetTimestamp();
                var (user1, system1) = Cpu();
                var alloc1 = GC.GetTotalAllocatedBytes(precise: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"store={kind,-14} turns={turns} cpu/turn={(user1 - user0 + system1 - system0) / turns:F4} ms (user {(user1 - user0) / turns:F4}, system {(system1 - system0) / turns:F4}) " +
                    $"alloc/turn={(alloc1 - alloc0) / (double)turns / 1024:F1} KB wall/turn={Stopwatch.GetElapsedTime(start, end).TotalMilliseconds / turns:F4} ms " +
                    // CLOCK_MONOTONIC seconds: `perf record -k CLOCK_MONOTONIC` then `perf script --time FROM,TO` keeps this window only.
                    $"window {start / (double)Stopwatch.Frequency:F6},{end / (double)Stopwatch.Frequency:F6}"));
            }
        }

        return 0;
    }

    private static async Task TurnAsync(IConversationStore store, string id, int turn)
    {
        var stored = await store.ReadAsync(id, CancellationToken.None);
        var etag = await store.WriteAsync(id, Document(turn), stored?.ETag, CancellationToken.None);
        await store.WriteAsync(id, Document(turn + 1), etag, CancellationToken.None);
    }

    private static async Task TurnAsync(IStoreProbe probe, string id, int turn)
    {
        var stored = await probe.ReadAsync(id, CancellationToken.None);
        var etag = await probe.WriteAsync(id, Document(turn), stored?.ETag, CancellationToken.None);
        await probe.WriteAsync(id, Document(turn + 1), etag, CancellationToken.None);
    }

    private static async Task<int> PlayAsync(Func<string, int, Task> turn, int conversations, string prefix)
    {
        for (var c = 0; c < conversations; c++)
        {
            for (var t = 0; t < BenchDialog.Script.Length; t++) await turn($"emulator~{prefix}-{c}", t);
        }

        return conversations * BenchDialog.Script.Length;
    }

    private static async Task<int> PlayAsync(IConversationStore store, int conversations, string prefix)
    {
        var turns = 0;
        for (var c = 0; c < conversations; c++)
        {
            var id = $"emulator~{prefix}-{c}";
            for (var t = 0; t < BenchDialog.Script.Length; t++)
            {
                var stored = await store.ReadAsync(id, CancellationToken.None);
                await store.WriteAsync(id, Document(t), stored?.ETag, CancellationToken.None);
                turns++;
            }
        }

        return turns;
    }

    private static readonly byte[][] Documents = Enumerable.Range(0, 4)
        .Select(t => System.Text.Encoding.UTF8.GetBytes($"{{\"schemaVersion\":1,\"dialog\":{{\"turn\":{t},\"stack\":[{{\"flow\":\"order\",\"step\":{t},\"slots\":{{\"name\":\"Alice\"}}}}]}},\"recent\":[{string.Join(',', Enumerable.Range(0, 6).Select(i => $"{{\"id\":\"a-{i}-{new string('x', 100)}\",\"committedAt\":\"2026-12-02T16:00:00+00:00\",\"delivered\":true}}"))}]}}"))
        .ToArray();

    private static byte[] Document(int turn) => Documents[turn % Documents.Length];

    private static (double UserMs, double SystemMs) Cpu()
    {
        var p = Process.GetCurrentProcess();
        return (p.UserProcessorTime.TotalMilliseconds, p.PrivilegedProcessorTime.TotalMilliseconds);
    }
}
