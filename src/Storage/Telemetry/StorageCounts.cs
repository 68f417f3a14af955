namespace Chatbot.Storage.Telemetry;

/// <summary>Storage work done through one <see cref="CountingConversationStore"/>, e.g. during one turn.</summary>
/// <param name="Reads">Read calls (found or not).</param>
/// <param name="Writes">Successful writes.</param>
/// <param name="Conflicts">Writes refused because the document changed (412/409): each one means a reload and re-run.</param>
/// <param name="Unavailable">Calls that failed with <see cref="StoreUnavailableException"/>.</param>
/// <param name="BytesRead">State bytes returned by reads.</param>
/// <param name="BytesWritten">State bytes of successful writes.</param>
public readonly record struct StorageCounts(int Reads, int Writes, int Conflicts, int Unavailable, long BytesRead, long BytesWritten);
