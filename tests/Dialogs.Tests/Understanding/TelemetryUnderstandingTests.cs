using System.Diagnostics.Metrics;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Moq;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class TelemetryUnderstandingTests
{
    [Fact]
    public async Task Records_path_calls_tokens_and_dropped_values_but_never_the_users_text()
    {
        const string Secret = "my card is 4111111111111111";
        var inner = new Mock<IUnderstanding>();
        inner.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UnderstandingResult
            {
                Path = "llm",
                Commands = [new SetSlotCommand("card_number", "4111111111111111")],
                Dropped = ["set_slot: slot 'x' may not be set now"],
                LlmCalls = 1,
                TokensIn = 300,
                TokensOut = 20,
            });
        var logger = new ListLogger();
        var measurements = new List<(string Name, long Value, string? Path)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TelemetryUnderstanding.SourceName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var path = tags.ToArray().FirstOrDefault(t => t.Key == "chatbot.understanding.path").Value as string;
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, path));
            }
        });
        listener.Start();

        var result = await new TelemetryUnderstanding(inner.Object, logger).UnderstandAsync(SampleRequests.TopLevel(Secret), CancellationToken.None);
        listener.RecordObservableInstruments();

        Assert.Equal("llm", result.Path);
        lock (measurements)
        {
            Assert.Contains(("chatbot.understanding.llm_calls", 1L, "llm"), measurements);
            Assert.Contains(("chatbot.understanding.tokens", 300L, "llm"), measurements);
            Assert.Contains(("chatbot.understanding.dropped", 1L, "llm"), measurements);
        }

        var line = Assert.Single(logger.Lines);
        Assert.StartsWith("Understood via llm in ", line, StringComparison.Ordinal);
        Assert.Contains("commands [SetSlot]", line, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", line, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
