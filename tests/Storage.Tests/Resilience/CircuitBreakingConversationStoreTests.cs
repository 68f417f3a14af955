using Chatbot.Storage.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Resilience;

/// <summary>The store's circuit breaker: an unresponsive store costs the first timeouts, not every turn's.</summary>
public sealed class CircuitBreakingConversationStoreTests
{
    private static readonly StoreCircuitBreakerOptions Options = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(5),
    };

    private static readonly byte[] State = "{}"u8.ToArray();

    [Fact]
    public async Task After_the_first_timeouts_an_unresponsive_store_fails_operations_at_once_without_calling_it()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var inner = new FakeStore();
        var timeouts = new TaskCompletionSource();
        inner.OnCall = async (call, token) =>
        {
            if (call <= 4)
            {
                // The first four come back as the store's own timeout...
                await timeouts.Task;
                throw new StoreUnavailableException("Cosmos DB read did not finish within 10 s (CosmosDb:OperationTimeout).");
            }

            await Task.Delay(Timeout.Infinite, token); // ...the fifth would wait just as long.
        };
        var store = new CircuitBreakingConversationStore(inner, Options, time);

        var first = Enumerable.Range(0, 4).Select(i => store.ReadAsync($"c{i}", CancellationToken.None)).ToList();
        var stillWaiting = store.ReadAsync("c-late", CancellationToken.None);
        await inner.WaitForCallsAsync(5);
        inner.OnCall = (_, _) => throw new InvalidOperationException("the store must not be called while the circuit is open");
        timeouts.SetResult();

        foreach (var timedOut in first) await Assert.ThrowsAsync<StoreUnavailableException>(() => timedOut);
        var abandoned = await Assert.ThrowsAsync<StoreUnavailableException>(() => stillWaiting.WaitAsync(TimeSpan.FromSeconds(30)));
        var rejected = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("c9", State, null, CancellationToken.None));

        Assert.Contains("abandoned", abandoned.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:CircuitBreaker", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(5, inner.Calls);
        Assert.False(store.IsAvailable);
        Assert.Equal(start, time.GetUtcNow()); // failing fast took no waiting at all
    }

    [Fact]
    public async Task With_the_default_settings_a_busy_store_that_stops_answering_opens_the_circuit_at_its_first_timeouts()
    {
        var time = new FakeTimeProvider();
        var inner = new FakeStore();
        var store = new CircuitBreakingConversationStore(inner, new StoreCircuitBreakerOptions(), time);
        for (var i = 0; i < 200; i++)
        {
            await store.ReadAsync($"c{i}", CancellationToken.None); // a busy, healthy store
        }

        // It stops answering: the operations started since end together when their own timeout (10 s) has passed.
        time.Advance(TimeSpan.FromSeconds(10));
        inner.OnCall = (_, _) => throw new StoreUnavailableException("Cosmos DB read did not finish within 10 s (CosmosDb:OperationTimeout).");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync($"t{i}", CancellationToken.None));
        }

        Assert.False(store.IsAvailable);
        var calls = inner.Calls;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("next", CancellationToken.None));
        Assert.Equal(calls, inner.Calls);
    }

    [Fact]
    public async Task A_turns_first_read_counts_for_the_circuit_and_is_refused_while_it_is_open()
    {
        // The state handler reads a turn's state with ReadLastKnownAsync; it passed the breaker by, so a store that stopped
        // answering never opened the circuit (readiness stayed 200 through the chaos test's frozen store).
        var inner = new FakeStore { OnCall = (_, _) => throw new StoreUnavailableException("down") };
        var store = new CircuitBreakingConversationStore(inner, Options, new FakeTimeProvider());

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadLastKnownAsync($"t{i}", CancellationToken.None));
        }

        Assert.False(store.IsAvailable);
        var rejected = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadLastKnownAsync("next", CancellationToken.None));
        Assert.Contains("Storage:CircuitBreaker", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task After_the_break_one_probe_finds_the_store_back_and_closes_the_circuit()
    {
        var time = new FakeTimeProvider();
        var inner = new FakeStore { OnCall = (_, _) => throw new StoreUnavailableException("down") };
        var store = new CircuitBreakingConversationStore(inner, Options, time);
        await OpenAsync(store);

        inner.OnCall = (_, _) => Task.CompletedTask;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("c1", CancellationToken.None)); // still open
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(await store.ReadAsync("probe", CancellationToken.None));
        Assert.True(store.IsAvailable);
        Assert.Null(await store.ReadAsync("c1", CancellationToken.None));
        Assert.Equal(6, inner.Calls); // 4 failures, the probe, one more; nothing while open
    }

    [Fact]
    public async Task A_probe_that_fails_keeps_the_circuit_open()
    {
        var time = new FakeTimeProvider();
        var inner = new FakeStore { OnCall = (_, _) => throw new StoreUnavailableException("down") };
        var store = new CircuitBreakingConversationStore(inner, Options, time);
        await OpenAsync(store);
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("probe", CancellationToken.None));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("c1", CancellationToken.None));

        Assert.False(store.IsAvailable);
        Assert.Equal(5, inner.Calls);
    }

    [Fact]
    public async Task Lost_write_races_and_the_callers_cancellation_are_answers_not_store_failures()
    {
        var time = new FakeTimeProvider();
        var inner = new FakeStore { OnCall = (_, _) => throw new ConcurrencyConflictException("c1") };
        var store = new CircuitBreakingConversationStore(inner, Options, time);

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("c1", State, "\"e\"", CancellationToken.None));
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        inner.OnCall = (_, token) => Task.FromCanceled(token);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync("c1", cancelled.Token));
        }

        Assert.True(store.IsAvailable);
    }

    private static async Task OpenAsync(CircuitBreakingConversationStore store)
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync($"c{i}", CancellationToken.None));
        }

        Assert.False(store.IsAvailable);
    }

    private sealed class FakeStore : IConversationStore
    {
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
        private int _calls;

        public Func<int, CancellationToken, Task> OnCall { get; set; } = (_, _) => Task.CompletedTask;

        public int Calls => Volatile.Read(ref _calls);

        public Task WaitForCallsAsync(int count)
        {
            lock (_waiters)
            {
                if (_calls >= count) return Task.CompletedTask;
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, signal));
                return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public async Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
        {
            await Call(cancellationToken);
            return null;
        }

        public async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
        {
            await Call(cancellationToken);
            return "\"etag\"";
        }

        public Task DeleteAsync(string id, CancellationToken cancellationToken) => Call(cancellationToken);

        public async Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken)
        {
            await Call(cancellationToken);
            return "aside";
        }

        public bool KeepsNotes => true;

        public async Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
        {
            await Call(cancellationToken);
            return "\"etag+note\"";
        }

        private Task Call(CancellationToken cancellationToken)
        {
            int call;
            lock (_waiters)
            {
                call = ++_calls;
                foreach (var waiter in _waiters.Where(w => _calls >= w.Count).ToList())
                {
                    waiter.Signal.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            return OnCall(call, cancellationToken);
        }
    }
}
