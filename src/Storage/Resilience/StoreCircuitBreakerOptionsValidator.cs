using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Resilience;

/// <summary>Checks the <c>Storage:CircuitBreaker</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class StoreCircuitBreakerOptionsValidator : IValidateOptions<StoreCircuitBreakerOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreCircuitBreakerOptions options)
    {
        var failures = new List<string>();
        if (options.FailureRatio is <= 0 or > 1 || double.IsNaN(options.FailureRatio))
        {
            failures.Add($"Storage:CircuitBreaker:FailureRatio must be more than 0 and at most 1 (e.g. 0.5); found {options.FailureRatio}.");
        }

        if (options.MinimumThroughput < 2)
        {
            failures.Add($"Storage:CircuitBreaker:MinimumThroughput must be at least 2; found {options.MinimumThroughput}.");
        }

        if (options.SamplingDuration < TimeSpan.FromMilliseconds(500) || options.SamplingDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Storage:CircuitBreaker:SamplingDuration must be between 00:00:00.500 and 01:00:00; found {options.SamplingDuration}.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Storage:CircuitBreaker:BreakDuration must be between 00:00:00.500 and 01:00:00; found {options.BreakDuration}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
