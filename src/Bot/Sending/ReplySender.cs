using Chatbot.Bot.Configuration;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Sending;

/// <summary>
/// The only code that posts the bot's activities to the channel: replies in order (reporting how far it got, for the
/// outbox) and the typing indicator (fire-and-forget with its own timeout).
/// </summary>
internal sealed partial class ReplySender(IConnectorClient connector, IOptions<TurnOptions> options, TimeProvider timeProvider, ILogger<ReplySender> logger)
{
    private readonly TimeSpan _typingTimeout = options.Value.TypingTimeout;

    /// <summary>
    /// Sends replies <paramref name="from"/>.. in order; <paramref name="onDelivered"/> runs after each one the channel
    /// acknowledged, with its index. Returns how many were sent in total (== count on success) and the failure that stopped the rest.
    /// </summary>
    public async Task<SendOutcome> SendAsync(Activity incoming, IReadOnlyList<Reply> replies, int from, Action<int>? onDelivered, CancellationToken cancellationToken)
    {
        var sent = from;
        try
        {
            for (; sent < replies.Count; sent++)
            {
                await connector.SendAsync(ReplyActivities.ToMessage(incoming, replies[sent]), cancellationToken).ConfigureAwait(false);
                onDelivered?.Invoke(sent);
            }

            return new SendOutcome(sent, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, ex, sent, replies.Count, incoming.ChannelId);
            return new SendOutcome(sent, ex);
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

/// <summary>How many replies reached the channel, and the failure that stopped the rest.</summary>
internal sealed record SendOutcome(int Sent, Exception? Failure)
{
    public bool Succeeded => Failure is null;
}
