using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace Chatbot.Storage.Resilience;

/// <summary>
/// Wraps a store in a circuit breaker (Polly): once enough operations in the sampling window failed as unavailable
/// (timeouts included), the store is not called for <see cref="StoreCircuitBreakerOptions.BreakDuration"/>: every
/// operation fails at once with <see cref="StoreUnavailableException"/>, and operations already waiting on the store
/// are abandoned, so turns answer 503 in milliseconds instead of each waiting out its timeout. Then single probe
/// operations go through until one succeeds. Conflicts and bad input count as answers, not failures.
/// </summary>
internal sealed partial class CircuitBreakingConversationStore : DelegatingConversationStore, IConversationStoreHealth
{
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeSpan _breakDuration;
    private readonly ILogger _logger;
    private CancellationTokenSource _waiting = new();

    /// <summary>Wraps <paramref name="inner"/>; the options are read once, here.</summary>
    public CircuitBreakingConversationStore(IConversationStore inner, StoreCircuitBreakerOptions options, TimeProvider timeProvider, ILogger<CircuitBreakingConversationStore>? logger = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _breakDuration = options.BreakDuration;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<StoreUnavailableException>(),
                StateProvider = _state,
                OnOpened = _ =>
                {
                    LogOpened(_logger, _breakDuration.TotalSeconds);
                    // Operations started before the circuit opened are waiting on the same unresponsive store.
                    Interlocked.Exchange(ref _waiting, new CancellationTokenSource()).Cancel();
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    LogHalfOpened(_logger);
                    return default;
                },
                OnClosed = _ =>
                {
                    LogClosed(_logger);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The store this one guards (for tests and diagnostics).</summary>
    internal IConversationStore Wrapped => Inner;

    /// <inheritdoc />
    public bool IsAvailable => _state.CircuitState is CircuitState.Closed or CircuitState.HalfOpen;

    public override Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(static (s, token) => s.Inner.ReadAsync(s.id, token), (Inner, id), "read", cancellationToken);

    // A turn's first read (the state handler's) is guarded too: the inherited forward would pass the breaker by, so a
    // store that stopped answering would never open the circuit while turns only failed their first read.
    public override Task<StoredDocument?> ReadLastKnownAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(static (s, token) => s.Inner.ReadLastKnownAsync(s.id, token), (Inner, id), "read", cancellationToken);

    public override Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken) =>
        RunAsync(static (s, token) => s.Inner.WriteAsync(s.id, s.content, s.ifMatch, token), (Inner, id, content, ifMatch), "write", cancellationToken);

    public override Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) =>
        RunAsync(static (s, token) => s.Inner.WriteNoteAsync(s.id, s.note, s.ifMatch, token), (Inner, id, note, ifMatch), "write", cancellationToken);

    public override Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken) =>
        RunAsync(static (s, token) => s.Inner.SetAsideAsync(s.id, s.ifMatch, token), (Inner, id, ifMatch), "write", cancellationToken);

    public override Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(static async (s, token) =>
        {
            await s.Inner.DeleteAsync(s.id, token).ConfigureAwait(false);
            return true;
        }, (Inner, id), "delete", cancellationToken);

    // The operation and its arguments travel as state (static lambdas): no closure, and no async wrapper of our own around
    // the store's task, per operation (three per turn).
    private async Task<T> RunAsync<TState, T>(Func<TState, CancellationToken, Task<T>> operation, TState state, string name, CancellationToken cancellationToken)
    {
        var waiting = Volatile.Read(ref _waiting);
        // A caller's token that can never be cancelled (the delivery record's) adds nothing to the circuit's own: that one
        // alone, without a linked source per operation.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waiting.Token) : null;
        try
        {
            return await _pipeline.ExecuteAsync(
                static (call, token) => new ValueTask<T>(call.operation(call.state, token)), (operation, state), linked?.Token ?? waiting.Token).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new StoreUnavailableException(
                $"State storage {name} not attempted: the store failed repeatedly and is given {_breakDuration.TotalSeconds:0.#} s before it is tried again (Storage:CircuitBreaker).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && waiting.IsCancellationRequested)
        {
            // Like a timeout: a write abandoned here may still be applied by the store later.
            throw new StoreUnavailableException($"State storage {name} abandoned: the store stopped answering (Storage:CircuitBreaker opened).", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "State storage failing: circuit opened, operations fail at once for {Seconds} s, then a probe tries again")]
    private static partial void LogOpened(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "State storage circuit half-open: probing the store")]
    private static partial void LogHalfOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "State storage answered again: circuit closed")]
    private static partial void LogClosed(ILogger logger);
}
