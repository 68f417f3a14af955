using Chatbot.Bot.Telemetry;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>The metrics an operator charts, from turns through the real pipeline: turns, latency, LLM calls and tokens, storage operations, retries.</summary>
public sealed class TurnMetricsTests
{
    [Fact]
    public async Task A_turn_counts_once_with_its_duration_from_the_clock()
    {
        using var harness = new TelemetryHarness();

        using var turnUnderTest = new TurnUnderTest(harness);
        await turnUnderTest.RunAsync(TurnSpanTreeTests.Message("hello"));

        var turn = Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns));
        Assert.Equal(1, turn.Value);
        Assert.Equal("msteams", turn.Tags[TelemetryTags.Channel]);
        Assert.Equal("message", turn.Tags[TelemetryTags.ActivityType]);
        Assert.Equal("ok", turn.Tags[TelemetryTags.Outcome]);
        Assert.Equal(200, turn.Tags[TelemetryTags.HttpStatusCode]);
        var duration = Assert.Single(harness.Measurements(TelemetryNames.Metrics.TurnDuration));
        Assert.Equal(TurnUnderTest.TurnDuration.TotalSeconds, duration.Value, 6);
        Assert.Empty(harness.Measurements(TelemetryNames.Metrics.Errors));
    }

    [Fact]
    public async Task Llm_calls_and_tokens_are_counted_once_per_turn()
    {
        using var harness = new TelemetryHarness();

        using var turnUnderTest = new TurnUnderTest(harness);
        await turnUnderTest.RunAsync(TurnSpanTreeTests.Message("hello"));

        // Understanding reports the same call; only the dialog wrapper counts it.
        Assert.Equal(1, Assert.Single(harness.Measurements(TelemetryNames.Metrics.LlmCalls)).Value);
        var tokens = harness.Measurements(TelemetryNames.Metrics.LlmTokens);
        Assert.Equal(120, Assert.Single(tokens, t => (string?)t.Tags[TelemetryTags.TokenType] == "input").Value);
        Assert.Equal(15, Assert.Single(tokens, t => (string?)t.Tags[TelemetryTags.TokenType] == "output").Value);
        Assert.Equal("llm", Assert.Single(harness.Measurements(TelemetryNames.Metrics.DialogTurns)).Tags[TelemetryTags.UnderstandingPath]);
    }

    [Fact]
    public async Task Storage_operations_and_connector_retries_are_counted()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);
        turn.Connector.RetriesOnNextSend = 2;

        await turn.RunAsync(TurnSpanTreeTests.Message("hello"));

        var operations = harness.Measurements(TelemetryNames.Metrics.StorageOperations)
            .Select(m => $"{m.Tags[TelemetryTags.StorageOperation]}:{m.Tags[TelemetryTags.Outcome]}");
        Assert.Equal(["read:not_found", "write:ok", "write:ok"], operations); // the commit, then the delivery record
        Assert.Equal(await turn.StoredRecordBytesAsync(TurnSpanTreeTests.Message("hello")), harness.Measurements(TelemetryNames.Metrics.StorageBytes)[^1].Value);
        Assert.Equal(2, Assert.Single(harness.Measurements(TelemetryNames.Metrics.ConnectorRetries)).Value);
        Assert.Equal("ok", Assert.Single(harness.Measurements(TelemetryNames.Metrics.ConnectorOperations)).Tags[TelemetryTags.Outcome]);
    }

    [Fact]
    public async Task A_failed_turn_counts_as_an_error()
    {
        using var harness = new TelemetryHarness();

        using var turn = new TurnUnderTest(harness, new InvalidOperationException("engine fault"));
        await turn.RunAsync(TurnSpanTreeTests.Message("hello"));

        Assert.Equal("error", Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns)).Tags[TelemetryTags.Outcome]);
        var components = harness.Measurements(TelemetryNames.Metrics.Errors).Select(e => e.Tags[TelemetryTags.Component]);
        Assert.Equal(["dialog", "turn"], components);
    }
}
