using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chatbot.Bot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>
/// A tracer provider with the in-memory exporter, a private meter factory and a fake clock. Each harness runs its
/// spans under its own test trace, so test classes running in parallel never see each other's spans.
/// </summary>
internal sealed class TelemetryHarness : IDisposable
{
    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _tracerProvider;
    private readonly ServiceProvider _services;
    private readonly Activity _testRoot;
    private readonly MeterListener _meterListener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public TelemetryHarness(TelemetryOptions? options = null)
    {
        _tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(TelemetryNames.Root)
            .AddInMemoryExporter(_exported)
            .Build()!;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        Telemetry = new ChatbotTelemetry(meterFactory, Options.Create(options ?? new TelemetryOptions()), Clock);

        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Measure(i, v, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Measure(i, v, tags));
        _meterListener.Start();

        // Recorded, so the default parent-based sampler keeps the spans under it.
        _testRoot = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        _testRoot.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _testRoot.Start();
    }

    public ChatbotTelemetry Telemetry { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Spans of this test's trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracerProvider.ForceFlush();
            lock (_exported)
            {
                return _exported.Where(a => a.TraceId == _testRoot.TraceId).ToList();
            }
        }
    }

    public Activity Span(string name) => Assert.Single(Spans, s => s.OperationName == name);

    public IReadOnlyList<Activity> ChildrenOf(Activity parent) =>
        Spans.Where(s => s.ParentSpanId == parent.SpanId).OrderBy(s => s.StartTimeUtc).ToList();

    public IReadOnlyList<(string Name, double Value, Dictionary<string, object?> Tags)> Measurements(string name)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Name == name).ToList();
        }
    }

    public void Dispose()
    {
        _testRoot.Stop();
        _meterListener.Dispose();
        Telemetry.Dispose();
        _tracerProvider.Dispose();
        _services.Dispose();
    }

    private void Measure(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
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
