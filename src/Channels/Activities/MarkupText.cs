using System.Net;
using System.Text.RegularExpressions;

namespace Chatbot.Channels.Activities;

/// <summary>
/// The text a user sees in a message written with markup: line breaks where the markup breaks lines (<c>&lt;br&gt;</c>,
/// the end of a paragraph, a div, a list item), no tags, and HTML entities as the characters they stand for.
/// </summary>
internal static partial class MarkupText
{
    /// <summary>The shown text of <paramref name="markup"/> (textFormat <c>xml</c>): tags gone, breaks as one <c>\n</c>, entities decoded.</summary>
    public static string ToPlain(string markup)
    {
        if (markup.Contains('<', StringComparison.Ordinal))
        {
            markup = Tag().Replace(LineBreak().Replace(markup, "\n"), string.Empty);
            markup = BlankLines().Replace(markup, "\n");
        }

        return Decode(markup);
    }

    /// <summary><paramref name="text"/> with HTML entities decoded (<c>&amp;amp;</c> is <c>&amp;</c>) and no-break spaces as spaces.</summary>
    public static string Decode(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text).Replace('\u00a0', ' ') : text;

    // NonBacktracking: linear whatever the text holds.
    [GeneratedRegex(@"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|pre)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<[^<>]*>", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]*\n(?:[ \t]*\n)*[ \t]*", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex BlankLines();
}
