using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Chatbot.Bench.Micro;

/// <summary>
/// Which types a measured window allocates, sampled in process: the runtime's <c>GCAllocationTick</c> event fires about
/// every 100 KB allocated and names the type of the object that crossed the mark, so over a few hundred MB the counts are
/// proportional to each type's share of the bytes. <c>turn</c> prints the top types when <c>ALLOC_TYPES=N</c> is set.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start() => _on = true;

    public void Stop() => _on = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>The top <paramref name="count"/> types by sampled bytes, each as a share of all and as bytes per turn.</summary>
    public void Print(int count, double turns)
    {
        var total = (double)_bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(count))
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {bytes / total,6:P1} {bytes / turns,8:F0} B/turn  {type}"));
        }
    }
}
