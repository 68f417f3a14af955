using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>The <c>{{ slot }}</c> placeholder syntax of responses, HTTP paths and bodies.</summary>
public static partial class Template
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_\-]*)\s*\}\}")]
    private static partial Regex PlaceholderRegex();

    /// <summary>Placeholder names in order of appearance (distinct).</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        [.. PlaceholderRegex().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Replaces each placeholder with its value (empty when unknown).</summary>
    public static string Render(string text, Func<string, string?> value) =>
        PlaceholderRegex().Replace(text, m => value(m.Groups[1].Value) ?? "");
}
