using System.Text;
using System.Text.Json;
using Chatbot.Bot.State;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Builds the turn pipeline (dialogs loaded and validated, understanding composed) and the JSON metadata of a turn's hot
/// path on a background task started with the host, so neither sits in front of Kestrel's listening nor in the first
/// turn (bench/RESULTS.md, issue 19: ~250 ms of YAML and ~100 ms of first-use JSON metadata in a JIT start). A first
/// request that arrives earlier waits for the same singletons. Awaited once every hosted service (the server included)
/// has started, so a dialogs folder with errors still stops the host at start with every error's file:line:col. The one
/// place start-up work is done ahead of the first turn (the store client too, once the server has started).
/// </summary>
internal sealed class PipelineWarmUp(IServiceProvider services) : IHostedLifecycleService
{
    private Task _warmUp = Task.CompletedTask;

    /// <summary>Runs before any hosted service starts, so the work overlaps the server's start.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Two tasks: the JSON metadata needs nothing from the container, so it need not wait behind the YAML.
        _warmUp = Task.WhenAll(Task.Run(BuildPipeline, CancellationToken.None), Task.Run(WarmUpJson, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Rethrows what the warm-up hit (e.g. <c>DialogLoadException</c>), which stops the host; then warms the store in
    /// the background.
    /// </summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await _warmUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        _ = Task.Run(WarmUpStoreAsync, CancellationToken.None);
    }

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

    private void BuildPipeline()
    {
        // The definitions first: their errors are the ones an author must see, before anything the pipeline composes.
        _ = services.GetService<IDialogDefinitionsProvider>();
        _ = services.GetService<IActivityEndpoint>();
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
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument);
        _ = JsonSerializer.Deserialize(bytes, BotStateJsonContext.Default.ConversationDocument);
    }
}
