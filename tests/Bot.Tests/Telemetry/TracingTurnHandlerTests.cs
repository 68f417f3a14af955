using System.Diagnostics;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>The root turn span around the real pipeline, and UseTelemetry wiring everything together.</summary>
public sealed class TracingTurnHandlerTests
{
    [Fact]
    public async Task The_root_span_records_the_answer_redelivery_and_storage_cost()
    {
        using var harness = new TelemetryHarness();
        var inner = new Mock<ITurnHandler>();
        inner.Setup(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TurnContext turn, CancellationToken _) =>
            {
                turn.Storage.Reads = 2;
                turn.Storage.Writes = 1;
                turn.Storage.Conflicts = 1;
                turn.Storage.BytesWritten = 640;
                return TurnResult.Ok with { Duplicate = true };
            });
        var handler = new TracingTurnHandler(inner.Object, harness.Telemetry);

        var result = await handler.HandleAsync(Turn(), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal(200, root.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.Equal(true, root.GetTagItem(TelemetryTags.Duplicate));
        Assert.Equal(2, root.GetTagItem(TelemetryTags.StorageReads));
        Assert.Equal(1, root.GetTagItem(TelemetryTags.StorageConflicts));
        Assert.Equal(640, root.GetTagItem(TelemetryTags.StorageBytesWritten));
        Assert.Equal("ok", Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns)).Tags[TelemetryTags.Outcome]);
    }

    [Theory]
    [InlineData(false, 500)]
    [InlineData(true, 503)]
    public async Task A_failing_pipeline_records_the_status_the_host_answers(bool storeDown, int expectedStatus)
    {
        using var harness = new TelemetryHarness();
        Exception failure = storeDown ? new StoreUnavailableException("Cosmos DB timed out.") : new InvalidOperationException("bug");
        var inner = new Mock<ITurnHandler>();
        inner.Setup(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        var handler = new TracingTurnHandler(inner.Object, harness.Telemetry);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(Turn(), CancellationToken.None));

        Assert.Same(failure, thrown);
        var root = harness.Span(TelemetryNames.Spans.Turn);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Equal(expectedStatus, root.GetTagItem(TelemetryTags.HttpStatusCode));
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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.HandleAsync(Turn(), cts.Token));

        Assert.NotEqual(ActivityStatusCode.Error, harness.Span(TelemetryNames.Spans.Turn).Status);
        Assert.Equal("cancelled", Assert.Single(harness.Measurements(TelemetryNames.Metrics.Turns)).Tags[TelemetryTags.Outcome]);
        Assert.Empty(harness.Measurements(TelemetryNames.Metrics.Errors));
    }

    [Fact]
    public async Task UseTelemetry_makes_every_step_of_a_real_turn_a_child_of_the_turn_span()
    {
        using var harness = new TelemetryHarness();
        var connector = new FakeConnector();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConversationStore>(new InMemoryConversationStore());
        services.AddSingleton<IConnectorClient>(connector);
        var configuration = new ConfigurationBuilder().Build();
        services.AddChatbot(configuration).UseTelemetry(configuration);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ITurnHandler>().HandleAsync(Turn(), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.NotEmpty(connector.Sent);
        var root = harness.Span(TelemetryNames.Spans.Turn);
        var children = harness.ChildrenOf(root).Select(s => s.OperationName).ToList();
        Assert.Contains(TelemetryNames.Spans.StorageRead, children);
        Assert.Contains(TelemetryNames.Spans.DialogTurn, children);
        Assert.Contains(TelemetryNames.Spans.StorageWrite, children);
        Assert.Contains(TelemetryNames.Spans.ConnectorSend, children);
        Assert.Equal(200, root.GetTagItem(TelemetryTags.HttpStatusCode));
        Assert.Equal(1, root.GetTagItem(TelemetryTags.StorageWrites));
    }

    private static TurnContext Turn() => new(TurnSpanTreeTests.Message("hello"), AuthenticationResult.Anonymous);
}
