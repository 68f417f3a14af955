using System.Reflection;
using System.Text.RegularExpressions;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Runtime;
using Chatbot.Storage;

namespace Chatbot.Infra.Tests;

/// <summary>
/// A project's public types are the ones another project uses, written down with their users under "## Public types"
/// in src/&lt;project&gt;/README.md; everything else is internal. A new public type fails here until it is listed, a
/// listed type that is no longer public too. A project joins by adding its README list and a row below.
/// </summary>
public sealed partial class PublicSurfaceTests
{
    private static readonly Dictionary<string, Assembly> Projects = new(StringComparer.Ordinal)
    {
        ["Dialogs"] = typeof(CompiledBot).Assembly,
        ["Storage"] = typeof(IConversationStore).Assembly,
        ["Channels"] = typeof(Activity).Assembly,
        ["Bot"] = typeof(Chatbot.Bot.ChatbotBuilder).Assembly,
        ["Dialogs.Testing"] = typeof(Chatbot.Dialogs.Testing.ConversationTestRunner).Assembly,
        ["Understanding.Embedded"] = typeof(Chatbot.Understanding.Embedded.MiniLmModel).Assembly,
    };

    public static TheoryData<string> ProjectNames => [.. Projects.Keys];

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public void The_public_types_are_exactly_those_the_readme_lists(string project)
    {
        var assembly = Projects[project];
        var documented = DocumentedPublicTypes(project);
        var exported = assembly.GetExportedTypes().Select(t => t.IsNested ? $"{t.DeclaringType!.Name}.{t.Name}" : t.Name).ToHashSet(StringComparer.Ordinal);

        var undocumented = exported.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notPublic = documented.Except(exported).Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0, $"public in {assembly.GetName().Name} but not listed under '## Public types' in src/{project}/README.md (make it internal, or list it with who uses it): {string.Join(", ", undocumented)}");
        Assert.True(notPublic.Count == 0, $"listed in src/{project}/README.md but not public in {assembly.GetName().Name}: {string.Join(", ", notPublic)}");
    }

    [Fact]
    public void The_dialog_test_tooling_is_not_in_the_runtime_assembly()
    {
        var namespaces = typeof(CompiledBot).Assembly.GetTypes().Select(t => t.Namespace ?? string.Empty).Distinct();

        Assert.DoesNotContain(namespaces, n => n.StartsWith("Chatbot.Dialogs.Testing", StringComparison.Ordinal));
    }

    private static HashSet<string> DocumentedPublicTypes(string project)
    {
        var readme = File.ReadAllText(RepoPaths.File(Path.Combine("src", project, "README.md")));
        var start = readme.IndexOf("\n## Public types", StringComparison.Ordinal);
        Assert.True(start >= 0, $"src/{project}/README.md has no '## Public types' section");
        var section = readme[(start + 1)..];
        var next = section.IndexOf("\n## ", 1, StringComparison.Ordinal);
        if (next > 0) section = section[..next];
        var names = ListedType().Matches(section).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        return names;
    }

    [GeneratedRegex(@"^- `([A-Za-z0-9_.]+)`", RegexOptions.Multiline)]
    private static partial Regex ListedType();
}
