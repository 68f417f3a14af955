using Microsoft.Extensions.Logging;

namespace Chatbot.Channels.Auth;

/// <summary>Auth log messages. None of them ever carries a token, secret or user text.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Rejected inbound request from channel {ChannelId}: {Reason}")]
    public static partial void Rejected(ILogger logger, string? channelId, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Accepted {TokenKind} token for channel {ChannelId}")]
    public static partial void Accepted(ILogger logger, string tokenKind, string? channelId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    public static partial void KeysFetched(ILogger logger, string metadataUrl, int keyCount);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Could not fetch signing keys from {MetadataUrl} ({ErrorType}: {Error}); keeping the previous keys if any")]
    public static partial void KeyFetchFailed(ILogger logger, string metadataUrl, string errorType, string error);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Unknown signing key id for {MetadataUrl}; refreshing the key set if allowed")]
    public static partial void UnknownKeyId(ILogger logger, string metadataUrl);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Acquired outbound Bot Framework token ({Source}), valid until {ExpiresOn:o}")]
    public static partial void TokenAcquired(ILogger logger, string source, DateTimeOffset expiresOn);
}
