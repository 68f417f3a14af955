using System.Reflection;

namespace Chatbot.Infra.Tests;

/// <summary>Paths fixed at build time (see the csproj): the repository root and the Bicep CLI from NuGet.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string BicepCli { get; } = Metadata("BicepPath");

    public static string Bicep(string relative) => Path.Combine(Root, "infra", "bicep", relative);

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; rebuild the test project.");
}
