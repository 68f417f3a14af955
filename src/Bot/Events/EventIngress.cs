using System.Text.Json;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Events;

/// <summary>
/// Turns an event's JSON into a turn: the event becomes an <c>event</c> activity in the addressed conversation,
/// recognised by the trigger id <c>event:&lt;id&gt;</c>, and runs through the same pipeline as a message (ordering, dedupe, commit, delivery).
/// </summary>
internal sealed partial class EventIngress(ITurnHandler pipeline, ConversationIndex index, IOptions<LimitsOptions> limits, ILogger<EventIngress> logger) : IEventIngress
{
    /// <summary>Who sent an event turn, for telemetry (events carry no channel token).</summary>
    public const string CallerId = "urn:chatbot:events";

    private readonly int _maxDepth = limits.Value.MaxJsonDepth;

    public async Task<TurnResult> RunAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        // Before parsing: the payload is read only deep in the turn, where bad text would fail it with a 500.
        if (JsonRequestBody.TextProblem(json.Span) is { } textProblem)
        {
            return Rejected(textProblem);
        }

        if (Parse(json.Span) is not { } botEvent)
        {
            return Rejected("The body is not an event: a JSON object with id, name, channelId and conversation (or key), payload, and no other fields.");
        }

        if (botEvent.Problem() is { } problem)
        {
            return Rejected(problem);
        }

        if (botEvent.Key is { } key)
        {
            // The index names the conversation that registered the key; the event then runs exactly as if it had named it.
            if (await index.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                LogUnknownKey(logger, botEvent.Name!);
                return TurnResult.Reject(404, "No conversation has registered this key (or its entry has expired).");
            }

            (botEvent.ChannelId, botEvent.Conversation) = (found.ChannelId, found.ConversationId);
        }

        var result = await pipeline.HandleAsync(ToTurn(botEvent), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess) LogRefused(logger, botEvent.Name!, result.StatusCode, result.Reason);
        return result;
    }

    private TurnResult Rejected(string reason)
    {
        LogRejected(logger, reason);
        return TurnResult.Reject(400, reason);
    }

    private BotEvent? Parse(ReadOnlySpan<byte> body) => Parse(body, _maxDepth);

    /// <summary>The event in a body, or null when the body is not one (no more than <paramref name="maxDepth"/> levels deep).</summary>
    internal static BotEvent? Parse(ReadOnlySpan<byte> body, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
            var parsed = JsonSerializer.Deserialize(ref reader, BotEventJsonContext.Default.BotEvent);
            // As for activities: one document, nothing but whitespace after it.
            reader.Read();
            return parsed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The event as the turn pipeline's input: an <c>event</c> activity without an id in the addressed conversation (the
    /// turn is recognised by <see cref="TurnContext.TriggerId"/>); the state wrapper addresses it from the stored reference.
    /// </summary>
    private static TurnContext ToTurn(BotEvent botEvent) =>
        new(new Activity
        {
            Type = ActivityTypes.Event,
            Name = botEvent.Name,
            ChannelId = botEvent.ChannelId,
            Conversation = new ConversationAccount { Id = botEvent.Conversation },
            Value = botEvent.Payload is { ValueKind: JsonValueKind.Object } payload ? payload : null,
            CallerId = CallerId,
        }, new AuthenticationResult(true, CallerId: CallerId))
        { Event = botEvent };

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Name} answered 404: no conversation holds its key")]
    private static partial void LogUnknownKey(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Name} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, int status, string? reason);
}
