using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenTelemetry;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Prints each turn's span tree when its root span ends (<c>Telemetry:Console</c>), one line per span with duration
/// and attributes — for reading locally what a turn did. Children end before their parent, so spans are held per
/// trace until the root arrives.
/// </summary>
internal sealed class TurnTreeConsoleExporter(TextWriter output) : BaseExporter<Activity>
{
    // Traces whose root never ends here (e.g. the parent lives in another process) are dropped oldest first.
    private const int MaxPendingTraces = 256;

    private readonly Dictionary<ActivityTraceId, List<Activity>> _pending = [];
    private readonly Queue<ActivityTraceId> _order = new();
    private readonly Lock _gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            List<Activity>? completed = null;
            lock (_gate)
            {
                if (!_pending.TryGetValue(span.TraceId, out var spans))
                {
                    spans = [];
                    _pending[span.TraceId] = spans;
                    _order.Enqueue(span.TraceId);
                    Trim();
                }

                spans.Add(span);
                if (IsRoot(span))
                {
                    completed = spans;
                    _pending.Remove(span.TraceId);
                }
            }

            if (completed is not null)
            {
                output.Write(Render(span, completed));
                output.Flush();
            }
        }

        return ExportResult.Success;
    }

    /// <summary>The span tree under <paramref name="root"/>, children in start order, two spaces per level.</summary>
    internal static string Render(Activity root, IReadOnlyList<Activity> spans)
    {
        var children = spans
            .Where(s => s != root)
            .GroupBy(s => s.ParentSpanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartTimeUtc).ToList());
        var text = new StringBuilder();
        Append(text, root, children, "", isLast: true, isRoot: true);
        return text.ToString();
    }

    private static bool IsRoot(Activity span) =>
        span.OperationName == TelemetryNames.Spans.Turn || span.ParentSpanId == default || span.HasRemoteParent;

    private void Trim()
    {
        while (_order.Count > MaxPendingTraces)
        {
            _pending.Remove(_order.Dequeue());
        }
    }

    private static void Append(StringBuilder text, Activity span, Dictionary<ActivitySpanId, List<Activity>> children, string indent, bool isLast, bool isRoot)
    {
        text.Append(indent);
        if (!isRoot)
        {
            text.Append(isLast ? "└─ " : "├─ ");
        }

        text.Append(span.OperationName)
            .Append(' ')
            .Append(span.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture))
            .Append(" ms");
        if (span.Status == ActivityStatusCode.Error)
        {
            text.Append(" ERROR");
        }

        foreach (var (key, value) in span.TagObjects)
        {
            text.Append(' ').Append(key).Append('=').Append(Format(value));
        }

        foreach (var e in span.Events)
        {
            text.Append(" [").Append(e.Name).Append(']');
        }

        text.Append('\n');
        if (!children.TryGetValue(span.SpanId, out var kids))
        {
            return;
        }

        var childIndent = isRoot ? "" : indent + (isLast ? "   " : "│  ");
        for (var i = 0; i < kids.Count; i++)
        {
            Append(text, kids[i], children, childIndent, i == kids.Count - 1, isRoot: false);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s.Contains(' ', StringComparison.Ordinal) ? $"\"{s}\"" : s,
        bool b => b ? "true" : "false",
        string[] array => $"[{string.Join(',', array)}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
