namespace Chatbot.Storage.Resilience;

/// <summary>
/// The circuit breaker around the conversation store (configuration section <c>Storage:CircuitBreaker</c>): after
/// repeated failures the store is not called for a while, so turns fail at once (503, the channel retries) instead of
/// each waiting out a timeout, and single probes find out when it is back.
/// </summary>
internal sealed class StoreCircuitBreakerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage:CircuitBreaker";

    /// <summary>False = every operation goes to the store, however often it failed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed operations (unavailable, timed out) in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Operations the window must hold before the ratio counts (fewer never open it).</summary>
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>
    /// The rolling window outcomes are counted in (when an operation ends). Short on purpose: operations that hang end
    /// together, one store timeout after the store stopped answering, while the successes before it have already left
    /// the window, so the circuit opens right after the first timeouts instead of once failures outnumber a long
    /// window's worth of earlier successes.
    /// </summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the circuit stays open before one probe operation may try the store again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
