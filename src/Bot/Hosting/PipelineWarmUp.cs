using System.Text;
using System.Text.Json;
using Chatbot.Bot.State;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Builds the turn pipeline (dialogs loaded and validated, understanding composed), the JSON metadata of a turn's hot
/// path and the dialog engine's first turn on background tasks started with the host, and holds the server's start
/// (Kestrel listens in its StartAsync, after every StartingAsync) until they are done: a request never waits behind a
/// half-built pipeline, and the first turn runs code that has run once (bench/RESULTS.md, issue 19: the first turn
/// waited ~100-150 ms for the warm-up when Kestrel listened first). The host's own start (Kestrel, other hosted
/// services) still overlaps the work on the other core. A dialogs folder with errors stops the host at start with
/// every error's file:line:col, before the server ever listens. The one place start-up work is done ahead of the first
/// turn (the store client too, once the server has started, and the recognizer's word tables a second later).
/// </summary>
internal sealed class PipelineWarmUp(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>
    /// Runs before any hosted service starts (the server included) and returns when the pipeline is built and warm, so
    /// the server listens only then; a failure (e.g. <c>DialogLoadException</c>) stops the host.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Two tasks: the JSON metadata needs nothing from the container, so it need not wait behind the YAML.
        return Task.WhenAll(Task.Run(BuildPipelineAsync, CancellationToken.None), Task.Run(WarmUpJson, CancellationToken.None))
            .WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Warms the store in the background once the server has started (a Cosmos probe may take seconds). The pipeline is
    /// built by now: the host runs this only after every <see cref="StartingAsync"/> has completed.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmUpAfterStartAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WarmUpAfterStartAsync()
    {
        await WarmUpStoreAsync().ConfigureAwait(false);
        // Not at once: a cold start's request is already waiting, and this warm-up's CPU in parallel doubled that first
        // turn's time on two cores (bench/RESULTS.md, issue 19, perf3); a second later that turn is answered.
        await Task.Delay(ReadingWarmUpDelay).ConfigureAwait(false);
        try
        {
            if (services.GetService<IDialogDefinitionsProvider>() is { } definitions)
            {
                await WarmUpEngineAsync(definitions, FreeText).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The host stopped within that second (a test, a short-lived process): nothing is left to warm.
        }
    }

    /// <summary>How long after the server started the recognizer's warm-up (<see cref="FreeText"/>) begins.</summary>
    internal static readonly TimeSpan ReadingWarmUpDelay = TimeSpan.FromSeconds(1);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Asks every readiness check once: the storage check's probe read creates the store client (and the Cosmos
    // container when CreateIfMissing is set) before the first turn needs it, so a freshly started instance does not
    // spend its first turns' store budget on that.
    private async Task WarmUpStoreAsync()
    {
        foreach (var check in services.GetServices<IReadinessCheck>())
        {
            try
            {
                await check.IsReadyAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Readiness checks must not throw; a warm-up that fails leaves the first turn to find out.
            }
        }
    }

    private async Task BuildPipelineAsync()
    {
        // The definitions first: their errors are the ones an author must see, before anything the pipeline composes.
        var definitions = services.GetService<IDialogDefinitionsProvider>();
        _ = services.GetService<IActivityEndpoint>();
        if (definitions is not null)
        {
            await WarmUpEngineAsync(definitions).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A request in words of no command (a greeting like "hi" is often answered before any recognizer reads it): the
    /// recognizer's shared word tables (stemmers, word concepts) and its and the slot parser's code are then ready after
    /// start rather than built in the first turn that asks for something in words (bench/RESULTS.md, issue 19, perf3).
    /// The bot's recognizer keeps its own caches of the bot's examples, which its first request in words still fills.
    /// After the server listens (<see cref="ReadingWarmUpDelay"/>): a first "hi" neither waits for it nor shares the CPU with it.
    /// </summary>
    private const string FreeText = "I would like to ask about something else";

    /// <summary>
    /// One message turn of the bot's own dialogs on an engine of its own: a new conversation saying "hi", understood
    /// lexically (what answers the first turns while the embedded model loads), templates only, no http steps, no
    /// logger, no telemetry, no store, no channel: nothing is called, stored, sent or counted, and the result is
    /// dropped. What it warms is the engine's code (interpreter, flow runner, renderer, state JSON) and the lexical
    /// recognizer's, which the first real turn would otherwise run for the first time. A failure here is not the
    /// user's problem: the first real turn meets it as before.
    /// </summary>
    internal static async Task WarmUpEngineAsync(IDialogDefinitionsProvider definitions, string text = "hi")
    {
        try
        {
            var engine = new DialogEngine(definitions, LexicalUnderstanding.Create());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            _ = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = text }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Warm-up only: whatever the bot's dialogs do with "hi" (even failing) is the first real turn's business.
        }
    }

    /// <summary>
    /// One round trip of each document a turn reads and writes (the activity, the dialog state, the conversation
    /// document with a reply owed), so the source-generated contexts build their metadata here rather than in the
    /// first turn. Pure computation on made-up values: nothing is stored or sent.
    /// </summary>
    internal static void WarmUpJson()
    {
        const string body = """
            {"type":"message","id":"warm-up","channelId":"emulator","serviceUrl":"http://localhost/","text":"hi","locale":"en-US",
             "from":{"id":"user","name":"User","role":"user"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"conversation":{"id":"warm-up"}}
            """;
        if (!ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(body), out var activity, out _) || activity is null)
        {
            return;
        }

        _ = ActivitySerializer.SerializeToUtf8Bytes(activity);
        var state = new DialogState();
        _ = DialogStateJson.Deserialize(DialogStateJson.Serialize(state));
        var document = new ConversationDocument
        {
            Dialog = DialogStateJson.SerializeToUtf8Bytes(state),
            Reference = ConversationReferences.From(activity),
            LastActivityAt = DateTimeOffset.UnixEpoch,
            Recent =
            [
                new RecentActivity
                {
                    Id = activity.Id!,
                    Replies = [new OutboxReply { Id = ReplyIds.For(activity.Id!, 0), Reply = new Reply { Text = "hi", Buttons = [new ReplyButton("a", "a")] } }],
                },
            ],
        };
        var bytes = ConversationDocumentJson.Write(document);
        _ = ConversationDocumentJson.Read(bytes);
    }
}
