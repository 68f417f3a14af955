namespace Chatbot.Bot.Middleware.Ordering;

/// <summary>
/// One gate per conversation with a turn in this process: turns of a conversation pass one at a time, in arrival
/// order. A gate exists only while a turn holds or waits for it; waiters per gate and gates in all are bounded.
/// </summary>
internal sealed class ConversationGate(int maxWaiting, int maxGates, TimeProvider timeProvider)
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Gates in use now (held or waited for).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Turns of the conversation waiting behind the one that runs (for tests and diagnostics).</summary>
    public int Waiting(string key)
    {
        lock (_lock)
        {
            return _gates.TryGetValue(key, out var gate) ? Math.Max(0, gate.Users - 1) : 0;
        }
    }

    /// <summary>
    /// Waits until the conversation's earlier turns in this process are done, at most <paramref name="maxWait"/>.
    /// Dispose the returned pass to let the next turn in. The caller's cancellation propagates.
    /// </summary>
    public async Task<GatePass> EnterAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                if (_gates.Count >= maxGates)
                {
                    return new GatePass(this, key, null, GateOutcome.Ungated);
                }

                gate = new Gate();
                _gates.Add(key, gate);
            }
            else if (gate.Users > maxWaiting)
            {
                return new GatePass(this, key, null, GateOutcome.QueueFull);
            }

            gate.Users++;
        }

        // The usual case, nobody ahead: no timer, no linked token.
        if (gate.Turn.Wait(0))
        {
            return new GatePass(this, key, gate, GateOutcome.Entered);
        }

        using var timeout = new CancellationTokenSource(maxWait, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await gate.Turn.WaitAsync(linked.Token).ConfigureAwait(false);
            return new GatePass(this, key, gate, GateOutcome.Entered);
        }
        catch (OperationCanceledException)
        {
            Leave(key, gate, entered: false);
            if (cancellationToken.IsCancellationRequested) throw;
            return new GatePass(this, key, null, GateOutcome.TimedOut);
        }
    }

    private void Leave(string key, Gate gate, bool entered)
    {
        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }

        if (entered)
        {
            gate.Turn.Release();
        }
    }

    private sealed class Gate
    {
        // Async waiters of a SemaphoreSlim are released first come, first served: turns keep their arrival order.
        public SemaphoreSlim Turn { get; } = new(1, 1);

        // The turn inside plus those waiting; guarded by the gate table's lock.
        public int Users { get; set; }
    }

    /// <summary>The right to run one turn of a conversation (or why there is none); disposing it lets the next one in.</summary>
    internal readonly struct GatePass(ConversationGate owner, string key, object? gate, GateOutcome outcome) : IDisposable
    {
        public GateOutcome Outcome => outcome;

        public void Dispose()
        {
            if (gate is Gate entered)
            {
                owner.Leave(key, entered, entered: true);
            }
        }
    }
}

/// <summary>How entering a conversation's gate ended.</summary>
internal enum GateOutcome
{
    /// <summary>The turn may run; the conversation's earlier turns in this process are done.</summary>
    Entered,

    /// <summary>Too many conversations are in flight: the turn runs without the gate (the store still orders it).</summary>
    Ungated,

    /// <summary>Too many turns of this conversation are already waiting.</summary>
    QueueFull,

    /// <summary>The earlier turns did not finish within the allowed wait.</summary>
    TimedOut,
}
