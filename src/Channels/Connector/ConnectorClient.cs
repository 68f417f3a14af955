using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Connector;

/// <summary>Bot Connector REST (v3) client: routes by serviceUrl, adds the bearer token, retries transient failures.</summary>
/// <remarks>
/// A typed <see cref="HttpClient"/> client (see <see cref="ConnectorServiceCollectionExtensions.AddConnectorClient"/>).
/// Retries 429/412/502/503/504 and connection failures with jittered exponential backoff, waiting what <c>Retry-After</c>
/// asks when the channel says; timeouts and cut-off answers are retried for update/delete but not for a POST, which the
/// channel may already have delivered (a doubled reply is worse than a reported failure). Other failures throw
/// <see cref="ConnectorException"/> at once.
/// </remarks>
internal sealed partial class ConnectorClient : IConnectorClient
{
    private const int MaxReasonLength = 200;
    private const int MaxRememberedServiceUrls = 64;
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly ConnectorClientOptions _options;
    private readonly ServiceUrlPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Accepted serviceUrl -> its path ending in '/', to which each call's v3 route is appended.
    private readonly ConcurrentDictionary<string, string> _accepted = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the client; options are read once here. <paramref name="identity"/> decides local mode (no app id), the
    /// only mode in which loopback service URLs (the Emulator) are called without being listed.
    /// </summary>
    public ConnectorClient(
        HttpClient httpClient,
        IAccessTokenProvider tokenProvider,
        IOptions<ConnectorClientOptions> options,
        IOptions<BotAuthenticationOptions> identity,
        TimeProvider timeProvider,
        ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _http = httpClient;
        _tokens = tokenProvider;
        _options = options.Value;
        _policy = new ServiceUrlPolicy(_options.AllowedServiceUrlHosts, allowLoopback: !AuthenticationEndpoints.From(identity.Value).HasAppId);
        _time = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = RequireConversationId(activity);
        var body = ActivitySerializer.SerializeToUtf8Bytes(activity);
        return await SendWithRetriesAsync(HttpMethod.Post, activity.ServiceUrl, conversationId, activity.ReplyToId, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = RequireConversationId(activity);
        if (string.IsNullOrEmpty(activity.Id))
        {
            throw new ArgumentException("The activity to update needs the id the channel gave it (activity.id).", nameof(activity));
        }

        var body = ActivitySerializer.SerializeToUtf8Bytes(activity);
        return await SendWithRetriesAsync(HttpMethod.Put, activity.ServiceUrl, conversationId, activity.Id, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        await SendWithRetriesAsync(HttpMethod.Delete, serviceUrl, conversationId, activityId, body: null, cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsRetryable(HttpStatusCode? status) => status is
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    // serviceUrl's own path, ending in '/', to which the v3 route is appended: Teams serves from e.g.
    // https://smba.trafficmanager.net/amer/.
    private static string BasePath(Uri serviceUrl)
    {
        var basePath = serviceUrl.GetLeftPart(UriPartial.Path);
        return basePath.EndsWith('/') ? basePath : basePath + "/";
    }

    // v3/conversations/{id}/activities[/{activityId}] under the base path, built as one string from escaped ids.
    private static Uri BuildUri(string basePath, string escapedConversationId, string? escapedActivityId) => new(
        escapedActivityId is null
            ? $"{basePath}v3/conversations/{escapedConversationId}/activities"
            : $"{basePath}v3/conversations/{escapedConversationId}/activities/{escapedActivityId}",
        UriKind.Absolute);

    // "." and ".." stay as they are when escaped, and System.Uri removes them as dot segments (with the segment before,
    // even spelled %2E%2E): a reply to conversation ".." went to {serviceUrl}/v3/activities/{id}. Such an id cannot be
    // addressed, so nothing is sent (the inbound reader already refuses it in an activity from a channel).
    private static string Escape(string value) => IsDotSegment(value)
        ? throw new ArgumentException("A conversation or activity id of '.' or '..' cannot be addressed in a Connector URL.", nameof(value))
        : Uri.EscapeDataString(value);

    /// <summary>Whether an id is a URL dot segment, which no Connector route can carry.</summary>
    internal static bool IsDotSegment(string? id) => id is "." or "..";

    private static string RequireConversationId(Activity activity) =>
        activity.Conversation?.Id is { Length: > 0 } id
            ? id
            : throw new ArgumentException("The activity needs conversation.id to be routed.", nameof(activity));

    private string AcceptServiceUrl(string? serviceUrl)
    {
        // Every reply of a conversation names the same serviceUrl (a bot sees a handful): parsing and checking it again
        // per send was a measurable part of a turn. Only accepted URLs are remembered, and only so many.
        if (serviceUrl is not null && _accepted.TryGetValue(serviceUrl, out var known))
        {
            return known;
        }

        if (string.IsNullOrWhiteSpace(serviceUrl)
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConnectorException(null, "The activity has no valid http(s) serviceUrl.");
        }

        // Checked before anything else happens, the token request included: the token goes only to allowed hosts.
        if (_policy.Check(uri) is { } refused)
        {
            Log.ServiceUrlRefused(_logger, refused);
            throw new ConnectorException(null, refused);
        }

        var basePath = BasePath(uri);
        if (_accepted.Count < MaxRememberedServiceUrls)
        {
            _accepted.TryAdd(serviceUrl, basePath);
        }

        return basePath;
    }

    private async Task<ResourceResponse> SendWithRetriesAsync(
        HttpMethod method, string? serviceUrl, string conversationId, string? activityId, byte[]? body, CancellationToken cancellationToken)
    {
        // The ids first (a dot segment is refused before anything else, as the service URL check is before the token).
        var escapedConversation = Escape(conversationId);
        var escapedActivity = string.IsNullOrEmpty(activityId) ? null : Escape(activityId);
        var uri = BuildUri(AcceptServiceUrl(serviceUrl), escapedConversation, escapedActivity);

        for (var attempt = 0; ; attempt++)
        {
            var outcome = await SendOnceAsync(method, uri, serviceUrl!, body, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is { } success)
            {
                return success;
            }

            var failure = outcome.Failure!;
            if (!outcome.Retryable)
            {
                Log.CallFailed(_logger, method.Method, uri.Host, (int?)failure.StatusCode, attempt + 1);
                throw failure;
            }

            if (attempt >= _options.MaxRetries)
            {
                Log.CallFailed(_logger, method.Method, uri.Host, (int?)failure.StatusCode, attempt + 1);
                throw new ConnectorException(
                    failure.StatusCode, $"{failure.Reason} (gave up after {attempt + 1} attempt{(attempt == 0 ? string.Empty : "s")})", failure.InnerException)
                { RetryAfter = outcome.RetryAfter };
            }

            var delay = outcome.RetryAfter ?? Backoff(attempt);
            if (delay > _options.MaxDelay)
            {
                // Retrying earlier than asked only earns another 429; waiting longer would stall the turn.
                Log.CallFailed(_logger, method.Method, uri.Host, (int?)failure.StatusCode, attempt + 1);
                throw new ConnectorException(
                    failure.StatusCode,
                    $"{failure.Reason} (asked to retry after {delay.TotalSeconds:0.#} s, more than Connector:MaxDelay)",
                    failure.InnerException)
                { RetryAfter = outcome.RetryAfter };
            }

            Log.Retrying(_logger, method.Method, uri.Host, (int?)failure.StatusCode, attempt + 1, delay.TotalMilliseconds);
            // Telemetry wrappers (Bot/Telemetry) count these events on the send span; nothing records them when no one listens.
            System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("retry"));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Outcome> SendOnceAsync(
        HttpMethod method, Uri uri, string serviceUrl, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            // The constant as sent, not a parsed header object per request (header objects are mutable, so one could not
            // be shared; parsing and validating a new one was a visible part of the send).
            request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        }

        // Asked per attempt: the provider caches, and a retry after a long wait may need a fresh token.
        var token = await _tokens.GetTokenAsync(serviceUrl, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // One token source per attempt, not two: the attempt's timeout, which the caller's cancellation also cancels (a
        // registration instead of a linked source). Which of the two fired is told apart below as before.
        using var timeout = _options.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_options.Timeout, _time);
        using var link = timeout is not null && cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout)
            : default;
        var attemptToken = timeout?.Token ?? cancellationToken;
        try
        {
            // The answer's body is read into a pooled buffer and parsed from there, not buffered by HttpClient and then
            // copied into a new array per send (the reply sender never looks at the id).
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
            var (buffer, length) = await ReadBodyAsync(response.Content, attemptToken).ConfigureAwait(false);
            try
            {
                if (response.IsSuccessStatusCode)
                {
                    return Outcome.Success(ParseResourceResponse(buffer.AsSpan(0, length)));
                }

                var failure = new ConnectorException(response.StatusCode, DescribeFailure(response, buffer.AsSpan(0, length)));
                return IsRetryable(response.StatusCode)
                    ? Outcome.Retry(failure, GetRetryAfter(response))
                    : Outcome.Fail(failure);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout is { IsCancellationRequested: true })
        {
            return Ambiguous(method, new ConnectorException(null, $"No answer within {_options.Timeout.TotalSeconds:0.#} s.", ex));
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return NetworkFailure(method, ex.HttpRequestError, ex);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The body cut off or the connection broken while it was read (HttpIOException: the same kinds as above).
            return NetworkFailure(method, (ex as HttpIOException)?.HttpRequestError ?? HttpRequestError.Unknown, ex);
        }
    }

    // The error kind only (no URL, no headers): refused, reset, DNS or TLS failure, cut-off response.
    private static Outcome NetworkFailure(HttpMethod method, HttpRequestError error, Exception ex)
    {
        var failure = new ConnectorException(null, $"Network error: {error}.", ex);
        return error is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
            ? Outcome.Retry(failure, null)
            : Ambiguous(method, failure);
    }

    // The whole body into a buffer from the pool (the caller returns it); an answer is a few dozen bytes.
    private static async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(512);
        var length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    // The request may have reached the channel (it timed out or the answer was cut off). Sending a POST again could
    // show the user the same reply twice, so only PUT and DELETE, which are idempotent, are retried.
    private static Outcome Ambiguous(HttpMethod method, ConnectorException failure) =>
        method == HttpMethod.Post
            ? Outcome.Fail(new ConnectorException(null, $"{failure.Reason} Not retried: the channel may already have delivered it.", failure.InnerException))
            : Outcome.Retry(failure, null);

    private TimeSpan Backoff(int attempt)
    {
        // Exponential with "equal jitter": half fixed, half random, so concurrent turns spread out.
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static ResourceResponse ParseResourceResponse(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            return new ResourceResponse();
        }

        try
        {
            return JsonSerializer.Deserialize(content, ActivityJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            // The channel accepted the activity; an unreadable id must not turn a delivered reply into a failure.
            return new ResourceResponse();
        }
    }

    private static string DescribeFailure(HttpResponseMessage response, ReadOnlySpan<byte> content)
    {
        string? detail = null;
        if (content.Length > 0)
        {
            try
            {
                var error = JsonSerializer.Deserialize(content, ActivityJsonContext.Default.ConnectorError)?.Error;
                detail = (error?.Code, error?.Message) switch
                {
                    ({ } code, { } message) => $"{code}: {message}",
                    ({ } code, null) => code,
                    (null, { } message) => message,
                    _ => null,
                };
            }
            catch (JsonException)
            {
                // Not the Connector's error shape (a proxy's HTML page, say): fall back to the status text.
            }
        }

        detail ??= string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        return detail.Length <= MaxReasonLength ? detail : string.Concat(detail.AsSpan(0, MaxReasonLength), "…");
    }

    private sealed record Outcome(ResourceResponse? Response, ConnectorException? Failure, bool Retryable, TimeSpan? RetryAfter)
    {
        public static Outcome Success(ResourceResponse response) => new(response, null, false, null);
        public static Outcome Fail(ConnectorException failure) => new(null, failure, false, null);
        public static Outcome Retry(ConnectorException failure, TimeSpan? retryAfter) => new(null, failure, true, retryAfter);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Connector {Method} to {Host} failed (status {Status}, attempt {Attempt}); retrying in {DelayMs} ms.")]
        public static partial void Retrying(ILogger logger, string method, string host, int? status, int attempt, double delayMs);

        [LoggerMessage(2, LogLevel.Error, "Connector {Method} to {Host} failed (status {Status}) after {Attempts} attempt(s).")]
        public static partial void CallFailed(ILogger logger, string method, string host, int? status, int attempts);

        [LoggerMessage(3, LogLevel.Warning, "Refused to call the activity's serviceUrl: {Reason}")]
        public static partial void ServiceUrlRefused(ILogger logger, string reason);
    }
}
