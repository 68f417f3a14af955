using System.Globalization;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

/// <summary>Typed access to YAML nodes of one file; reports shape problems with positions instead of throwing.</summary>
internal sealed class YamlReader(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceSpan Span(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null");

    /// <summary>Returns the mapping's entries after checking every key is allowed (unknown keys get a did-you-mean).</summary>
    public Dictionary<string, (YamlScalarNode Key, YamlNode Value)>? Mapping(YamlNode node, string what, IReadOnlyCollection<string>? allowed, string? help = null)
    {
        if (node is not YamlMappingNode map)
        {
            if (IsNull(node))
            {
                return new(StringComparer.Ordinal);
            }
            Diagnostics.ReportWithHelp(DiagnosticIds.WrongNodeType, Span(node), help, what, "a mapping (key: value lines)", Describe(node));
            return null;
        }
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode key || key.Value is null)
            {
                Diagnostics.Report(DiagnosticIds.WrongNodeType, Span(keyNode), "a key in " + what, "a plain name", Describe(keyNode));
                continue;
            }
            if (allowed is not null && !allowed.Contains(key.Value))
            {
                var meant = DidYouMean.ClosestKey(key.Value, allowed);
                if (meant is not null) _nearMisses.Add((Span(node), meant));
                Diagnostics.ReportWithHelp(DiagnosticIds.UnknownKey, Span(key), meant is null ? $"allowed: {string.Join(", ", allowed)}" : $"did you mean '{meant}'?", key.Value, what);
                continue;
            }
            if (result.ContainsKey(key.Value))
            {
                Diagnostics.Report(DiagnosticIds.DuplicateId, Span(key), "key", key.Value, Span(result[key.Value].Item1));
                continue;
            }
            result[key.Value] = (key, value);
        }
        return result;
    }

    // Keys of a mapping that an unknown key there was one typo away from: 'respones:' said "did you mean 'response'?".
    private readonly HashSet<(SourceSpan Mapping, string Key)> _nearMisses = [];

    /// <summary>
    /// Reports at <paramref name="span"/> that a mapping (<paramref name="mapping"/>, else the one at the span) lacks
    /// <paramref name="key"/> — unless an unknown key there was taken for it ('respones:'): that error already says how
    /// to fix it, and "missing the required key 'response'" next to it was the same slip again (author2 trial).
    /// </summary>
    public void MissingKey(SourceSpan span, string what, string key, YamlNode? mapping = null)
    {
        if (!_nearMisses.Contains((mapping is null ? span : Span(mapping), key))) Diagnostics.Report(DiagnosticIds.MissingKey, span, what, key);
    }

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && !IsNull(s))
        {
            return s.Value;
        }
        if (IsUnquotedPlaceholder(node, out var name))
        {
            Diagnostics.Report(DiagnosticIds.UnquotedPlaceholder, Span(node), what, name);
            return null;
        }
        Diagnostics.Report(DiagnosticIds.WrongNodeType, Span(node), what, "a single value", Describe(node));
        return null;
    }

    /// <summary><c>{{ name }}</c> written without quotes: YAML reads it as a flow mapping whose only key is the mapping <c>{ name }</c>.</summary>
    public static bool IsUnquotedPlaceholder(YamlNode node, out string name)
    {
        name = "";
        if (node is YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } outer && outer.Children.Count == 1
            && outer.Children.First() is { Key: YamlMappingNode inner, Value: var value } && IsNull(value)
            && inner.Children.Count == 1 && inner.Children.First() is { Key: YamlScalarNode key, Value: var innerValue } && IsNull(innerValue))
        {
            name = key.Value ?? "";
            return true;
        }
        return false;
    }

    public NameRef? Name(YamlNode node, string what)
    {
        var value = Scalar(node, what);
        return value is null ? null : new NameRef(value, Span(node));
    }

    public int? Int(YamlNode node, string what)
    {
        var value = Scalar(node, what);
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        Diagnostics.Report(DiagnosticIds.InvalidValue, Span(node), value, what, "expected a whole number");
        return null;
    }

    public double? Number(YamlNode node, string what)
    {
        var value = Scalar(node, what);
        if (value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        Diagnostics.Report(DiagnosticIds.InvalidValue, Span(node), value, what, "expected a number");
        return null;
    }

    public bool? Bool(YamlNode node, string what)
    {
        var value = Scalar(node, what);
        switch (value)
        {
            case null: return null;
            case "true" or "yes": return true;
            case "false" or "no": return false;
            default:
                Diagnostics.Report(DiagnosticIds.InvalidValue, Span(node), value, what, "expected true or false");
                return null;
        }
    }

    /// <summary>Durations like <c>500ms</c>, <c>5s</c>, <c>2m</c> (service timeouts, at most 2m).</summary>
    public TimeSpan? Duration(YamlNode node, string what) =>
        Duration(node, what, TimeSpan.FromMinutes(2), "expected a duration up to 2m like 500ms, 5s or 1m");

    /// <summary>Durations like <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, above zero and at most <paramref name="max"/>.</summary>
    public TimeSpan? Duration(YamlNode node, string what, TimeSpan max, string expected)
    {
        var value = Scalar(node, what);
        if (value is null) return null;
        if (TryParseDuration(value, out var duration) && duration <= max) return duration;
        Diagnostics.Report(DiagnosticIds.InvalidValue, Span(node), value, what, expected);
        return null;
    }

    /// <summary>
    /// A duration as authors write it (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>), above zero; the one
    /// reading of that syntax for dialog and test files.
    /// </summary>
    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        var (digits, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : value.EndsWith('m') ? (value[..^1], 60_000.0)
            : value.EndsWith('h') ? (value[..^1], 3_600_000.0)
            : value.EndsWith('d') ? (value[..^1], 86_400_000.0)
            : (value, -1.0);
        duration = default;
        if (unit <= 0 || !double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || n * unit > TimeSpan.MaxValue.TotalMilliseconds / 2) return false;
        duration = TimeSpan.FromMilliseconds(n * unit);
        return true;
    }

    /// <summary>A single value or a list of values.</summary>
    public List<(string Value, SourceSpan Span)> List(YamlNode node, string what)
    {
        var result = new List<(string, SourceSpan)>();
        if (node is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children)
            {
                var v = Scalar(item, what);
                if (v is not null) result.Add((v, Span(item)));
            }
        }
        else if (!IsNull(node))
        {
            var v = Scalar(node, what);
            if (v is not null) result.Add((v, Span(node)));
        }
        return result;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq) return seq.Children.ToList();
        if (IsNull(node)) return [];
        Diagnostics.Report(DiagnosticIds.WrongNodeType, Span(node), what, "a list (lines starting with '- ')", Describe(node));
        return [];
    }

    /// <summary><c>{ en: text, de: text }</c> where each text is one string or a list of variants.</summary>
    /// <summary>The language a text written without one (<c>text: Hello</c> instead of <c>text: { en: Hello }</c>) is in: the bot's default.</summary>
    public string? PlainTextLanguage { get; set; }

    public LocalizedText? Localized(YamlNode node, string what)
    {
        if (PlainTextLanguage is { } plain && node is YamlSequenceNode or YamlScalarNode && !IsNull(node))
        {
            // A single-language bot need not name its language everywhere; a bot with more gets DLG2010 for the others.
            var single = new LocalizedText { Span = Span(node) };
            single.Variants[plain] = List(node, what).Select(v => v.Value).ToList();
            single.Spans[plain] = Span(node);
            return single;
        }
        var map = Mapping(node, what, null);
        if (map is null) return null;
        var text = new LocalizedText { Span = Span(node) };
        foreach (var (lang, (key, value)) in map)
        {
            var variants = List(value, $"{what}.{lang}");
            text.Variants[lang] = variants.Select(v => v.Value).ToList();
            text.Spans[lang] = Span(key);
        }
        return text;
    }

    public bool IsValidId(string id) =>
        id.Length > 0 && char.IsAsciiLetter(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public void CheckId(string id, SourceSpan span)
    {
        if (IsValidId(id)) return;
        // "öffnungszeiten", "gebühr": to a German author these are letters; say what to write instead.
        var plain = PlainId(id);
        Diagnostics.ReportWithHelp(DiagnosticIds.InvalidId, span, plain != id && IsValidId(plain) ? $"did you mean '{plain}'?" : null, id);
    }

    /// <summary>An id without umlauts, ß, accents or spaces: "öffnungszeiten" -> "oeffnungszeiten", "Café" -> "Cafe", "hello world" -> "hello_world".</summary>
    /// <remarks>By the recognizers' letter tables: with invariant globalization, Unicode decomposition leaves "é" as it is.</remarks>
    private static string PlainId(string id)
    {
        var s = new System.Text.StringBuilder();
        foreach (var c in id.Trim())
        {
            var plain = c is ' ' or '.' ? "_" : Understanding.UtteranceText.Fold(Understanding.UtteranceText.SpeltOut(char.ToLowerInvariant(c).ToString()));
            s.Append(char.IsUpper(c) ? char.ToUpperInvariant(plain[0]) + plain[1..] : plain);
        }

        return s.ToString();
    }
}
