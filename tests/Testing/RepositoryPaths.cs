namespace Chatbot.Testing;

/// <summary>Where the repository and this build's outputs are, seen from a test assembly inside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string?> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatbot.sln"))) return dir.FullName;
        }

        return null;
    });

    /// <summary>The folder of Chatbot.sln above the test assembly, or null when the tests run outside the repository.</summary>
    public static string? TryRoot => LazyRoot.Value;

    /// <summary>The folder of Chatbot.sln above the test assembly.</summary>
    public static string Root => TryRoot ?? throw new InvalidOperationException($"Chatbot.sln not found above {AppContext.BaseDirectory}.");

    /// <summary>Debug or Release: the configuration this test assembly was built in (bin/{Configuration}/net10.0/).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>A path inside the repository, e.g. <c>Combine("tests", "servers")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The build output of a project under src/ in this configuration, e.g. <c>src/BotFunctions/bin/Release/net10.0</c>.</summary>
    public static string BuildOutput(string project) => Combine("src", project, "bin", Configuration, "net10.0");
}
