using Microsoft.Extensions.Logging;

namespace Chatbot.Channels.DirectLine;

/// <summary>Log messages of the Direct Line endpoint. Never logs tokens, secrets or user text.</summary>
internal static partial class DirectLineLog
{
    [LoggerMessage(1, LogLevel.Information, "Direct Line conversation {ConversationId} started")]
    public static partial void ConversationStarted(ILogger logger, string conversationId);

    [LoggerMessage(2, LogLevel.Debug, "Direct Line request rejected: {Code}")]
    public static partial void Rejected(ILogger logger, string code);

    [LoggerMessage(3, LogLevel.Error, "The turn for Direct Line conversation {ConversationId} failed")]
    public static partial void TurnFailed(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Reading the feed of Direct Line conversation {ConversationId} failed; answered an empty page")]
    public static partial void ReadFailed(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Direct Line stream for {ConversationId} ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string conversationId, string reason);

    [LoggerMessage(6, LogLevel.Warning, "No IDirectLineTurnHandler is registered: Direct Line activities are echoed but no bot answers")]
    public static partial void NoTurnHandler(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning, "A message in Direct Line conversation {ConversationId} was not handled (the turn failed); the user was asked to send it again")]
    public static partial void NotHandled(ILogger logger, string conversationId);
}
