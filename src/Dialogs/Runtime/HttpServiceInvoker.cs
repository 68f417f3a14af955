using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// Calls declared services over HTTP with a per-attempt timeout and bounded retries (by default timeouts, failed
/// connections, 408, 429 and 5xx; a step or service changes that with <c>retry_on</c>). Base URLs and header values
/// marked <c>config:</c> are resolved through <c>setting</c> (the host passes <c>key =&gt; configuration[key]</c>) only
/// here, just before sending; they are never logged and never leave this class.
/// </summary>
public sealed partial class HttpServiceInvoker(HttpClient http, Func<string, string?> setting, TimeProvider? timeProvider = null, ILogger<HttpServiceInvoker>? logger = null) : IServiceInvoker
{
    private const int MaxResponseBytes = 256 * 1024;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public async ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var service = request.Service;
        var baseUrl = service.BaseUrl.IsConfigReference ? setting(service.BaseUrl.ConfigKey!) : service.BaseUrl.Literal;
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl.TrimEnd('/') + "/" + request.Path.TrimStart('/'), UriKind.Absolute, out var uri))
        {
            return ServiceResult.Failed($"base URL of service '{service.Id}' is not configured" + (service.BaseUrl.IsConfigReference ? $" (set {service.BaseUrl.ConfigKey})" : ""));
        }

        ServiceResult last = ServiceResult.Failed("not called");
        for (var attempt = 0; attempt <= request.Retry; attempt++)
        {
            using var timeout = new CancellationTokenSource(request.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                foreach (var header in request.Headers)
                {
                    var headerValue = header.ConfigKey is { } key ? setting(key) : header.Value;
                    if (!string.IsNullOrEmpty(headerValue)) message.Headers.TryAddWithoutValidation(header.Name, headerValue);
                }
                if (request.Body is { } body) message.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var bytes = await ReadLimitedAsync(response.Content, linked.Token);
                    if (bytes is null) return ServiceResult.Failed("response too large", status);
                    try
                    {
                        using var document = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                        return ServiceResult.Ok(document.RootElement.Clone(), status);
                    }
                    catch (JsonException)
                    {
                        return ServiceResult.Failed("response is not JSON", status);
                    }
                }
                // The error body is read too: error_result maps its fields (a message, a code) into slots.
                last = ServiceResult.Failed($"HTTP {status}", status, await ReadJsonOrNullAsync(response.Content, linked.Token));
                if (!request.RetryOn.RetriesStatus(status)) return last;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = ServiceResult.Failed($"timed out after {request.Timeout.TotalMilliseconds:0} ms");
                if (!request.RetryOn.Timeout) return last;
            }
            catch (HttpRequestException ex)
            {
                last = ServiceResult.Failed("connection failed: " + ex.HttpRequestError);
                if (!request.RetryOn.ConnectionFailure) return last;
            }
            LogAttemptFailed(_logger, service.Id, attempt + 1, last.Error);
        }
        return last;
    }

    private static async Task<JsonElement?> ReadJsonOrNullAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await ReadLimitedAsync(content, cancellationToken);
            if (bytes is null || bytes.Length == 0) return null;
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Service {Service} attempt {Attempt} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string service, int attempt, string? error);
}
