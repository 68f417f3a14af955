using System.Diagnostics;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Storage;
using Moq;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>The root turn span: the answer, redeliveries, failures and cancellations.</summary>
public sealed class TracingTurnHandlerTests
{
    [Fact]
    public async Task The_root_span_records_the_answer_and_a_redelivery()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness);
        var activity = TurnSpanTreeTests.Message("hello");

        await turn.RunAsync(activity);
        Assert.Equal(200, await turn.RunAsync(activity));

        var roots = harness.Spans.Where(s => s.OperationName == TelemetryNames.Spans.Turn).ToList();
        Assert.Equal([false, true], roots.Select(r => r.GetTagItem(TelemetryTags.Duplicate)));
        Assert.All(roots, r => Assert.Equal(200, r.GetTagItem(TelemetryTags.HttpStatusCode)));
        Assert.All(harness.Measurements(TelemetryNames.Metrics.Turns), m => Assert.Equal("ok", m.Tags[TelemetryTags.Outcome]));
        // The redelivery read the state and wrote nothing (the two writes are the first turn's commit and delivery
        // record), and nothing was sent twice.
        Assert.Equal(2, harness.Spans.Count(s => s.OperationName == TelemetryNames.Spans.StorageWrite));
        Assert.Single(turn.Connector.Sent);
    }

    [Fact]
    public async Task An_unavailable_store_records_the_503_the_caller_gets()
    {
        using var harness = new TelemetryHarness();
        using var turn = new TurnUnderTest(harness, storeFailure: new StoreUnavailableException("Cosmos DB timed out."));

        Assert.Equal(503, await turn.RunAsync(TurnSpanTreeTests.Message("hello")));

        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Equal(503, root.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.Equal(typeof(StoreUnavailableException).FullName, root.GetTagItem(TelemetryTags.ErrorType));
        Assert.Equal("error", Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns)).Tags[TelemetryTags.Outcome]);
    }

    [Fact]
    public async Task A_caller_that_went_away_is_not_an_error()
    {
        using var harness = new TelemetryHarness();
        using var cts = new CancellationTokenSource();
        var inner = new Mock<ITurnHandler>();
        inner.Setup(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()))
            .Returns((TurnContext _, CancellationToken ct) =>
            {
                cts.Cancel();
                return Task.FromCanceled<TurnResult>(ct);
            });
        var handler = new TracingTurnHandler(inner.Object, harness.Telemetry);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            handler.HandleAsync(new TurnContext(TurnSpanTreeTests.Message("hello"), AuthenticationResult.Anonymous), cts.Token));

        Assert.NotEqual(ActivityStatusCode.Error, harness.Span(TelemetryNames.Spans.Turn).Status);
        Assert.Equal("cancelled", Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns)).Tags[TelemetryTags.Outcome]);
        Assert.Empty(harness.Measurements(TelemetryNames.Metrics.Errors));
    }
}
