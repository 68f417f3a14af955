namespace Chatbot.Bench.Micro;

/// <summary>
/// Where a turn's CPU goes (issue 19): reads an EventPipe trace of the sample profiler
/// (`dotnet-trace collect --profile cpu-sampling -- dotnet …Micro.dll turn inmemory 3000 1 …`) and prints, for the samples
/// of the measured turns (a frame of <c>TurnCost</c> on the stack), the share by leaf frame, by the nearest frame of our
/// code (namespace <c>Chatbot.</c>) and inclusive by frame of our code. A sample is ~1 ms of one thread's time.
/// </summary>
internal static class CpuTrace
{
    public static int Report(string path, int top)
    {
        using var log = StartupTrace.Open(path);
        var leaf = new Dictionary<string, int>(StringComparer.Ordinal);
        var nearest = new Dictionary<string, int>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var e in log.Events)
        {
            if (e.ProviderName != "Microsoft-DotNETCore-SampleProfiler") continue;
            var frames = StartupTrace.Frames(e).ToList();
            if (!frames.Any(f => f.Contains("TurnCost", StringComparison.Ordinal))) continue; // the measured turns only
            total++;
            var first = frames.FirstOrDefault(f => f.Length > 0 && !f.Contains("CPU_TIME", StringComparison.Ordinal)) ?? "?";
            leaf[first] = leaf.GetValueOrDefault(first) + 1;
            var ours = frames.FirstOrDefault(f => f.StartsWith("Chatbot.", StringComparison.Ordinal) && !f.StartsWith("Chatbot.Bench", StringComparison.Ordinal)) ?? "(none)";
            nearest[ours] = nearest.GetValueOrDefault(ours) + 1;
            foreach (var f in frames.Where(f => f.StartsWith("Chatbot.", StringComparison.Ordinal) && !f.Contains("d__", StringComparison.Ordinal)).Distinct())
            {
                inclusive[f] = inclusive.GetValueOrDefault(f) + 1;
            }
        }

        Console.WriteLine($"{total} samples in turns");
        Print("by leaf frame:", leaf, total, top);
        Print("by nearest frame of ours:", nearest, total, top);
        Print("inclusive, frames of ours:", inclusive, total, top);
        return 0;
    }

    private static void Print(string title, Dictionary<string, int> counts, int total, int top)
    {
        Console.WriteLine(title);
        foreach (var (frame, n) in counts.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"  {n * 100.0 / total,5:F1} %  {frame}");
    }
}
