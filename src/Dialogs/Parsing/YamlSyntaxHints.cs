namespace Chatbot.Dialogs.Parsing;

/// <summary>
/// What to do about a YAML syntax error, in an author's words. The YAML library says what its parser missed ("While
/// parsing a block mapping, did not find expected key."); an author needs to hear which of the few usual causes it is —
/// a tab, a line indented out of step, a value that starts with a quote or a brace and goes on after it, a ': ' inside a
/// value, a key without its ':' — read from the line the error points at.
/// </summary>
internal static class YamlSyntaxHints
{
    /// <summary>Characters that make YAML read a plain value as something else when the value starts with them.</summary>
    private const string SpecialStarts = "*&!@`%";

    /// <summary>
    /// The first tab in a line's indentation from 1-based <paramref name="fromLine"/> on (0 or 1: the whole text), or null.
    /// The parser reports a tab where the value before it started, often the line above (the author9 trial was sent to
    /// "- ask: branch" for the tab on the line under it), so a tab error is shown at the tab.
    /// </summary>
    public static (int Line, int Column)? TabInIndentation(string content, int fromLine)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0) return (i + 1, tab + 1);
        }
        return fromLine > 1 ? TabInIndentation(content, 1) : null;
    }

    /// <summary>The fix for the error <paramref name="message"/> at 1-based <paramref name="line"/>/<paramref name="column"/> of <paramref name="content"/>; null when none of the usual causes fits.</summary>
    public static string? For(string message, string content, int line, int column)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return "YAML indents with spaces only: replace the tab at the start of the line with spaces (set your editor to indent with spaces)";
        }
        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            return "the same key is written twice in one mapping: rename one of them or merge the two";
        }
        var index = line - 1;
        while (index > 0 && index < lines.Length && IsBlankOrComment(lines[index])) index--;
        if (index < 0 || index >= lines.Length) return null;
        var text = lines[index];
        var trimmed = text.TrimStart(' ');
        var indent = text.Length - trimmed.Length;
        // "-ask: x" is a key named "-ask"; the parser often stumbles only on the line after it.
        foreach (var candidate in new[] { index, PreviousLine(lines, index) })
        {
            if (candidate < 0) continue;
            var item = lines[candidate].TrimStart(' ');
            if (item.StartsWith('-') && item.Length > 1 && char.IsLetter(item[1]))
            {
                return $"a list item needs a space after the '-': write '- {item[1..].TrimEnd()}' (line {candidate + 1})";
            }
        }
        var (key, value) = SplitKey(trimmed.StartsWith("- ", StringComparison.Ordinal) ? trimmed[2..].TrimStart(' ') : trimmed);
        if (value.Length > 0)
        {
            var first = value[0];
            if (first == '"' && message.Contains("unknown escape character", StringComparison.Ordinal))
            {
                // pattern: "LIB\d{6}": inside "…" a backslash starts an escape such as \n or \", and \d is none.
                var inner = ClosingQuote(value) is var q && q > 0 ? value[1..q] : value[1..].TrimEnd();
                return $"inside \"…\" a backslash starts an escape (\\n, \\\"), and this one is none: write the value in single quotes, where a backslash is just a backslash, {key}: '{inner.Replace("'", "''", StringComparison.Ordinal)}' (or double each backslash)";
            }
            if (first is '{' or '[' && message.Contains("While parsing a flow", StringComparison.Ordinal) && index == line - 1
                && FlowEntryAt(text, column - 1) is { } entry && SplitKey(entry) is var (entryKey, entryValue) && entryValue.Contains(": ", StringComparison.Ordinal))
            {
                // text: { en: "…", de: Sie sieht so aus: LIB123456 }: the second ': ' ends the entry the parser was reading.
                return $"inside '{first} … {(first == '{' ? '}' : ']')}' a text with ': ' must be in quotes: {entryKey}: {Quoted(entryValue)}";
            }
            if (value.StartsWith("{{", StringComparison.Ordinal))
            {
                return key is "if" or "rule"
                    ? "a condition names slots without braces: if: priority == \"high\""
                    : $"a value that starts with '{{{{' must be in quotes as a whole: {key}: {Quoted(value.TrimEnd())}";
            }
            if (first is '"' or '\'' && ClosingQuote(value) is var close && close >= 0 && value[(close + 1)..].Trim().Length > 0 && !value[(close + 1)..].TrimStart().StartsWith('#'))
            {
                var meant = value.TrimEnd();
                if (first == '\'' && meant.EndsWith('\'')) meant = meant[1..^1];
                return $"the value starts with {first}, so it ends at the next {first} and the text after that does not fit: put the whole value in quotes, {key}: {Quoted(meant)}";
            }
            if (first is '{' or '[' && ClosingBracket(value) is var end && end >= 0 && value[(end + 1)..].Trim().Length > 0 && !value[(end + 1)..].TrimStart().StartsWith('#'))
            {
                return $"a value that starts with '{first}' is read as a YAML {(first == '{' ? "mapping" : "list")} up to its closing bracket: if it is text, put the whole value in quotes";
            }
            if (SpecialStarts.Contains(first, StringComparison.Ordinal))
            {
                return $"a value that starts with '{first}' must be in quotes: {key}: {Quoted(value.TrimEnd())}";
            }
            if (first is not ('{' or '[' or '"' or '\'') && value.Contains(": ", StringComparison.Ordinal) && message.Contains("mapping", StringComparison.Ordinal))
            {
                return $"the value contains ': ', which YAML reads as a new key: put the whole value in quotes: {key}: {Quoted(value.TrimEnd())}";
            }
        }
        if (key.Length == 0 && !trimmed.StartsWith("- ", StringComparison.Ordinal) && trimmed.Length > 0 && trimmed[0] is not ('"' or '\'' or '{' or '['))
        {
            return "this line is not 'key: value': put a ':' and a space after the key";
        }
        var above = PreviousLine(lines, index);
        if (above >= 0)
        {
            var aboveIndent = lines[above].Length - lines[above].TrimStart(' ').Length;
            var aboveItem = lines[above].TrimStart(' ').StartsWith("- ", StringComparison.Ordinal);
            if (message.Contains("'-' indicator", StringComparison.Ordinal))
            {
                return "this line is in a list but is no item: start it with '- ', or indent it to line up with the first key after its item's '- '";
            }
            if (indent != aboveIndent || aboveItem)
            {
                return $"the indentation of line {index + 1} ({indent} spaces) does not fit the lines above (line {above + 1} has {aboveIndent}{(aboveItem ? ", and its key starts " + (aboveIndent + 2) + " in, after the '- '" : "")}): keys of one mapping start in the same column, and what belongs under a key is indented further";
            }
        }
        return null;
    }

    /// <summary>The entry of a one-line '{ … }' or '[ … ]' that holds character <paramref name="at"/>: from after the ',' or bracket before it up to the next ',' or closing bracket; null when there is none.</summary>
    private static string? FlowEntryAt(string line, int at)
    {
        if (at <= 0 || at > line.Length) return null;
        var start = line.LastIndexOfAny([',', '{', '['], at - 1) + 1;
        var end = line.IndexOfAny([',', '}', ']'], at);
        var entry = line[start..(end < 0 ? line.Length : end)].Trim();
        return entry.Length > 0 ? entry : null;
    }

    private static bool IsBlankOrComment(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    /// <summary>The text as a YAML quoted value: in "…" unless it holds a ", then in '…' with ' doubled.</summary>
    private static string Quoted(string text) =>
        text.Contains('"', StringComparison.Ordinal) ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'" : "\"" + text + "\"";

    private static int PreviousLine(string[] lines, int index)
    {
        var above = index - 1;
        while (above >= 0 && IsBlankOrComment(lines[above])) above--;
        return above;
    }

    /// <summary>Index of the bracket that closes the one at 0 (brackets inside quotes count too: a rough cut is enough here), or -1.</summary>
    private static int ClosingBracket(string value)
    {
        var depth = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '{' or '[') depth++;
            else if (value[i] is '}' or ']' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits <c>key: value</c>; no key when the line has no ': ' (or ends in ':') before any quote.</summary>
    private static (string Key, string Value) SplitKey(string text)
    {
        if (text.Length == 0 || text[0] is '"' or '\'' or '{' or '[') return ("", text);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0) return text.TrimEnd().EndsWith(':') ? (text.TrimEnd()[..^1], "") : ("", text);
        return (text[..colon], text[(colon + 2)..].TrimStart(' '));
    }

    /// <summary>Index of the quote that closes the quoted value starting at 0 (doubled '' and \" do not close), or -1.</summary>
    private static int ClosingQuote(string value)
    {
        var quote = value[0];
        for (var i = 1; i < value.Length; i++)
        {
            if (quote == '"' && value[i] == '\\') { i++; continue; }
            if (value[i] != quote) continue;
            if (quote == '\'' && i + 1 < value.Length && value[i + 1] == '\'') { i++; continue; }
            return i;
        }
        return -1;
    }
}
