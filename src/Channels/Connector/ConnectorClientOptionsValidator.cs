using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Connector;

// Checked when the host starts (ValidateOnStart), so a bad setting stops startup instead of the first reply.
internal sealed class ConnectorClientOptionsValidator : IValidateOptions<ConnectorClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorClientOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"Connector:MaxRetries must be between 0 and 10 (was {options.MaxRetries}).");
        }

        if (options.BaseDelay < TimeSpan.Zero)
        {
            failures.Add("Connector:BaseDelay must not be negative.");
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add("Connector:MaxDelay must be at least Connector:BaseDelay.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("Connector:Timeout must be positive (or infinite).");
        }

        foreach (var pattern in options.AllowedServiceUrlHosts ?? [])
        {
            if (!ServiceUrlPolicy.IsValidPattern(pattern))
            {
                failures.Add($"Connector:AllowedServiceUrlHosts has '{pattern}', which is not a host name or '*.suffix' pattern.");
            }
            else if (ServiceUrlPolicy.Unreachable(pattern) is { } why)
            {
                failures.Add($"Connector:AllowedServiceUrlHosts has '{pattern}', which {why} and is never called.");
            }
            else if (ServiceUrlPolicy.TooBroad(pattern) is { } broad)
            {
                failures.Add($"Connector:AllowedServiceUrlHosts has '{pattern}', which {broad}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
