using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.Cosmos;

internal static partial class CosmosStoreLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "State of {DocumentId} changed since it was read ({Status}).")]
    public static partial void Conflict(ILogger logger, string documentId, int status);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Cosmos DB {Operation} of {DocumentId} failed; the store is unavailable.")]
    public static partial void Unavailable(ILogger logger, string operation, string documentId, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Cosmos DB database {Database} and container {Container} are ready.")]
    public static partial void ContainerReady(ILogger logger, string database, string container);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The Cosmos DB item {DocumentId} is not a conversation document ({Reason}); it is kept and set aside by the conversation's next turn.")]
    public static partial void Damaged(ILogger logger, string documentId, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The Cosmos DB item {DocumentId} was set aside as {KeptId}; the conversation starts over.")]
    public static partial void SetAside(ILogger logger, string documentId, string keptId);
}
