using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>Calls the HTTP services that <c>http</c> steps name. Author tests plug in mocks.</summary>
public interface IServiceInvoker
{
    /// <summary>Calls the service. Must not throw for service faults: return a failed <see cref="ServiceResult"/>.</summary>
    ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken);
}

/// <summary>One call of a declared service, as the step built it. Holds no secret: configured header values are resolved by the invoker.</summary>
public sealed class ServiceRequest
{
    public required ServiceDefinition Service { get; init; }
    public required string Method { get; init; }

    /// <summary>Path below the base URL, placeholders already filled and escaped (e.g. <c>/orders/AB12345</c>).</summary>
    public required string Path { get; init; }

    /// <summary>JSON body; null for none.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>Every header to send: the service's, the step's (winning by name) and <c>Idempotency-Key</c>.</summary>
    public IReadOnlyList<ServiceHeader> Headers { get; init; } = [];
    public required TimeSpan Timeout { get; init; }

    /// <summary>Retries after the first attempt, for what <see cref="RetryOn"/> names (0 for a POST or PATCH without idempotency key).</summary>
    public int Retry { get; init; }
    public RetryConditions RetryOn { get; init; } = RetryConditions.Default;

    /// <summary><c>GET orders /orders/AB12345</c>: no body, no header values.</summary>
    public override string ToString() => $"{Method} {Service.Id} {Path}";
}

/// <summary>A header of a <see cref="ServiceRequest"/>: a value built from slots, or the name of a configuration setting (never its value).</summary>
public sealed record ServiceHeader(string Name, string? Value, string? ConfigKey)
{
    /// <summary>The value for traces and test output: configured values show only their setting name.</summary>
    public override string ToString() => ConfigKey is null ? $"{Name}: {Value}" : $"{Name}: (config {ConfigKey})";
}

/// <summary>What a service answered. <see cref="Body"/> is the JSON answer, also for a status that is not 2xx when it sent JSON.</summary>
public sealed record ServiceResult(bool Success, JsonElement? Body, int? StatusCode = null, string? Error = null)
{
    public static ServiceResult Ok(JsonElement body, int status = 200) => new(true, body, status);

    public static ServiceResult Failed(string error, int? status = null, JsonElement? body = null) => new(false, body, status, error);
}
