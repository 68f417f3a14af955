using System.Text.RegularExpressions;
using Chatbot.Bot.Telemetry;
using OpenTelemetry;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>Telemetry:Console prints a turn's span tree readably, once the turn has ended.</summary>
public sealed partial class TurnTreeConsoleExporterTests
{
    [Fact]
    public async Task Prints_the_turn_tree_with_attributes_when_the_root_span_ends()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);
        await turn.RunAsync(TurnSpanTreeTests.Message("hello"));
        var spans = harness.Spans;
        var root = harness.Span(TelemetryNames.Spans.Turn);
        using var output = new StringWriter();
        using var exporter = new TurnTreeConsoleExporter(output);

        // Spans arrive as they end: children first. Nothing is printed until the root arrives.
        foreach (var span in spans.Where(s => s != root))
        {
            exporter.Export(new Batch<System.Diagnostics.Activity>([span], 1));
        }

        Assert.Equal("", output.ToString());
        exporter.Export(new Batch<System.Diagnostics.Activity>([root], 1));

        var lines = Durations().Replace(output.ToString(), "#ms").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("chatbot.turn #ms chatbot.channel=msteams chatbot.activity.type=message chatbot.activity.id=activity-1 chatbot.conversation.hash=", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("http.response.status_code=200 chatbot.outcome=ok", lines[0], StringComparison.Ordinal);
        Assert.Equal("├─ storage.read #ms chatbot.storage.found=false", lines[1]);
        Assert.StartsWith("├─ dialog.turn #ms chatbot.turn.kind=message chatbot.flow=order chatbot.step=ask_size chatbot.understanding.path=llm chatbot.commands.accepted=[set_slot:size] chatbot.commands.rejected=[start_flow:refund]", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("[slot size filled]", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("│  ├─ understanding #ms chatbot.understanding.path=llm chatbot.commands=[set_slot:size,start_flow:refund]", lines[3], StringComparison.Ordinal);
        Assert.Equal("│  └─ phrasing #ms chatbot.response.id=ask_size chatbot.phrasing.mode=template chatbot.phrasing.from_model=false", lines[4]);
        Assert.Matches("^├─ storage.write #ms chatbot.storage.bytes=[0-9]+ chatbot.storage.conditional=false chatbot.storage.conflict=false$", lines[5]);
        Assert.Equal("├─ connector.send #ms chatbot.connector.operation=send chatbot.connector.activity_type=message chatbot.connector.retries=0", lines[6]);
        Assert.Equal($"└─ storage.write #ms chatbot.storage.bytes={await turn.StoredRecordBytesAsync(TurnSpanTreeTests.Message("hello"))} chatbot.storage.conditional=true chatbot.storage.conflict=false", lines[7]);
    }

    [Fact]
    public async Task Marks_failed_spans()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness, new InvalidOperationException("engine fault"));
        await turn.RunAsync(TurnSpanTreeTests.Message("hello"));
        var root = harness.Span(TelemetryNames.Spans.Turn);

        var text = TurnTreeConsoleExporter.Render(root, harness.Spans);

        Assert.Contains("chatbot.turn ", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^└─ dialog\.turn [0-9.]+ ms ERROR ", text);
        Assert.Matches(@"(?m)^chatbot\.turn [0-9.]+ ms ERROR ", text);
    }

    [GeneratedRegex(@"[0-9]+\.[0-9] ms")]
    private static partial Regex Durations();
}
