using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The start-up report (issue 19): reads an EventPipe trace of a process start (`bench/run-load.sh startup-trace` records one with
/// dotnet-trace's sampled-thread-time + dotnet-common profiles) and prints where the time went before the first reply:
/// the main thread's heaviest frames, the first turn's heaviest frames, JIT-compiled methods and assembly loads.
/// </summary>
internal static class StartupTrace
{
    public static int Report(string path, int top)
    {
        using var log = Open(path);

        // Pass 1 (events are reused while enumerating, so nothing is kept): the main thread, and the end of the first
        // turn = the last sample with the endpoint's handler on its stack. The report covers the process until then.
        int? mainThread = null;
        var end = 0.0;
        var sampleTimes = new Dictionary<int, (double First, double Last, int Count)>();
        foreach (var e in log.Events)
        {
            if (!IsSample(e)) continue;
            var t = e.TimeStampRelativeMSec;
            var (first, _, count) = sampleTimes.GetValueOrDefault(e.ThreadID, (t, t, 0));
            sampleTimes[e.ThreadID] = (first, t, count + 1);
            foreach (var f in Frames(e))
            {
                if (mainThread is null && f.Contains("Program.<Main>$", StringComparison.Ordinal)) mainThread = e.ThreadID;
                if (f.Contains("ActivityEndpoint.HandleAsync", StringComparison.Ordinal)) end = Math.Max(end, t);
            }
        }

        if (sampleTimes.Count == 0)
        {
            Console.Error.WriteLine("No stack samples in the trace: record it with --profile dotnet-sampled-thread-time.");
            return 1;
        }

        // Every thread is sampled each period, so the busiest thread's samples over its lifetime give the period.
        var busiest = sampleTimes.Values.MaxBy(v => v.Count);
        var interval = busiest.Count < 2 ? 1 : (busiest.Last - busiest.First) / (busiest.Count - 1);
        if (end == 0) end = double.MaxValue;
        Console.WriteLine($"trace: {path}; a sample every ~{interval:F2} ms per thread; report until the first turn ended ({end:F0} ms into the trace)");

        // Pass 2: inclusive samples per frame on the main thread and on the threads running the first turn; JIT and loads.
        var main = new Dictionary<string, int>(StringComparer.Ordinal);
        var turn = new Dictionary<string, int>(StringComparer.Ordinal);
        var warmUp = new Dictionary<string, int>(StringComparer.Ordinal);
        // Warm-up samples by part, and by leaf frame (a method being JIT-compiled shows as time in its caller).
        var parts = new Dictionary<string, int>(StringComparer.Ordinal);
        var warmUpSelf = new Dictionary<string, int>(StringComparer.Ordinal);
        int mainSamples = 0, turnSamples = 0, warmUpSamples = 0, jitted = 0;
        double warmUpFirst = double.NaN, warmUpLast = double.NaN, turnFirst = double.NaN;
        var jitByNamespace = new Dictionary<string, int>(StringComparer.Ordinal);
        var loads = new List<(double At, string Name)>();
        foreach (var e in log.Events)
        {
            if (e.TimeStampRelativeMSec > end) break;
            if (IsSample(e))
            {
                var frames = Frames(e).Distinct().ToList();
                if (e.ThreadID == mainThread)
                {
                    mainSamples++;
                    Count(main, frames);
                }
                else if (frames.Any(f => f.Contains("ActivityEndpoint.HandleAsync", StringComparison.Ordinal)))
                {
                    turnSamples++;
                    if (double.IsNaN(turnFirst)) turnFirst = e.TimeStampRelativeMSec;
                    Count(turn, frames);
                }
                else if (frames.Any(f => f.Contains("PipelineWarmUp.", StringComparison.Ordinal)))
                {
                    // Dialogs, pipeline and JSON metadata built in the background while the server starts (src/Bot/Hosting).
                    warmUpSamples++;
                    if (double.IsNaN(warmUpFirst)) warmUpFirst = e.TimeStampRelativeMSec;
                    warmUpLast = e.TimeStampRelativeMSec;
                    Count(warmUp, frames);
                    var part = frames.Any(f => f.Contains("DialogLoader.", StringComparison.Ordinal)) ? "dialogs (DialogLoader)"
                        : frames.Any(f => f.Contains("WarmUpJson", StringComparison.Ordinal)) ? "JSON metadata (WarmUpJson)" : "rest of the pipeline";
                    var leaf = Frames(e).FirstOrDefault() ?? "";
                    warmUpSelf[leaf] = warmUpSelf.GetValueOrDefault(leaf) + 1;
                    parts[part] = parts.GetValueOrDefault(part) + 1;
                }
            }
            else if (e is MethodJittingStartedTraceData jit)
            {
                jitted++;
                var ns = Namespace(jit.MethodNamespace);
                jitByNamespace[ns] = jitByNamespace.GetValueOrDefault(ns) + 1;
            }
            else if (e is AssemblyLoadUnloadTraceData load && e.EventName.EndsWith("AssemblyLoad", StringComparison.Ordinal))
            {
                loads.Add((e.TimeStampRelativeMSec, load.FullyQualifiedAssemblyName.Split(',')[0]));
            }
        }

        Print($"main thread (start-up, wall time incl. waits), {mainSamples * interval:F0} ms sampled", main, interval, top);
        Print($"background warm-up (PipelineWarmUp, {warmUpFirst:F0}-{warmUpLast:F0} ms into the trace), {warmUpSamples * interval:F0} ms sampled", warmUp, interval, top);
        foreach (var (part, n) in parts.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"  warm-up part {part}: {n * interval:F0} ms sampled");
        }

        Console.WriteLine("  warm-up, heaviest leaf frames (exclusive):");
        foreach (var (frame, count) in warmUpSelf.OrderByDescending(p => p.Value).Take(12))
        {
            Console.WriteLine($"  {count * interval,8:F0} ms  {frame}");
        }

        Print($"first turn (threads running ActivityEndpoint.HandleAsync, from {turnFirst:F0} ms into the trace), {turnSamples * interval:F0} ms sampled", turn, interval, top);
        Console.WriteLine($"\nJIT-compiled methods before the first reply: {jitted}; by namespace (top {top}):");
        foreach (var (ns, count) in jitByNamespace.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {count,6}  {ns}");
        }

        Console.WriteLine($"\nassemblies loaded before the first reply: {loads.Count}; those not in the shared framework (ms into the trace):");
        foreach (var (at, name) in loads.Where(l => !l.Name.StartsWith("System", StringComparison.Ordinal) && !l.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && !l.Name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  {at,8:F0}  {name}");
        }

        return 0;
    }

    private static bool IsSample(TraceEvent e) => e.ProviderName == "Microsoft-DotNETCore-SampleProfiler";

    private static void Count(Dictionary<string, int> inclusive, List<string> frames)
    {
        foreach (var f in frames)
        {
            inclusive[f] = inclusive.GetValueOrDefault(f) + 1;
        }
    }

    private static void Print(string title, Dictionary<string, int> inclusive, double interval, int top)
    {
        Console.WriteLine($"\n{title}; heaviest frames (inclusive ms):");
        foreach (var (frame, count) in inclusive.Where(p => IsInteresting(p.Key)).OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {count * interval,8:F0} ms  {frame}");
        }
    }

    private static bool IsInteresting(string frame) =>
        !frame.StartsWith("System.Threading", StringComparison.Ordinal) && !frame.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
        && !frame.Contains("ExecutionContext", StringComparison.Ordinal) && !frame.Contains("ROOT", StringComparison.Ordinal)
        && !frame.StartsWith("Thread", StringComparison.Ordinal) && !frame.Contains("UNMANAGED_CODE_TIME", StringComparison.Ordinal)
        && !frame.Contains("CPU_TIME", StringComparison.Ordinal) && !frame.StartsWith("?", StringComparison.Ordinal) && frame.Length > 0;

    /// <summary>An EventPipe trace (.nettrace) opened with its stacks resolved (the .etlx is written next to it).</summary>
    internal static TraceLog Open(string path) => new(TraceLog.CreateFromEventPipeDataFile(path, Path.ChangeExtension(path, ".etlx")));

    internal static IEnumerable<string> Frames(TraceEvent sample)
    {
        for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
        {
            var method = frame.CodeAddress.FullMethodName;
            var module = frame.CodeAddress.ModuleName;
            yield return string.IsNullOrEmpty(method) ? module : Shorten(method);
        }
    }

    private static string Shorten(string method)
    {
        var paren = method.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? method[..paren] : method;
    }

    private static string Namespace(string ns)
    {
        var parts = ns.Split('.');
        return string.Join('.', parts.Take(Math.Min(parts.Length, 3)));
    }
}
