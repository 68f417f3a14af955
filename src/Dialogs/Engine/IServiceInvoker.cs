using System.Text.Json;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>Calls the HTTP services that <c>http</c> steps name. Author tests plug in mocks.</summary>
public interface IServiceInvoker
{
    /// <summary>Calls the service. Must not throw for service faults: return a failed <see cref="ServiceResult"/>.</summary>
    ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken);
}

/// <summary>One call of a declared service.</summary>
public sealed class ServiceRequest
{
    public required ServiceDefinition Service { get; init; }
    public required string Method { get; init; }

    /// <summary>Path below the base URL, placeholders already filled and escaped (e.g. <c>/orders/AB12345</c>).</summary>
    public required string Path { get; init; }

    /// <summary>JSON body for POST/PUT/PATCH; null for none.</summary>
    public JsonElement? Body { get; init; }
    public required TimeSpan Timeout { get; init; }

    /// <summary>Retries after the first attempt on timeouts, 408, 429 and 5xx.</summary>
    public int Retry { get; init; }
}

/// <summary>What a service answered.</summary>
public sealed record ServiceResult(bool Success, JsonElement? Body, int? StatusCode = null, string? Error = null)
{
    public static ServiceResult Ok(JsonElement body, int status = 200) => new(true, body, status);

    public static ServiceResult Failed(string error, int? status = null) => new(false, null, status, error);
}
