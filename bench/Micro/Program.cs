using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Chatbot.Bench.Micro;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;

// dotnet run -c Release --project bench/Micro -- check       validate bench/dialogs, play the script, count storage ops
// dotnet run -c Release --project bench/Micro -- pipeline N  N conversations through the in-process pipeline; CPU per turn
// dotnet run -c Release --project bench/Micro -- turn S N R  per-turn CPU, allocations, store ops of the whole pipeline for
//                                                      stores S (inmemory,file,cosmos), N conversations, R rounds (TurnCost.cs);
//                                                      more args: settings, e.g. Emulator:Trace=false
// dotnet run -c Release --project bench/Micro -- stages N R  a turn's CPU and allocations by stage and script line, N calls each (StageCost.cs)
// dotnet run -c Release --project bench/Micro -- send N R   the Connector client's CPU and allocations per reply POST (SendCost.cs)
// dotnet run -c Release --project bench/Micro -- store file N  N conversations of read+write against the file store alone; CPU per turn
// dotnet run -c Release --project bench/Micro -- store K N R [settings]  the Cosmos store alone (K=cosmos) or the same requests on a
//                                                      plain HttpClient (K=rest), e.g. K=cosmos,rest,rest,cosmos (StoreCost.cs)
// dotnet run -c Release --project bench/Micro -- first [BOTDIR] [file|inmemory] [settings]  the first turns after start in this
//                                                      fresh process, each against the next: wall, CPU, JIT (FirstTurn.cs)
// dotnet run -c Release --project bench/Micro -- alloc T N [F]  where a turn's allocations come from, from a trace T (AllocationTrace.cs)
// dotnet run -c Release --project bench/Micro -- cpu T N    where a turn's CPU goes, from a sample-profiler trace T (CpuTrace.cs)
// dotnet run -c Release --project bench/Micro -- exceptions T  exceptions thrown, by type, message and stack, from a trace T (ExceptionTrace.cs)
// dotnet run -c Release --project bench/Micro -- startup T  start-up report from an EventPipe trace (bench/startup-trace.sh)
// dotnet run -c Release --project bench/Micro -- --filter *  BenchmarkDotNet (short job, memory diagnoser)
if (args.Length > 0 && args[0] == "check")
{
    return await Check.RunAsync();
}

if (args.Length > 1 && args[0] == "startup")
{
    return StartupTrace.Report(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 25);
}

if (args.Length > 1 && args[0] == "alloc")
{
    return AllocationTrace.Report(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40, args.Length > 3 ? args[3] : "TurnCost");
}

if (args.Length > 1 && args[0] == "cpu")
{
    return CpuTrace.Report(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40);
}

if (args.Length > 1 && args[0] == "exceptions")
{
    return ExceptionTrace.Report(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

if (args.Length > 1 && args[0] == "store" && args[1] != "file")
{
    return await StoreCost.RunCosmosAsync(
        args[1].Split(','),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
        args.Skip(4));
}

if (args.Length > 1 && args[0] == "store" && args[1] == "file")
{
    return await StoreCost.RunFileAsync(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5000);
}

if (args.Length > 0 && args[0] == "turn")
{
    return await TurnCost.RunAsync(
        (args.Length > 1 ? args[1] : "inmemory,file,cosmos").Split(','),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
        args.Skip(4));
}

if (args.Length > 0 && args[0] == "first")
{
    return await FirstTurn.RunAsync(
        Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(BenchDialog.Folder(), "..", "..", "dialogs")),
        args.Length > 2 ? args[2] : "file",
        args.Skip(3));
}

if (args.Length > 0 && args[0] == "stages")
{
    return await StageCost.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2);
}

if (args.Length > 0 && args[0] == "send")
{
    return await SendCost.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
}

if (args.Length > 0 && args[0] == "pipeline")
{
    return await Check.PipelineCpuAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000);
}

// In-process: no child project build (minutes on this shared 2-core machine); short: 3 warm-ups, 3 iterations.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"));
BenchmarkSwitcher.FromAssembly(typeof(BenchDialog).Assembly).Run(args, config);
return 0;

/// <summary>Correctness checks the numbers depend on (the dialog loads, the script gets the expected replies, storage ops per turn).</summary>
internal static class Check
{
    public static async Task<int> RunAsync()
    {
        var load = DialogLoader.LoadFolder(BenchDialog.Folder());
        foreach (var d in load.Diagnostics) Console.WriteLine(d);
        if (!load.Succeeded) return 1;
        Console.WriteLine($"bench/dialogs loads: {load.Diagnostics.Count} diagnostics");

        var engine = BenchDialog.Engine(out var definitions);
        using (definitions)
        {
            DialogState? state = null;
            foreach (var text in BenchDialog.Script)
            {
                var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = text, Locale = "en-US", State = state }, CancellationToken.None);
                state = outcome.State;
                Console.WriteLine($"user: {text,-8} path={outcome.Trace.Path,-6} replies={outcome.Replies.Count} bot: {string.Join(" | ", outcome.Replies.Select(r => r.Text))}");
            }

            Console.WriteLine($"dialog state after the script: {DialogStateJson.SerializeToUtf8Bytes(state!).Length} bytes");
        }

        using var harness = new PipelineHarness();
        harness.Connector.Record = true;
        foreach (var text in BenchDialog.Script)
        {
            var (reads, writes, sends) = (harness.Store.Reads, harness.Store.Writes, harness.Connector.Sends);
            var status = await harness.PostAsync("check-1", text);
            Console.WriteLine($"pipeline ({harness.EngineType}): {text,-8} HTTP {status} reads={harness.Store.Reads - reads} writes={harness.Store.Writes - writes} sends={harness.Connector.Sends - sends} reply: {harness.Connector.Texts.LastOrDefault()}");
        }

        Console.WriteLine($"largest conversation document: {harness.Store.MaxDocumentBytes} bytes");
        Console.WriteLine($"last document: {harness.Store.LastDocument}");
        return 0;
    }

    public static async Task<int> PipelineCpuAsync(int conversations)
    {
        using var harness = new PipelineHarness();
        for (var i = 0; i < 2000; i++) await PlayAsync(harness, $"warm-{i}"); // tiering + PGO settle
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var reads0 = harness.Store.Reads;
        var writes0 = harness.Store.Writes;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < conversations; i++) await PlayAsync(harness, $"c-{i}");
        wall.Stop();
        process.Refresh();
        var turns = conversations * BenchDialog.Script.Length;
        var cpuMs = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
        Console.WriteLine($"engine={harness.EngineType} turns={turns} cpu/turn={cpuMs / turns:F4} ms wall/turn={wall.Elapsed.TotalMilliseconds / turns:F4} ms " +
            $"reads/turn={(harness.Store.Reads - reads0) / (double)turns:F2} writes/turn={(harness.Store.Writes - writes0) / (double)turns:F2} maxDoc={harness.Store.MaxDocumentBytes} B " +
            $"gcServer={System.Runtime.GCSettings.IsServerGC} peakWorkingSet={process.PeakWorkingSet64 / 1048576} MB");
        return 0;
    }

    private static async Task PlayAsync(PipelineHarness harness, string conversation)
    {
        foreach (var text in BenchDialog.Script) await harness.PostAsync(conversation, text);
    }
}
