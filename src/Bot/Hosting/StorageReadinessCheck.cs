using Chatbot.Storage;
using Chatbot.Storage.Resilience;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Ready unless the store's circuit breaker has opened: answers from what turns already found out, never waits on the
/// store. When asked and the store has not been tried for a while, it starts one read in the background (through the
/// breaker, so a dead store is noticed without traffic, and keep-warm calls still warm the client).
/// </summary>
internal sealed class StorageReadinessCheck(IConversationStore store, IConversationStoreHealth health, TimeProvider timeProvider) : IReadinessCheck
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(10);
    private long _nextProbeTicks;

    public string Name => "storage";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextProbeTicks);
        if (now >= due && Interlocked.CompareExchange(ref _nextProbeTicks, now + ProbeInterval.Ticks, due) == due)
        {
            _ = Task.Run(ProbeAsync);
        }

        return Task.FromResult(health.IsAvailable);
    }

    private async Task ProbeAsync()
    {
        try
        {
            await store.ReadAsync("health~probe", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Counted by the breaker; readiness reads its state.
        }
    }
}
