using Chatbot.Bot.Configuration;
using Chatbot.Bot.State;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.Teams;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Sending;

/// <summary>
/// The only code that posts the bot's activities to the channel: a turn's outbox in order (marking each reply the
/// channel acknowledged), a one-off notice, and the typing indicator (fire-and-forget with its own timeout).
/// </summary>
internal sealed partial class ReplySender(
    IConnectorClient connector,
    IOptions<TurnOptions> options,
    IOptions<TeamsOptions> teams,
    TimeProvider timeProvider,
    ILogger<ReplySender> logger)
{
    private readonly TimeSpan _typingTimeout = options.Value.TypingTimeout;
    private readonly bool _mentionInGroups = teams.Value.MentionUser;

    /// <summary>
    /// Sends the outbox replies not yet marked sent, in order, each under its stable id, and marks each one the channel
    /// acknowledged. Stops at the first failure (or when <paramref name="cancellationToken"/> ends the delivery) and says
    /// what stopped it; never throws.
    /// </summary>
    public async Task<SendOutcome> DeliverAsync(Activity incoming, IReadOnlyList<OutboxReply> outbox, CancellationToken cancellationToken)
    {
        var sent = 0;
        var mention = _mentionInGroups && incoming.InTeamsGroup(); // several people read along: a reply may name whom it answers
        foreach (var item in outbox)
        {
            if (item.Sent)
            {
                sent++;
                continue;
            }

            try
            {
                // Only the turn's first reply mentions the user, also when a redelivery sends the rest later.
                var message = ReplyActivities.ToMessage(incoming, item.Reply, mentionUser: mention && ReferenceEquals(item, outbox[0]));
                message.Id = item.Id;
                await connector.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogSendFailed(logger, ex, sent, outbox.Count, incoming.ChannelId);
                return new SendOutcome(sent, ex);
            }

            item.Sent = true;
            sent++;
            // After the handoff message, the signal an agent hub takes the conversation over by: one attempt, a failure
            // only logged (a channel without a hub may refuse it; the user has the message either way).
            if (ReplyActivities.ToHandoffEvent(incoming, item.Reply) is { } handoff)
            {
                handoff.Id = item.Id is { } id ? id + ":handoff" : null;
                await SendOnceAsync(handoff, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SendOutcome(sent, null);
    }

    /// <summary>Sends one message that belongs to no committed turn (e.g. the rate limiter's notice): one attempt, failures logged.</summary>
    public Task SendNoticeAsync(Activity incoming, Reply reply, CancellationToken cancellationToken) =>
        SendOnceAsync(ReplyActivities.ToMessage(incoming, reply), cancellationToken);

    /// <summary>Sends one activity outside any turn's outbox (a notice, an Emulator trace): one attempt, failures logged.</summary>
    public async Task SendOnceAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, ex, 0, 1, activity.ChannelId);
        }
    }

    /// <summary>
    /// Starts sending a typing indicator and returns at once: the turn never waits for it, and it gives up after
    /// <c>Turn:TypingTimeout</c>. Failures are logged and otherwise ignored (it is only a courtesy). The returned task
    /// completes when the attempt is over and never faults.
    /// </summary>
    public Task StartTyping(Activity incoming) => SendTypingAsync(incoming.CreateTyping(), incoming.ChannelId);

    private async Task SendTypingAsync(Activity typing, string? channelId)
    {
        // Off the caller's path: the first await below returns control to the turn.
        await Task.Yield();
        using var timeout = new CancellationTokenSource(_typingTimeout, timeProvider);
        try
        {
            await connector.SendAsync(typing, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogTypingFailed(logger, ex is OperationCanceledException ? "timed out" : ex.GetType().Name, channelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending reply {Index} of {Count} to channel {ChannelId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int index, int count, string? channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Typing indicator to channel {ChannelId} failed: {Error}")]
    private static partial void LogTypingFailed(ILogger logger, string error, string? channelId);
}

/// <summary>How many of the outbox replies have reached the channel, and the failure that stopped the rest.</summary>
internal sealed record SendOutcome(int Sent, Exception? Failure)
{
    public bool Succeeded => Failure is null;
}
