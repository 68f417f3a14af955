using System.Net;

namespace Chatbot.Channels.Connector;

/// <summary>A Connector call that did not succeed: the channel's status (if it answered) and a short, token-free reason.</summary>
public sealed class ConnectorException : Exception
{
    /// <summary>Creates the exception; <paramref name="reason"/> must not contain secrets.</summary>
    public ConnectorException(HttpStatusCode? statusCode, string reason, Exception? innerException = null)
        : base(FormatMessage(statusCode, reason), innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status the channel answered with; null when it never answered (network error, timeout, refused URL).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Short description of what went wrong, safe to log.</summary>
    public string Reason { get; }

    /// <summary>How long the channel asked to wait before the next attempt (its <c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when trying the same call later may succeed (throttled, unavailable, timed out, network).</summary>
    public bool IsTransient => (StatusCode is null && InnerException is not null) || ConnectorClient.IsRetryable(StatusCode);

    private static string FormatMessage(HttpStatusCode? statusCode, string reason) => statusCode is { } status
        ? $"The channel answered {(int)status} ({status}): {reason}"
        : $"The channel could not be reached: {reason}";
}
