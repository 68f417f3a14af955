using System.Diagnostics.Metrics;
using Chatbot.Bot.Telemetry;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>
/// Each seam of a turn (the turn itself, store, engine, understanding, phrasing, Connector) reports through exactly one
/// wrapper, on the one <c>Chatbot</c> source and meter: one turn through the real pipeline gives each span and each
/// measurement exactly once, and nothing on a meter no exporter subscribes to.
/// </summary>
public sealed class OneWrapperPerSeamTests
{
    [Fact]
    public async Task One_turn_gives_each_span_and_each_measurement_exactly_once()
    {
        using var harness = new TelemetryHarness();
        using var foreign = new ForeignMeterListener();
        using var turn = new TurnUnderTest(harness);

        Assert.Equal(200, await turn.RunAsync(TurnSpanTreeTests.Message("I want a large pizza")));

        Assert.Equal(
            new[]
            {
                TelemetryNames.Spans.Turn, TelemetryNames.Spans.ConnectorSend, TelemetryNames.Spans.DialogTurn,
                TelemetryNames.Spans.Phrasing, TelemetryNames.Spans.StorageRead, TelemetryNames.Spans.StorageWrite,
                TelemetryNames.Spans.StorageWrite, TelemetryNames.Spans.Understanding, // two writes: the commit and the delivery record
            },
            harness.Spans.Select(s => s.OperationName).Order(StringComparer.Ordinal));

        foreach (var once in new[]
        {
            TelemetryNames.Metrics.Turns, TelemetryNames.Metrics.TurnDuration, TelemetryNames.Metrics.DialogTurns,
            TelemetryNames.Metrics.LlmCalls, TelemetryNames.Metrics.UnderstandingDuration, TelemetryNames.Metrics.ConnectorOperations,
        })
        {
            Assert.True(harness.Measurements(once).Count == 1, $"{once}: {harness.Measurements(once).Count} measurements");
        }

        // One per store operation (a read, the commit, the delivery record) or per token type (input, output), never two for the same.
        Assert.Equal(["write", "write"], harness.Measurements(TelemetryNames.Metrics.StorageBytes).Select(m => (string)m.Tags[TelemetryTags.StorageOperation]!));
        Assert.Equal(["read", "write", "write"], harness.Measurements(TelemetryNames.Metrics.StorageOperations).Select(m => (string)m.Tags[TelemetryTags.StorageOperation]!));
        Assert.Equal(["read", "write", "write"], harness.Measurements(TelemetryNames.Metrics.StorageDuration).Select(m => (string)m.Tags[TelemetryTags.StorageOperation]!));
        Assert.Equal(["input", "output"], harness.Measurements(TelemetryNames.Metrics.LlmTokens).Select(m => (string)m.Tags[TelemetryTags.TokenType]!));
        Assert.Empty(harness.Measurements(TelemetryNames.Metrics.Errors));
        Assert.Empty(foreign.Names);
    }

    [Theory]
    [InlineData("InMemory")]
    [InlineData("File")]
    public async Task The_store_chosen_by_Storage_Provider_is_traced_like_any_other(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-state-");
        try
        {
            using var harness = new TelemetryHarness();
            using var turn = new TurnUnderTest(harness, settings: new() { ["Storage:Provider"] = provider, ["Storage:FilePath"] = folder.FullName });

            Assert.Equal(200, await turn.RunAsync(TurnSpanTreeTests.Message("hello")));

            Assert.Single(harness.Spans, s => s.OperationName == TelemetryNames.Spans.StorageRead);
            Assert.Equal(2, harness.Spans.Count(s => s.OperationName == TelemetryNames.Spans.StorageWrite)); // commit + delivery record
            Assert.Equal(["read:not_found", "write:ok", "write:ok"], harness.Measurements(TelemetryNames.Metrics.StorageOperations)
                .Select(m => $"{m.Tags[TelemetryTags.StorageOperation]}:{m.Tags[TelemetryTags.Outcome]}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Records chatbot.* measurements made on any meter other than <c>Chatbot</c> (which no exporter subscribes to).</summary>
    private sealed class ForeignMeterListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _names = [];

        public ForeignMeterListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != TelemetryNames.Root && instrument.Name.StartsWith("chatbot.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, _, _, _) => Add(i));
            _listener.SetMeasurementEventCallback<double>((i, _, _, _) => Add(i));
            _listener.Start();
        }

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_names)
                {
                    return [.. _names];
                }
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument)
        {
            lock (_names)
            {
                _names.Add($"{instrument.Meter.Name}/{instrument.Name}");
            }
        }
    }
}
