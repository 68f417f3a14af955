using Chatbot.Bot.Hosting;
using Chatbot.Storage;
using Chatbot.Storage.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Hosting;

/// <summary>Readiness answers from the store's circuit breaker at once, whatever the store does.</summary>
public sealed class StorageReadinessCheckTests
{
    [Fact]
    public async Task A_hanging_store_does_not_hold_the_answer_and_an_open_circuit_is_not_ready()
    {
        var store = new HangingStore();
        var health = new Health { IsAvailable = true };
        var check = new StorageReadinessCheck(store, health, new FakeTimeProvider());

        var ready = check.IsReadyAsync(CancellationToken.None);
        Assert.True(ready.IsCompleted);
        Assert.True(await ready);

        health.IsAvailable = false;
        var notReady = check.IsReadyAsync(CancellationToken.None);
        Assert.True(notReady.IsCompleted);
        Assert.False(await notReady);
    }

    [Fact]
    public async Task Asking_starts_at_most_one_background_probe_per_interval_so_a_quiet_instance_still_notices_a_dead_store()
    {
        var store = new HangingStore();
        var time = new FakeTimeProvider();
        var check = new StorageReadinessCheck(store, new Health { IsAvailable = true }, time);

        await check.IsReadyAsync(CancellationToken.None);
        await store.Probed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await check.IsReadyAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await check.IsReadyAsync(CancellationToken.None);
        await store.SecondProbe.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, store.Reads);
    }

    private sealed class Health : IConversationStoreHealth
    {
        public bool IsAvailable { get; set; }
    }

    private sealed class HangingStore : IConversationStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);
        public TaskCompletionSource Probed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource SecondProbe { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
        {
            var read = Interlocked.Increment(ref _reads);
            (read == 1 ? Probed : SecondProbe).TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool KeepsNotes => false;

        public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
