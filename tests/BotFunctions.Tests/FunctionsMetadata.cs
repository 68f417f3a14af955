using System.Text.Json;

namespace Chatbot.BotFunctions.Tests;

/// <summary>The <c>functions.metadata</c> the Functions SDK generates for BotFunctions: what the host indexes.</summary>
internal static class FunctionsMetadata
{
    /// <summary>The binding of <paramref name="type"/> of the function named <paramref name="function"/>.</summary>
    public static JsonElement Binding(string function, string type)
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(KeepWarmFunction).Assembly.Location)!, "functions.metadata");
        if (!File.Exists(path))
        {
            var configuration = new DirectoryInfo(Path.GetDirectoryName(typeof(KeepWarmFunction).Assembly.Location)!).Parent!.Name;
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Chatbot.sln"))) root = root.Parent;
            path = Path.Combine(root!.FullName, "src", "BotFunctions", "bin", configuration, "net10.0", "functions.metadata");
        }

        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        var entry = Assert.Single(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == function);
        return Assert.Single(entry.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == type).Clone();
    }
}
