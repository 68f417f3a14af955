using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Sending;

/// <summary>Sends a turn's replies to the channel in order and reports how far it got.</summary>
internal sealed partial class ReplySender(IConnectorClient connector, ILogger<ReplySender> logger)
{
    /// <summary>Sends replies <paramref name="from"/>.. in order. Returns how many were sent in total (== count on success).</summary>
    public async Task<SendOutcome> SendAsync(Activity incoming, IReadOnlyList<Reply> replies, int from, CancellationToken cancellationToken)
    {
        var sent = from;
        try
        {
            for (; sent < replies.Count; sent++)
            {
                await connector.SendAsync(ReplyActivityFactory.CreateMessage(incoming, replies[sent]), cancellationToken).ConfigureAwait(false);
            }

            return new SendOutcome(sent, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, ex, sent, replies.Count, incoming.ChannelId);
            return new SendOutcome(sent, ex);
        }
    }

    /// <summary>Sends a typing indicator; failures are logged and otherwise ignored (it is only a courtesy).</summary>
    public async Task SendTypingAsync(Activity incoming, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(ReplyActivityFactory.CreateTyping(incoming), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTypingFailed(logger, ex.GetType().Name, incoming.ChannelId);
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
