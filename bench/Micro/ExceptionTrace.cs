namespace Chatbot.Bench.Micro;

/// <summary>
/// Which exceptions a running bot throws, and from where (issue 19: a thrown exception costs tens of microseconds, so one
/// on a turn's path shows in CPU per turn). Reads an EventPipe trace with the runtime's exception events and their stacks
/// (`dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x8000:4 --duration 00:00:00:05`) and prints
/// them by type, message and the throwing frames.
/// </summary>
internal static class ExceptionTrace
{
    public static int Report(string path, int top)
    {
        using var log = StartupTrace.Open(path);
        var bySite = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var e in log.Events)
        {
            if (!e.EventName.StartsWith("Exception/Start", StringComparison.Ordinal)) continue;
            total++;
            var type = e.PayloadByName("ExceptionType") as string ?? "?";
            var message = e.PayloadByName("ExceptionMessage") as string ?? "";
            var frames = string.Join("\n      <- ", StartupTrace.Frames(e).Where(f => !f.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)).Take(12));
            var site = $"{type}: {message[..Math.Min(message.Length, 160)]}\n      {frames}";
            bySite[site] = bySite.GetValueOrDefault(site) + 1;
        }

        Console.WriteLine($"{total} exceptions thrown");
        foreach (var (site, count) in bySite.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"{count,7}  {site}");
        return 0;
    }
}
