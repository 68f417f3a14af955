namespace Chatbot.Storage.Resilience;

/// <summary>
/// The circuit breaker around the conversation store (configuration section <c>Storage:CircuitBreaker</c>): after
/// repeated failures the store is not called for a while, so turns fail at once (503, the channel retries) instead of
/// each waiting out a timeout, and single probes find out when it is back.
/// </summary>
public sealed class StoreCircuitBreakerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage:CircuitBreaker";

    /// <summary>False = every operation goes to the store, however often it failed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed operations (unavailable, timed out) in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Operations the window must hold before the ratio counts (fewer never open it).</summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>The window failures are counted in; longer than the store's own operation timeout, so timeouts add up.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one probe operation may try the store again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
