using System.Security.Cryptography;
using System.Text;
using Chatbot.Bot.Hosting;
using Chatbot.Bot.Middleware.Failures;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Events;

/// <summary>
/// The HTTP edge of <c>POST /api/events</c>: off without <c>Events:Key</c> (404), the key header (401), the JSON body
/// (415, 413), then <see cref="IEventIngress"/>: 202 once the event's turn has committed and its replies went out, or
/// the ingress's refusal (400, 404, 409, 503) with its reason.
/// </summary>
internal sealed partial class EventEndpoint(
    IEventIngress ingress,
    IOptions<EventOptions> options,
    IOptions<LimitsOptions> limits,
    ILogger<EventEndpoint> logger) : IEventEndpoint
{
    /// <summary>The header that carries the shared key.</summary>
    public const string KeyHeader = "X-Chatbot-Event-Key";

    private static readonly TurnResult Accepted = new(202);
    private readonly byte[]? _keyHash = options.Value.Key is { Length: > 0 } key ? Hash(key) : null;
    private readonly LimitsOptions _limits = limits.Value;

    public async Task HandleAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        try
        {
            var result = await RunAsync(httpContext, cancellationToken).ConfigureAwait(false);
            if (result.StatusCode == 401) httpContext.Response.Headers.WWWAuthenticate = KeyHeader;
            await ActivityEndpoint.WriteAsync(httpContext, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            await ActivityEndpoint.WriteAsync(httpContext, FailureTurnHandler.ToResult(ex, logger)).ConfigureAwait(false);
        }
    }

    private async Task<TurnResult> RunAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        if (_keyHash is null)
        {
            // Off unless configured: without a key anyone could make the bot write to its users.
            return TurnResult.Reject(404, "Events are not enabled (set Events:Key).");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            httpContext.Response.Headers.Allow = "POST";
            return TurnResult.Reject(405, "Only POST is allowed here.");
        }

        if (!KeyMatches(request.Headers[KeyHeader].ToString()))
        {
            LogUnauthorized(logger);
            return TurnResult.Reject(401, $"Send the event key in the {KeyHeader} header.");
        }

        var (body, rejection) = await JsonRequestBody.ReadAsync(request, _limits.MaxBodyBytes, "event", cancellationToken).ConfigureAwait(false);
        if (rejection is not null) return rejection;
        var result = await ingress.RunAsync(body, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? Accepted : result;
    }

    // Hashing first makes the comparison constant-time whatever the lengths.
    private bool KeyMatches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(presented), _keyHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: missing or wrong key")]
    private static partial void LogUnauthorized(ILogger logger);

}
