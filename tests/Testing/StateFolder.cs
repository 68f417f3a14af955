namespace Chatbot.Testing;

/// <summary>
/// The file store's folder for a test server, which the test can break (replaced by a file: every read and write of
/// the state fails, as with the store down) and restore. Deleted with everything in it on dispose.
/// </summary>
public sealed class StateFolder : IDisposable
{
    /// <summary>A fresh temporary folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("chatbot-state-").FullName;

    /// <summary>Replaces the folder with a file of the same name.</summary>
    public void Break()
    {
        Directory.Delete(Path, recursive: true);
        File.WriteAllText(Path, "not a folder");
    }

    /// <summary>An empty folder again (the state written before the break is gone).</summary>
    public void Restore()
    {
        if (File.Exists(Path)) File.Delete(Path);
        Directory.CreateDirectory(Path);
    }

    public void Dispose()
    {
        if (File.Exists(Path)) File.Delete(Path);
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
