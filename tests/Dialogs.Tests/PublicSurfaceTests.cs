using System.Text.RegularExpressions;
using Chatbot.Dialogs.Runtime;
using Chatbot.Testing;

namespace Chatbot.Dialogs.Tests;

/// <summary>
/// Chatbot.Dialogs is internal by default: a public type is one another project uses, written down with its users in
/// src/Dialogs/README.md. A new public type fails here until it is listed, a listed type that is no longer public too.
/// </summary>
public sealed partial class PublicSurfaceTests
{
    [Fact]
    public void The_public_types_are_exactly_those_the_readme_lists()
    {
        var documented = DocumentedPublicTypes();
        var exported = typeof(CompiledBot).Assembly.GetExportedTypes().Select(t => t.IsNested ? $"{t.DeclaringType!.Name}.{t.Name}" : t.Name).ToHashSet(StringComparer.Ordinal);

        var undocumented = exported.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notPublic = documented.Except(exported).Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0, $"public in Chatbot.Dialogs but not listed under '## Public types' in src/Dialogs/README.md (make it internal, or list it with who uses it): {string.Join(", ", undocumented)}");
        Assert.True(notPublic.Count == 0, $"listed in src/Dialogs/README.md but not public in Chatbot.Dialogs: {string.Join(", ", notPublic)}");
    }

    [Fact]
    public void The_test_tooling_is_not_in_the_runtime_assembly()
    {
        var namespaces = typeof(CompiledBot).Assembly.GetTypes().Select(t => t.Namespace ?? string.Empty).Distinct();

        Assert.DoesNotContain(namespaces, n => n.StartsWith("Chatbot.Dialogs.Testing", StringComparison.Ordinal));
    }

    private static HashSet<string> DocumentedPublicTypes()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Dialogs", "README.md"));
        var section = readme[readme.IndexOf("## Public types", StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", 1, StringComparison.Ordinal);
        if (next > 0) section = section[..next];
        var names = ListedType().Matches(section).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        return names;
    }

    [GeneratedRegex(@"^- `([A-Za-z0-9_.]+)`", RegexOptions.Multiline)]
    private static partial Regex ListedType();
}
