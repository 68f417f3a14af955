using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using BotActivity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>
/// The real turn pipeline from <c>AddChatbot(...).UseTelemetry(...)</c>, reporting to the harness's telemetry, with a
/// fake engine (which asks the composed understanding and phraser, as the real one does), a fake local recognizer, an
/// in-memory store and a recording Connector. Each turn takes <see cref="TurnDuration"/> on the harness's clock.
/// </summary>
internal sealed class TurnUnderTest : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="harness">Where spans and measurements go.</param>
    /// <param name="engineFailure">Thrown by the engine, when set.</param>
    /// <param name="storeFailure">Thrown by every store call, when set.</param>
    /// <param name="settings">Extra configuration; with <c>Storage:Provider</c> the configured store is used instead of <see cref="Store"/>.</param>
    public TurnUnderTest(TelemetryHarness harness, Exception? engineFailure = null, Exception? storeFailure = null, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Turn:TypingDelay"] = "00:00:00",
            ["RateLimits:Enabled"] = "false",
            ["Emulator:Trace"] = "false",
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(harness.Telemetry);
        services.AddSingleton<TimeProvider>(harness.Clock);
        if (configuration["Storage:Provider"] is null)
        {
            services.AddSingleton<IConversationStore>(storeFailure is null ? Store : new FailingStore(storeFailure));
        }

        services.AddSingleton<IConnectorClient>(Connector);
        services.AddKeyedSingleton<IUnderstanding>(UnderstandingServiceKeys.Fallback, new FakeUnderstanding());
        services.AddSingleton<IDialogEngine>(sp => new FakeDialogEngine(
            sp.GetRequiredService<IUnderstanding>(), sp.GetRequiredService<IResponsePhraser>(), Trace, () => harness.Clock.Advance(TurnDuration))
        {
            Throw = engineFailure,
        });
        services.AddChatbot(configuration).UseTelemetry(configuration);
        _services = services.BuildServiceProvider();
    }

    public InMemoryConversationStore Store { get; } = new();

    public FakeConnector Connector { get; } = new();

    /// <summary>How long each turn takes on the fake clock.</summary>
    public static TimeSpan TurnDuration { get; } = TimeSpan.FromMilliseconds(1500);

    public async Task<int> RunAsync(BotActivity activity)
    {
        var result = await _services.GetRequiredService<ITurnHandler>()
            .HandleAsync(new TurnContext(activity, AuthenticationResult.Anonymous), CancellationToken.None);
        return result.HttpStatus;
    }

    /// <summary>The size of the state document the store holds for the test conversation.</summary>
    public async Task<int> StoredBytesAsync(BotActivity activity) =>
        (await Store.ReadAsync(ConversationKey.For(activity), CancellationToken.None))!.Content.Length;

    /// <summary>The size of the note (the delivery record) attached to the test conversation's state document.</summary>
    public async Task<int> StoredRecordBytesAsync(BotActivity activity) =>
        (await Store.ReadAsync(ConversationKey.For(activity), CancellationToken.None))!.Note!.Value.Length;

    public void Dispose() => _services.Dispose();

    private sealed class FailingStore(Exception failure) : IConversationStore
    {
        public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken) => Task.FromException<StoredDocument?>(failure);

        public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) => Task.FromException<string>(failure);

        public Task DeleteAsync(string id, CancellationToken cancellationToken) => Task.FromException(failure);

        public bool KeepsNotes => true;

        public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) => Task.FromException<string>(failure);

        public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) => Task.FromException<string>(failure);
    }

    private static TurnTrace Trace()
    {
        var trace = new TurnTrace
        {
            Path = "llm",
            FlowId = "order",
            StepId = "ask_size",
            LlmCalls = 1,
            TokensIn = 120,
            TokensOut = 15,
            UnderstandingLatency = TimeSpan.FromMilliseconds(420),
        };
        trace.CommandsAccepted.Add("set_slot:size");
        trace.CommandsRejected.Add("start_flow:refund");
        trace.Events.Add("slot size filled");
        return trace;
    }
}
