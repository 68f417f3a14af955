namespace Chatbot.Bench.Micro;

/// <summary>
/// Where a turn's allocations come from (issue 19): reads an EventPipe trace with the runtime's allocation ticks and their
/// stacks (`dotnet-trace collect --providers Microsoft-Windows-DotNETRuntime:0x1:5 -- dotnet …Micro.dll turn inmemory 3000 1`)
/// and prints the sampled bytes by the nearest frame of our code (namespace <c>Chatbot.</c>) with the type allocated, and
/// inclusive by frame of our code. A tick fires about every 100 KB, so shares are of the bytes allocated. Only stacks
/// with a frame naming <c>measured</c> count (default <c>TurnCost</c>; <c>FirstTurn</c> for the <c>first</c> tool's turns).
/// </summary>
internal static class AllocationTrace
{
    public static int Report(string path, int top, string measured)
    {
        using var log = StartupTrace.Open(path);
        var bySite = new Dictionary<string, long>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, long>(StringComparer.Ordinal);
        // ALLOC_UNDER=frame: also, by bytes, the chains of our frames from the allocating one up to that frame and on to its callers.
        var under = Environment.GetEnvironmentVariable("ALLOC_UNDER");
        var chains = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var e in log.Events)
        {
            if (!e.EventName.StartsWith("GC/AllocationTick", StringComparison.Ordinal)) continue;
            var amount = e.PayloadByName("AllocationAmount64") is { } a ? Convert.ToInt64(a, System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            var type = e.PayloadByName("TypeName") as string ?? "?";
            var frames = StartupTrace.Frames(e).ToList();
            if (!frames.Any(f => f.Contains(measured, StringComparison.Ordinal))) continue; // the measured turns only (not start-up)
            total += amount;
            var ours = frames.FirstOrDefault(f => f.StartsWith("Chatbot.", StringComparison.Ordinal) && !f.StartsWith("Chatbot.Bench", StringComparison.Ordinal)) ?? "(none)";
            var site = $"{ours}  <- {frames.FirstOrDefault() ?? "?"}  [{type}]";
            bySite[site] = bySite.GetValueOrDefault(site) + amount;
            foreach (var f in frames.Where(f => f.StartsWith("Chatbot.", StringComparison.Ordinal)).Distinct())
            {
                inclusive[f] = inclusive.GetValueOrDefault(f) + amount;
            }

            if (under is { Length: > 0 } && frames.FindIndex(f => f.Contains(under, StringComparison.Ordinal)) is var at and >= 0)
            {
                var reached = frames.Where((f, k) => (k <= at || k < at + 4) && f.StartsWith("Chatbot.", StringComparison.Ordinal) && !f.Contains("+<", StringComparison.Ordinal));
                var chain = string.Join(" <- ", reached.Select(f => f.Replace("Chatbot.Dialogs.", "", StringComparison.Ordinal)));
                chains[chain] = chains.GetValueOrDefault(chain) + amount;
            }
        }

        Console.WriteLine($"sampled {total / 1e6:F1} MB in turns");
        Console.WriteLine("by nearest frame of ours <- allocating frame [type]:");
        foreach (var (site, bytes) in bySite.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {site}");
        Console.WriteLine("inclusive, frames of ours:");
        foreach (var (frame, bytes) in inclusive.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {frame}");
        if (chains.Count > 0) Console.WriteLine($"allocating frame <- ... <- {under} <- its callers:");
        foreach (var (chain, bytes) in chains.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"  {bytes * 100.0 / total,5:F1} %  {chain}");
        return 0;
    }
}
