namespace Chatbot.Storage.File;

/// <summary>Options of the local file store (configuration section <c>Storage</c>).</summary>
public sealed class FileStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>Folder of the state files (<c>Storage:FilePath</c>); relative paths are under the content root. Default <c>.local/state</c>.</summary>
    public string FilePath { get; set; } = ".local/state";

    /// <summary>Largest state accepted, in bytes (<c>Storage:MaxDocumentBytes</c>).</summary>
    public int MaxDocumentBytes { get; set; } = StorageLimits.DefaultMaxDocumentBytes;

    /// <summary>How long a write waits for another process holding the folder's lock (<c>Storage:LockTimeout</c>) before failing as unavailable.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a written state file may wait to be flushed to disk (<c>Storage:FlushInterval</c>): at most this much of the
    /// latest turns can be lost to an OS crash or power loss (a killed process loses nothing). Zero flushes every write
    /// before it replaces the file (one <c>fsync</c> per turn). Default one second.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
