namespace Chatbot.Storage.Telemetry;

/// <summary>Names of the storage meter, its instruments and their tags.</summary>
public static class StorageMetrics
{
    /// <summary>The meter every store wrapper reports to.</summary>
    public const string MeterName = "Chatbot.Storage";

    /// <summary>Reads; tag <see cref="ResultTag"/> = found | missing | unavailable.</summary>
    public const string Reads = "chatbot.storage.reads";

    /// <summary>Writes; tag <see cref="ResultTag"/> = ok | conflict | too_large | unavailable.</summary>
    public const string Writes = "chatbot.storage.writes";

    /// <summary>Writes refused because the document changed since it was read (412/409).</summary>
    public const string Conflicts = "chatbot.storage.conflicts";

    /// <summary>State bytes moved; tag <see cref="DirectionTag"/> = read | write.</summary>
    public const string Bytes = "chatbot.storage.bytes";

    /// <summary>Duration of each operation in seconds; tag <see cref="OperationTag"/>.</summary>
    public const string Duration = "chatbot.storage.duration";

    /// <summary>Tag: the outcome of an operation.</summary>
    public const string ResultTag = "chatbot.storage.result";

    /// <summary>Tag: read or write.</summary>
    public const string DirectionTag = "chatbot.storage.direction";

    /// <summary>Tag: read, write or delete.</summary>
    public const string OperationTag = "chatbot.storage.operation";
}
