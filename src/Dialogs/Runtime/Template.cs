using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// The template syntax of responses (and of HTTP paths and bodies): <c>{{ slot }}</c>, <c>{{ slot | filter | filter }}</c>,
/// dotted names (<c>{{ flow.label }}</c>, <c>{{ range.min }}</c>) and one form of optional text:
/// <c>{{#if slot}}…{{else}}…{{/if}}</c>, whose first part is kept when the name has a non-empty value.
/// </summary>
internal sealed partial class Template
{
    /// <summary>
    /// Filters responses may use: formatting (<c>date</c>, <c>short_date</c>, <c>time</c>, <c>hhmm</c>, <c>datetime</c>,
    /// <c>label</c>, <c>money</c>, first) and case (<c>upper</c>, <c>lower</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> Filters = ["date", "short_date", "time", "hhmm", "datetime", "label", "money", "upper", "lower"];

    /// <summary>The filters that read a typed value (so they come first, before <c>upper</c>/<c>lower</c>).</summary>
    public static readonly IReadOnlyList<string> FormatFilters = ["date", "short_date", "time", "hhmm", "datetime", "label", "money"];

    /// <summary>Deepest <c>{{#if}}</c> inside <c>{{#if}}</c>; deeper ones are a syntax error (and render as text).</summary>
    internal const int MaxIfNesting = 20;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)?$")]
    private static partial Regex NameRegex();

    private readonly List<Node> _nodes;

    private Template(List<Node> nodes, List<TemplatePlaceholder> placeholders, List<TemplateError> errors)
    {
        _nodes = nodes;
        References = placeholders;
        Errors = errors;
    }

    /// <summary>Every name the template reads, in order: placeholders with their filters, and <c>#if</c> conditions.</summary>
    public IReadOnlyList<TemplatePlaceholder> References { get; }

    /// <summary>Syntax problems (unclosed <c>{{#if}}</c>, a stray <c>{{/if}}</c>, a malformed placeholder); empty when well formed.</summary>
    public IReadOnlyList<TemplateError> Errors { get; }

    // Templates of the loaded definitions, parsed once per text: keyed by the string instance, so an entry lives as long as
    // the definitions holding its text (a reload's new texts get their own; nothing grows with traffic).
    private static readonly ConditionalWeakTable<string, Template> Parsed = new();

    /// <summary>
    /// <see cref="Parse"/> for a text of the loaded definitions (a response, a button title): parsed on first use and
    /// kept with the text. A template is immutable once parsed, so turns share it.
    /// </summary>
    public static Template OfDefinition(string text) => Parsed.GetValue(text, static t => Parse(t));

    /// <summary>Parses a template; never throws (problems are in <see cref="Errors"/>, and the text renders as far as it is understood).</summary>
    public static Template Parse(string text)
    {
        var placeholders = new List<TemplatePlaceholder>();
        var errors = new List<TemplateError>();
        var root = new List<Node>();
        // Open #if blocks: the node and whether we are in its else part.
        var open = new Stack<(IfNode Node, int Offset)>();
        List<Node> Current() => open.Count == 0 ? root : open.Peek().Node.InElse ? open.Peek().Node.Else : open.Peek().Node.Then;

        var i = 0;
        var tooDeep = 0;
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0) Current().Add(new TextNode(literal.ToString()));
            literal.Clear();
        }
        while (i < text.Length)
        {
            var start = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (start < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }
            literal.Append(text, i, start - i);
            var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                errors.Add(new TemplateError("'{{' is not closed with '}}'", start));
                literal.Append(text, start, text.Length - start);
                break;
            }
            var content = text[(start + 2)..end].Trim();
            i = end + 2;
            Flush();
            if (content.StartsWith('#'))
            {
                var parts = content[1..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (open.Count >= MaxIfNesting)
                {
                    // Rendering is recursive: a runaway nesting must stop here, not overflow the stack of a turn. Said
                    // once; the deeper blocks' own else and /if are then skipped.
                    if (tooDeep++ == 0) errors.Add(new TemplateError($"'{{{{#if}}}}' is nested deeper than {MaxIfNesting} levels", start));
                }
                else if (parts is ["if", var name] && NameRegex().IsMatch(name))
                {
                    var node = new IfNode(name);
                    Current().Add(node);
                    open.Push((node, start));
                    placeholders.Add(new TemplatePlaceholder(name, [], start, InCondition: true));
                }
                else
                {
                    errors.Add(new TemplateError($"'{{{{{content}}}}}' is not a condition; write {{{{#if name}}}}…{{{{/if}}}}", start));
                }
            }
            else if (tooDeep > 0 && content is "else" or "/if")
            {
                if (content == "/if") tooDeep--;
            }
            else if (content == "else")
            {
                if (open.Count == 0 || open.Peek().Node.InElse) errors.Add(new TemplateError("'{{else}}' without an open '{{#if …}}'", start));
                else open.Peek().Node.InElse = true;
            }
            else if (content == "/if")
            {
                if (open.Count == 0) errors.Add(new TemplateError("'{{/if}}' without an open '{{#if …}}'", start));
                else open.Pop();
            }
            else
            {
                var parts = content.Split('|').Select(p => p.Trim()).ToList();
                if (parts[0].Length == 0 || !NameRegex().IsMatch(parts[0]) || parts.Skip(1).Any(f => f.Length == 0 || f.Any(c => !char.IsAsciiLetter(c) && c != '_')))
                {
                    errors.Add(new TemplateError($"'{{{{ {content} }}}}' is not a placeholder; write {{{{ slot }}}} or {{{{ slot | filter }}}}", start));
                    continue;
                }
                var placeholder = new TemplatePlaceholder(parts[0], [.. parts.Skip(1)], start, InCondition: false);
                placeholders.Add(placeholder);
                Current().Add(new PlaceholderNode(placeholder));
            }
        }
        Flush();
        foreach (var (_, offset) in open) errors.Add(new TemplateError("'{{#if …}}' is not closed with '{{/if}}'", offset));
        return new Template(root, placeholders, errors);
    }

    /// <summary>
    /// Renders: each placeholder becomes <paramref name="value"/>'s text for it (nothing when null); an <c>#if</c> keeps its
    /// first part when <paramref name="value"/> gives its name (without filters) a non-empty text, else its <c>else</c> part.
    /// </summary>
    public string Render(Func<TemplatePlaceholder, string?> value)
    {
        var s = new StringBuilder();
        Append(_nodes, s, value);
        return s.ToString();
    }

    private static void Append(List<Node> nodes, StringBuilder s, Func<TemplatePlaceholder, string?> value)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    s.Append(t.Text);
                    break;
                case PlaceholderNode p:
                    s.Append(value(p.Placeholder));
                    break;
                case IfNode c:
                    var set = !string.IsNullOrWhiteSpace(value(new TemplatePlaceholder(c.Name, [], 0, InCondition: true)));
                    Append(set ? c.Then : c.Else, s, value);
                    break;
            }
        }
    }

    /// <summary>Names a text reads (placeholders and conditions), in order of appearance, each once.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        [.. Parse(text).References.Select(p => p.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Renders with plain values (HTTP paths and bodies): only the case filters apply.</summary>
    public static string Render(string text, Func<string, string?> value) =>
        Parse(text).Render(p => ApplyCase(value(p.Name), p.Filters));

    /// <summary>Applies the <c>upper</c>/<c>lower</c> filters of a list to a text, in order.</summary>
    public static string? ApplyCase(string? text, IEnumerable<string> filters)
    {
        if (text is null) return null;
        foreach (var filter in filters)
        {
            text = filter switch
            {
                "upper" => text.ToUpperInvariant(),
                "lower" => text.ToLowerInvariant(),
                _ => text,
            };
        }
        return text;
    }

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record PlaceholderNode(TemplatePlaceholder Placeholder) : Node;

    private sealed record IfNode(string Name) : Node
    {
        public List<Node> Then { get; } = [];
        public List<Node> Else { get; } = [];
        public bool InElse { get; set; }
    }
}

/// <summary>One name a template reads: <c>{{ name | filters }}</c>, or the condition of an <c>{{#if name}}</c>. <see cref="Offset"/> is its position in the text.</summary>
internal sealed record TemplatePlaceholder(string Name, IReadOnlyList<string> Filters, int Offset, bool InCondition)
{
    /// <summary>The part before a dot (<c>flow</c> of <c>flow.label</c>), or the whole name.</summary>
    public string Root => Name.Split('.')[0];

    /// <summary>The part after a dot (<c>label</c>), or null for a plain slot name.</summary>
    public string? Member => Name.Contains('.', StringComparison.Ordinal) ? Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..] : null;
}

/// <summary>A template syntax problem at a character offset.</summary>
internal sealed record TemplateError(string Message, int Offset);
