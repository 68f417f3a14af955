using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.File;

internal static partial class FileStoreLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "State of {DocumentId} changed since it was read (conflict).")]
    public static partial void Conflict(ILogger logger, string documentId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Could not write the state of {DocumentId}.")]
    public static partial void WriteFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "The state file {Path} is damaged ({Reason}); it is kept and set aside by the conversation's next turn.")]
    public static partial void Corrupt(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "The state file {Path} was set aside as {KeptAs}; the conversation starts over.")]
    public static partial void SetAside(ILogger logger, string path, string keptAs);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Could not flush the state file {Path} to disk; it stays readable, but an OS crash could lose its latest version.")]
    public static partial void FlushFailed(ILogger logger, string path, Exception exception);
}
