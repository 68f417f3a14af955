using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Middleware.Failures;

/// <summary>
/// Opens the turn's logging scope and turns every failure below it into the answer the channel gets: 503 with
/// <c>Retry-After</c> when storage is unavailable (the channel retries), a neutral 500 for anything else. The details
/// go to the log only, once; the user and the caller never see a stack trace. A welcome that failed is the exception:
/// the user is told instead (the <c>welcome_failed</c> notice) and the channel gets 200.
/// </summary>
internal sealed partial class FailureTurnHandler(ITurnHandler inner, ReplySender sender, HostNoticeTexts notices, ILogger<FailureTurnHandler> logger)
    : DelegatingTurnHandler(inner)
{
    public override async Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        using var scope = logger.BeginScope(new TurnLogScope(activity.ChannelId, activity.Conversation?.Id, activity.Id, activity.Type));
        try
        {
            return await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            turn.Failure = ex;
            if (turn.Route == ActivityRoute.ConversationStart && activity.IsType(ActivityTypes.ConversationUpdate))
            {
                return await WelcomeFailedAsync(turn, ex, cancellationToken).ConfigureAwait(false);
            }

            return ToResult(ex, logger);
        }
    }

    /// <summary>
    /// Channels do not all post a conversationUpdate again (the Emulator and the built-in Web Chat never do), so a 503
    /// left the user before an empty chat. Nothing of the turn was kept (the welcome commits whole or not at all), so
    /// the user's first message is answered as usual once the bot is back; a redelivery would only greet a user who
    /// has read the notice already. A failure to deliver the welcome is no exception here: that turn is committed and
    /// answered 503, and the channel's redelivery sends the welcome it owes.
    /// </summary>
    private async Task<TurnResult> WelcomeFailedAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        LogWelcomeFailed(logger, exception);
        await sender.SendNoticeAsync(turn.Activity, notices.For(HostNotice.WelcomeFailed, turn.Activity.Locale), cancellationToken).ConfigureAwait(false);
        return TurnResult.Ok with { Reason = "welcome failed; the user was told" };
    }

    /// <summary>The one mapping from a failure to what the caller is answered; logs the failure.</summary>
    internal static TurnResult ToResult(Exception exception, ILogger logger)
    {
        if (exception is StoreUnavailableException)
        {
            LogStoreUnavailable(logger, exception);
            return TurnResult.Unavailable("State storage is unavailable; retry.", TimeSpan.FromSeconds(5));
        }

        LogUnhandled(logger, exception);
        return new TurnResult(500, "The bot could not process this activity.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "State storage unavailable; answered 503 so the channel retries")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The welcome could not run; the user was sent the welcome_failed notice and the channel answered 200 (a conversationUpdate is not always posted again)")]
    private static partial void LogWelcomeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure while processing an activity")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

/// <summary>The per-turn logging scope: where the turn belongs, never what the user said.</summary>
internal sealed class TurnLogScope(string? channelId, string? conversationId, string? activityId, string? activityType)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items =
    [
        new("ChannelId", channelId),
        new("ConversationId", conversationId),
        new("ActivityId", activityId),
        new("ActivityType", activityType),
    ];

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"{_items[3].Value} {_items[2].Value} in {_items[1].Value}";
}
