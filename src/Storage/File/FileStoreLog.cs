using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.File;

internal static partial class FileStoreLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "State of {DocumentId} changed since it was read (conflict).")]
    public static partial void Conflict(ILogger logger, string documentId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Could not write the state of {DocumentId}.")]
    public static partial void WriteFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "The state file {Path} is damaged; move or delete it to start the conversation over.")]
    public static partial void Corrupt(ILogger logger, string path);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Could not flush the state file {Path} to disk; it stays readable, but an OS crash could lose its latest version.")]
    public static partial void FlushFailed(ILogger logger, string path, Exception exception);
}
