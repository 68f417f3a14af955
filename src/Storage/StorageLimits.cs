namespace Chatbot.Storage;

/// <summary>Defaults shared by the stores.</summary>
public static class StorageLimits
{
    /// <summary>Default size limit of one conversation's state (the target for a typical conversation is under 4 KB).</summary>
    public const int DefaultMaxDocumentBytes = 64 * 1024;

    /// <summary>Cosmos DB's own limit for one item; no configured limit may exceed it.</summary>
    public const int CosmosMaxItemBytes = 2 * 1024 * 1024;

    internal static void EnsureFits(string id, ReadOnlyMemory<byte> content, int limit)
    {
        if (content.Length > limit)
        {
            throw new DocumentTooLargeException(id, content.Length, limit);
        }
    }
}
