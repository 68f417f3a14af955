using System.Diagnostics.Metrics;
using System.Text;
using Chatbot.Storage.InMemory;
using Chatbot.Storage.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Storage.Tests.Telemetry;

public sealed class MeteredConversationStoreTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public MeteredConversationStoreTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meter instances: the factory is private to this test.
            if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Reads_writes_conflicts_and_bytes_are_reported_under_the_documented_names()
    {
        var store = new MeteredConversationStore(new InMemoryConversationStore(), _services.GetRequiredService<IMeterFactory>(), TimeProvider.System);

        await store.ReadAsync("conv-1", Ct);
        var etag = await store.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":1}"""), null, Ct);
        await store.ReadAsync("conv-1", Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Encoding.UTF8.GetBytes("{}"), null, Ct));
        await store.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":2}"""), etag, Ct);

        lock (_measurements)
        {
            Assert.Equal(new[] { "missing", "found" }, Values(StorageMetrics.Reads, StorageMetrics.ResultTag));
            Assert.Equal(new[] { "ok", "conflict", "ok" }, Values(StorageMetrics.Writes, StorageMetrics.ResultTag));
            Assert.Single(_measurements, m => m.Instrument == StorageMetrics.Conflicts);
            Assert.Equal(7 + 7, _measurements.Where(m => m.Instrument == StorageMetrics.Bytes && (string?)m.Tags[StorageMetrics.DirectionTag] == "write").Sum(m => m.Value));
            Assert.Equal(7, _measurements.Where(m => m.Instrument == StorageMetrics.Bytes && (string?)m.Tags[StorageMetrics.DirectionTag] == "read").Sum(m => m.Value));
            Assert.Equal(5, _measurements.Count(m => m.Instrument == StorageMetrics.Duration));
        }
    }

    private string[] Values(string instrument, string tag)
        => _measurements.Where(m => m.Instrument == instrument).Select(m => (string)m.Tags[tag]!).ToArray();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }
}
