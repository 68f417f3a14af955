using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// Whether an author's text is Markdown, and values made literal inside it. Web Chat, the Emulator and Teams render a
/// reply as Markdown (Web Chat with HTML: links, images, headings) unless it says plain text, so what a user typed and a
/// reply repeats ("[win](https://…)", "&lt;img src=…&gt;") would show as the bot's own link or picture.
/// </summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// True when <paramref name="text"/> holds Markdown an author writes: emphasis, inline code, a link or URL, or a line
    /// that starts a heading, list item or quote. Read on the author's text before values are filled in.
    /// </summary>
    public static bool IsMarkdown(string? text) => !string.IsNullOrEmpty(text) && AuthorMarkdown().IsMatch(text);

    /// <summary>
    /// <paramref name="value"/> as text that shows as written inside Markdown: every character that can open markup or
    /// HTML escaped with a backslash (CommonMark escapes any ASCII punctuation so), line breaks as spaces (a value cannot
    /// start a list or heading line). The same string when there is nothing to escape.
    /// </summary>
    public static string Literal(string value)
    {
        if (value.AsSpan().IndexOfAny(Special) < 0) return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\r' or '\n') escaped.Append(' ');
            else if (Special.Contains(c)) escaped.Append('\\').Append(c);
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> (a model's rewording of the author's Markdown) with every occurrence of one of
    /// <paramref name="values"/> that would open markup made <see cref="Literal"/>; an occurrence already escaped (after a
    /// backslash, as the template wrote it) is left as it is. Longer values first, so a value inside another is not escaped twice.
    /// </summary>
    public static string LiteralValues(string text, IEnumerable<string> values)
    {
        foreach (var value in values.Where(v => v.Length > 0 && Literal(v) != v).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length))
        {
            text = Regex.Replace(text, @"(?<!\\)" + Regex.Escape(value), _ => Literal(value), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        return text;
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("\\`*_[]()<>~&!#|\r\n");

    // Emphasis (** __ ~~ and *a* _a_ between word boundaries), inline code, a link (Markdown or a bare URL, which Teams
    // links only as Markdown), or a line starting a heading, list item or quote. Each alternative scans at most to the
    // next marker or line end.
    [GeneratedRegex(
        @"\*\*|__|~~|`|\[[^\]\n]*\]\(|https?://|(?<![\w*])\*[^\s*][^*\n]*\*(?![\w*])|(?<!\w)_[^\s_][^_\n]*_(?!\w)|(?:^|\n)[ \t]{0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AuthorMarkdown();
}
