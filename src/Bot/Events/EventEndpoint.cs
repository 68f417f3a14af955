using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chatbot.Bot.Hosting;
using Chatbot.Bot.Middleware.Failures;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Events;

/// <summary>
/// The HTTP edge of <c>POST /api/events</c>: off without <c>Events:Key</c> (404), the key header (401), the JSON body
/// (415, 413, 400), then the event's turn through the same pipeline as a message (ordering, dedupe, commit, delivery):
/// 202 once the turn has committed and its replies went out; 400/409 with the dialogs' reason when the event is refused.
/// </summary>
internal sealed partial class EventEndpoint(
    ITurnHandler pipeline,
    IOptions<EventOptions> options,
    IOptions<LimitsOptions> limits,
    ILogger<EventEndpoint> logger) : IEventEndpoint
{
    /// <summary>The header that carries the shared key.</summary>
    public const string KeyHeader = "X-Chatbot-Event-Key";

    /// <summary>Who sent an event turn, for telemetry (events carry no channel token).</summary>
    public const string CallerId = "urn:chatbot:events";

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
        if (Parse(body.Span) is not { } botEvent)
        {
            return Rejected("The body is not an event: a JSON object with id, name, channelId, conversation and payload, and no other fields.");
        }

        if (botEvent.Problem() is { } problem)
        {
            return Rejected(problem);
        }

        var result = await pipeline.HandleAsync(ToTurn(botEvent), cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess) return Accepted;
        LogRefused(logger, botEvent.Name!, result.StatusCode, result.Reason);
        return result;
    }

    private TurnResult Rejected(string reason)
    {
        LogRejected(logger, reason);
        return TurnResult.Reject(400, reason);
    }

    private BotEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = _limits.MaxJsonDepth });
            return JsonSerializer.Deserialize(ref reader, BotEventJsonContext.Default.BotEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The event as the turn pipeline's input: an <c>event</c> activity in the addressed conversation under the event's
    /// trigger id (so the dedupe ring recognises a repeat); the state wrapper addresses it from the stored reference.
    /// </summary>
    internal static TurnContext ToTurn(BotEvent botEvent) =>
        new(new Activity
        {
            Type = ActivityTypes.Event,
            Id = botEvent.TriggerId,
            Name = botEvent.Name,
            ChannelId = botEvent.ChannelId,
            Conversation = new ConversationAccount { Id = botEvent.Conversation },
            Value = botEvent.Payload is { ValueKind: JsonValueKind.Object } payload ? payload : null,
            CallerId = CallerId,
        }, new AuthenticationResult(true, CallerId: CallerId))
        { Event = botEvent };

    // Hashing first makes the comparison constant-time whatever the lengths.
    private bool KeyMatches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(presented), _keyHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: missing or wrong key")]
    private static partial void LogUnauthorized(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Name} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, int status, string? reason);
}
