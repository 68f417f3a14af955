using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

/// <summary>Reads YAML files into one <see cref="BotDefinition"/>: structure and unknown keys here, meaning in the validator.</summary>
internal sealed partial class DefinitionReader(DiagnosticBag diagnostics)
{
    internal static readonly string[] TopLevelKeys = ["bot", "slot_types", "slots", "services", "flows", "responses", "patterns", "knowledge", "events", "out_of_scope"];
    internal static readonly string[] BotKeys = ["id", "name", "default_language", "languages", "persona", "welcome", "limits", "understanding", "time_zone"];
    internal static readonly string[] UnderstandingKeys = ["digression_threshold", "digression_margin"];
    internal static readonly string[] LimitKeys = ["max_attempts", "max_gotos_per_turn", "max_steps_per_turn", "history_turns", "max_stack_depth"];
    internal static readonly string[] SlotTypeKeys = ["kind", "description", "values", "pattern", "normalize", "min", "max", "sensitive", "accept", "max_size", "hours"];
    internal static readonly string[] SlotKeys = ["type", "description", "label", "sensitive"];
    internal static readonly string[] ServiceKeys = ["base_url", "headers", "timeout", "retry", "retry_on"];
    internal static readonly string[] FlowKeys = ["description", "label", "examples", "slots", "inputs", "outputs", "steps", "routable", "help", "expire_after", "on_expire"];
    internal static readonly string[] ResponseKeys = ["text", "variants", "buttons", "card", "form", "phrasing", "instruction", "guards"];
    internal static readonly string[] StepKinds = ["ask", "say", "confirm", "branch", "set", "clear", "call", "http", "handoff", "end", "goto", "answer", "remember"];
    internal static readonly string[] NormalizeNames = ["trim", "upper", "lower", "no_spaces", "no_dashes", "no_separators"];
    internal static readonly string[] EnumValueKeys = ["label", "synonyms"];

    /// <summary>The slot type keys each kind reads (besides kind, description and sensitive); the others are ignored with a warning.</summary>
    private static readonly Dictionary<SlotKind, string[]> KindKeys = new()
    {
        [SlotKind.Text] = ["normalize"],
        [SlotKind.Enum] = ["values"],
        [SlotKind.Integer] = ["min", "max"],
        [SlotKind.Number] = ["min", "max"],
        [SlotKind.Boolean] = [],
        [SlotKind.Date] = ["min", "max", "values"],
        [SlotKind.DateTime] = ["min", "max", "values", "hours"],
        [SlotKind.Time] = ["min", "max", "values"],
        [SlotKind.Email] = [],
        [SlotKind.Regex] = ["pattern", "normalize"],
        [SlotKind.File] = ["accept", "max_size"],
    };

    private static readonly Dictionary<string, string[]> StepKeys = new(StringComparer.Ordinal)
    {
        ["ask"] = ["id", "ask", "response", "reprompt", "validation", "max_attempts", "on_exhausted", "help", "interruptions", "remind_after", "remind", "from_opening", "optional", "attempts_per_visit"],
        ["say"] = ["id", "say"],
        ["confirm"] = ["id", "confirm", "on_yes", "on_no", "on_change", "edit", "max_attempts", "on_exhausted", "help", "interruptions"],
        ["branch"] = ["id", "branch", "else"],
        ["set"] = ["id", "set"],
        ["clear"] = ["id", "clear"],
        ["call"] = ["id", "call", "inputs", "outputs"],
        ["http"] = ["id", "http", "method", "path", "body", "headers", "idempotency_key", "timeout", "retry", "retry_on", "result", "error_result", "on_status", "on_error", "async", "wait"],
        ["handoff"] = ["id", "handoff"],
        ["end"] = ["id", "end"],
        ["goto"] = ["id", "goto", "limit", "on_limit"],
        ["answer"] = ["id", "answer", "if_no_answer", "min_score", "max_sentences", "async", "wait"],
        ["remember"] = ["id", "remember", "replace"],
    };

    private readonly Dictionary<string, SourceSpan> _firstSeen = new(StringComparer.Ordinal);
    private BotSettings? _settings;
    private PatternSettings? _patterns;
    private LocalizedText? _outOfScope;
    private readonly BotDefinition _scratch = new()
    {
        Settings = new BotSettings { Id = "", Name = "", DefaultLanguage = "en", Languages = ["en"], Span = default },
    };
    private readonly List<string> _files = [];
    private bool _unreadable;
    private readonly HashSet<string> _declaredWithErrors = new(StringComparer.Ordinal);
    private readonly List<(YamlReader Yaml, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Root)> _documents = [];

    /// <summary>Reads one file's text; may be called for several files.</summary>
    public void ReadFile(string file, string content)
    {
        _files.Add(file);
        var yaml = new YamlReader(file, diagnostics);
        var stream = new YamlStream();
        try
        {
            // Merge keys ("<<: *common") as YAML 1.1 defines them: an author who shares a type's keys by an anchor
            // expects the keys to arrive, not "unknown key '<<'" and the merged keys missing.
            stream.Load(new MergingParser(new Parser(new StringReader(content))));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; the position is already in our prefix.
            var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            message = cut >= 0 ? message[(cut + 3)..] : message;
            var where = Where(ex, file, content);
            diagnostics.ReportWithHelp(DiagnosticIds.YamlSyntax, where, YamlSyntaxHints.For(message, content, where.Line, where.Column), message);
            _unreadable = true;
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // The YAML library occasionally fails on malformed input with a non-YAML exception; report where it stopped.
            diagnostics.Report(DiagnosticIds.YamlSyntax, LastGoodPosition(file, content), "the file is not well-formed YAML here (check brackets, quotes and indentation)");
            _unreadable = true;
            return;
        }
        // An empty file (or one of comments only) reads as no document: a file the author meant to fill, or a leftover.
        if (stream.Documents.Count == 0 || stream.Documents.All(d => YamlReader.IsNull(d.RootNode))) diagnostics.Report(DiagnosticIds.EmptyFile, new SourceSpan(file, 1, 1));
        foreach (var document in stream.Documents)
        {
            var root = yaml.Mapping(document.RootNode, "the file", TopLevelKeys);
            if (root is null) continue;
            // The bot section is read at once; the rest waits for Build, when the default language (which plain texts
            // are written in) is known whichever file the bot section is in.
            if (root.TryGetValue("bot", out var bot)) ReadOnce(yaml, bot.Key, "bot", () => _settings = ReadBot(yaml, bot.Value, yaml.Span(bot.Key)));
            _documents.Add((yaml, root));
        }
    }

    private void ReadSections(YamlReader yaml, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> root)
    {
        foreach (var (key, (keyNode, value)) in root)
        {
            switch (key)
            {
                case "patterns": ReadOnce(yaml, keyNode, "patterns", () => _patterns = ReadPatterns(yaml, value)); break;
                case "out_of_scope": ReadOnce(yaml, keyNode, "out_of_scope", () => _outOfScope = yaml.Localized(value, "out_of_scope")); break;
                case "knowledge": ReadOnce(yaml, keyNode, "knowledge", () => _knowledge = ReadKnowledge(yaml, value, yaml.Span(keyNode))); break;
                case "slot_types": ReadNamed(yaml, value, "slot type", "slot_types", _scratch.SlotTypes, (id, n, span) => ReadSlotType(yaml, id, n, span)); break;
                case "slots": ReadNamed(yaml, value, "slot", "slots", _scratch.Slots, (id, n, span) => ReadSlot(yaml, id, n, span)); break;
                case "services": ReadNamed(yaml, value, "service", "services", _scratch.Services, (id, n, span) => ReadService(yaml, id, n, span)); break;
                case "flows": ReadNamed(yaml, value, "flow", "flows", _scratch.Flows, (id, n, span) => ReadFlow(yaml, id, n, span)); break;
                case "responses": ReadNamed(yaml, value, "response", "responses", _scratch.Responses, (id, n, span) => ReadResponse(yaml, id, n, span)); break;
                case "events": ReadNamed(yaml, value, "event", "events", _scratch.Events, (id, n, span) => ReadEvent(yaml, id, n, span)); break;
            }
        }
    }

    /// <summary>
    /// Where a YAML error is. YamlDotNet leaves a few errors without a position (a tab in the indentation, an alias of an
    /// anchor that does not exist): those are found in the text, so no error points at 1:1 for a problem further down.
    /// </summary>
    private static SourceSpan Where(YamlException ex, string file, string content)
    {
        var innermost = ex;
        while (innermost.InnerException is YamlException inner) innermost = inner;
        if (innermost.Message.Contains("tab", StringComparison.Ordinal) && YamlSyntaxHints.TabInIndentation(content, (int)innermost.Start.Line) is { } tab) return new SourceSpan(file, tab.Line, tab.Column);
        if (innermost.Start.Index > 0 || innermost.Start.Line > 1) return new SourceSpan(file, (int)innermost.Start.Line, (int)innermost.Start.Column);
        if (innermost is AnchorNotFoundException && UndefinedAlias(file, content) is { } alias) return alias;
        return LastGoodPosition(file, content);
    }

    private static SourceSpan? UndefinedAlias(string file, string content)
    {
        var parser = new Parser(new StringReader(content));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is YamlDotNet.Core.Events.AnchorAlias alias && !anchors.Contains(alias.Value.Value))
                {
                    return new SourceSpan(file, (int)alias.Start.Line, (int)alias.Start.Column);
                }

                if (parser.Current is YamlDotNet.Core.Events.NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // A later syntax error: the alias was not found before it.
        }
        return null;
    }

    private static SourceSpan LastGoodPosition(string file, string content)
    {
        var parser = new Parser(new StringReader(content));
        var span = new SourceSpan(file, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is { } e) span = new SourceSpan(file, (int)e.End.Line, (int)e.End.Column);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // Expected: this walk exists to find where parsing stops.
        }
        return span;
    }

    /// <summary>The merged definition; null when no bot settings were found.</summary>
    public BotDefinition? Build(string folderForDiagnostics)
    {
        var plainLanguage = _settings?.DefaultLanguage ?? _scratch.Settings.DefaultLanguage;
        foreach (var (yaml, root) in _documents)
        {
            yaml.PlainTextLanguage = plainLanguage;
            ReadSections(yaml, root);
        }
        _documents.Clear();
        if (_settings is null)
        {
            // A file that is no YAML may well hold the bot section: its syntax error is the one to fix, not a missing 'bot:'.
            if (_unreadable) return null;
            diagnostics.Report(DiagnosticIds.MissingBot, SourceSpan.None(_files.FirstOrDefault() ?? folderForDiagnostics));
            return null;
        }
        return new BotDefinition
        {
            Settings = _settings,
            SlotTypes = _scratch.SlotTypes,
            Slots = _scratch.Slots,
            Services = _scratch.Services,
            Flows = _scratch.Flows,
            Responses = _scratch.Responses,
            Events = _scratch.Events,
            Patterns = _patterns ?? new PatternSettings(),
            OutOfScope = _outOfScope,
            Knowledge = _knowledge,
            Files = _files,
            Unreadable = _declaredWithErrors,
        };
    }

    private void ReadOnce(YamlReader yaml, YamlScalarNode keyNode, string section, Action read)
    {
        var span = yaml.Span(keyNode);
        if (_firstSeen.TryGetValue("section:" + section, out var first))
        {
            diagnostics.Report(DiagnosticIds.DuplicateId, span, "section", section, first);
            return;
        }
        _firstSeen["section:" + section] = span;
        read();
    }

    private void ReadNamed<T>(YamlReader yaml, YamlNode node, string what, string section, Dictionary<string, T> target, Func<string, YamlNode, SourceSpan, T?> read)
        where T : class
    {
        var map = yaml.Mapping(node, section, null);
        if (map is null) return;
        foreach (var (id, (keyNode, value)) in map)
        {
            var span = yaml.Span(keyNode);
            if (!id.StartsWith("builtin.", StringComparison.Ordinal)) yaml.CheckId(id, span);
            if (_firstSeen.TryGetValue(what + ":" + id, out var first))
            {
                diagnostics.Report(DiagnosticIds.DuplicateId, span, what, id, first);
                continue;
            }
            _firstSeen[what + ":" + id] = span;
            var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
            var item = read(id, value, span);
            if (item is not null) target[id] = item;
            else if (diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore) _declaredWithErrors.Add(what + ":" + id);
        }
    }

    private BotSettings? ReadBot(YamlReader yaml, YamlNode node, SourceSpan span)
    {
        var map = yaml.Mapping(node, "bot", BotKeys);
        if (map is null) return null;
        string? Get(string key) => map.TryGetValue(key, out var v) ? yaml.Scalar(v.Value, "bot." + key) : null;
        var id = Get("id");
        var name = Get("name");
        var languages = map.TryGetValue("languages", out var langs) ? yaml.List(langs.Value, "bot.languages").Select(l => LanguageCode(l.Value, l.Span, "bot.languages")).ToList() : [];
        var defaultLanguage = map.TryGetValue("default_language", out var dl) && Get("default_language") is { } written
            ? LanguageCode(written, yaml.Span(dl.Value), "bot.default_language")
            : languages.FirstOrDefault();
        foreach (var required in new[] { "id", "name", "languages" })
        {
            if (!map.ContainsKey(required)) yaml.MissingKey(span, "bot", required, node);
        }
        if (defaultLanguage is not null && languages.Count > 0 && !languages.Contains(defaultLanguage))
        {
            diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, yaml.Span(map["default_language"].Value), DidYouMean.Suggest(defaultLanguage, languages),
                defaultLanguage, "bot.default_language", $"the default language must be one of bot.languages ({string.Join(", ", languages)})");
        }
        var limits = new BotLimits();
        if (map.TryGetValue("limits", out var l))
        {
            var lm = yaml.Mapping(l.Value, "bot.limits", LimitKeys) ?? [];
            int Limit(string key, int fallback, int max)
            {
                if (!lm.TryGetValue(key, out var v)) return fallback;
                var n = yaml.Int(v.Value, "limits." + key);
                if (n is null) return fallback;
                if (n < 1 || n > max)
                {
                    diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(v.Value), n, "limits." + key, $"must be between 1 and {max}");
                    return fallback;
                }
                return n.Value;
            }
            limits = new BotLimits
            {
                MaxAttempts = Limit("max_attempts", 3, BotLimits.AttemptCeiling),
                MaxGotosPerTurn = Limit("max_gotos_per_turn", 10, 100),
                MaxStepsPerTurn = Limit("max_steps_per_turn", 100, 1000),
                HistoryTurns = Limit("history_turns", 6, 20),
                MaxStackDepth = Limit("max_stack_depth", 5, 10),
            };
        }
        var understanding = new UnderstandingSettings();
        if (map.TryGetValue("understanding", out var u))
        {
            var um = yaml.Mapping(u.Value, "bot.understanding", UnderstandingKeys) ?? [];
            double Share(string key, double fallback)
            {
                if (!um.TryGetValue(key, out var v)) return fallback;
                var n = yaml.Number(v.Value, "understanding." + key);
                if (n is null) return fallback;
                if (n is < 0 or > 1)
                {
                    diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(v.Value), n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "understanding." + key, "must be between 0 and 1 (a recognizer score)");
                    return fallback;
                }
                return n.Value;
            }
            understanding = new UnderstandingSettings
            {
                DigressionThreshold = Share("digression_threshold", understanding.DigressionThreshold),
                DigressionMargin = Share("digression_margin", understanding.DigressionMargin),
            };
        }
        return new BotSettings
        {
            Id = id ?? "",
            Name = name ?? "",
            Languages = languages.Count > 0 ? languages : ["en"],
            DefaultLanguage = defaultLanguage ?? "en",
            Persona = Get("persona"),
            TimeZone = map.TryGetValue("time_zone", out var tz) ? ReadTimeZone(yaml, tz.Value) : null,
            Welcome = map.TryGetValue("welcome", out var w) ? yaml.Name(w.Value, "bot.welcome") : null,
            Limits = limits,
            Understanding = understanding,
            Span = span,
        };
    }

    // Languages written by name instead of code ("languages: [deutsch, englisch]"), folded to lower case without umlauts.
    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.Ordinal)
    {
        ["deutsch"] = "de", ["german"] = "de", ["english"] = "en", ["englisch"] = "en",
        ["french"] = "fr", ["francais"] = "fr", ["franzoesisch"] = "fr", ["spanish"] = "es", ["espanol"] = "es", ["spanisch"] = "es",
        ["italian"] = "it", ["italiano"] = "it", ["italienisch"] = "it", ["dutch"] = "nl", ["nederlands"] = "nl", ["niederlaendisch"] = "nl",
        ["polish"] = "pl", ["polski"] = "pl", ["polnisch"] = "pl", ["turkish"] = "tr", ["turkce"] = "tr", ["tuerkisch"] = "tr",
        ["portuguese"] = "pt", ["portugues"] = "pt", ["portugiesisch"] = "pt", ["russian"] = "ru", ["russisch"] = "ru",
    };

    /// <summary>
    /// A language of <c>bot.languages</c> or <c>bot.default_language</c>: a code such as <c>de</c> or <c>en</c> (also with a
    /// region, <c>de-CH</c>). A language written by name ("deutsch") is one error at that entry, and the code it names
    /// stands in for it, so the bot's <c>{ de: … }</c> texts are not also reported, each of them, as in no bot language.
    /// </summary>
    private string LanguageCode(string value, SourceSpan at, string key)
    {
        var parts = value.Split('-');
        if (parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetterLower) && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit)))
        {
            return value;
        }
        var folded = value.Trim().ToLowerInvariant().Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ç", "c", StringComparison.Ordinal).Replace("ñ", "n", StringComparison.Ordinal);
        var code = LanguageNames.GetValueOrDefault(folded);
        diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, at, code is null ? null : $"did you mean '{code}'?", value, key, "a language is written as its code, such as de or en");
        return code ?? value;
    }

    private string? ReadTimeZone(YamlReader yaml, YamlNode node)
    {
        var id = yaml.Scalar(node, "bot.time_zone");
        if (id is null) return null;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)) return id;
        var known = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(z => z.Contains('/', StringComparison.Ordinal)).ToList();
        diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, yaml.Span(node), DidYouMean.Suggest(id, known), id, "time_zone", "expected an IANA time zone such as Europe/Berlin or America/New_York");
        return null;
    }

    private PatternSettings? ReadPatterns(YamlReader yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "patterns", PatternSettings.Names.ToArray());
        if (map is null) return null;
        var defaults = new PatternSettings();
        NameRef? cancelConfirm = defaults.CancelConfirm;
        NameRef? startOverConfirm = defaults.StartOverConfirm;
        var responses = new Dictionary<string, NameRef>(StringComparer.Ordinal);
        var examples = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var pattern in PatternSettings.Table)
        {
            if (!map.TryGetValue(pattern.Name, out var v)) continue;
            var key = pattern.Name;
            // "handoff: handing_over" (the author5 trial) names the response where the pattern's settings go.
            var help = v.Value is YamlScalarNode { Value: { Length: > 0 } named } ? $"a pattern's response goes under 'response': {key}: {{ response: {named} }}" : null;
            var keys = new List<string> { "response" };
            if (pattern.HasConfirm) keys.Add("confirm");
            if (pattern.TakesExamples) keys.Add("examples");
            var pm = yaml.Mapping(v.Value, "patterns." + key, [.. keys], help);
            if (pm is null) continue;
            if (pattern.HasConfirm && pm.TryGetValue("confirm", out var c))
            {
                // "confirm: false" (or empty) turns the confirmation off.
                var confirm = YamlReader.IsNull(c.Value) || (c.Value is YamlScalarNode s && s.Value == "false") ? null : yaml.Name(c.Value, $"patterns.{key}.confirm");
                if (key == "cancel") cancelConfirm = confirm;
                else startOverConfirm = confirm;
            }
            if (pm.TryGetValue("response", out var r) && yaml.Name(r.Value, $"patterns.{key}.response") is { } response) responses[key] = response;
            if (pattern.TakesExamples && pm.TryGetValue("examples", out var e) && yaml.Localized(e.Value, $"patterns.{key}.examples") is { } phrases) examples[key] = phrases;
        }
        return new PatternSettings(responses) { CancelConfirm = cancelConfirm, StartOverConfirm = startOverConfirm, Examples = examples };
    }

    private SlotTypeDefinition? ReadSlotType(YamlReader yaml, string id, YamlNode node, SourceSpan span)
    {
        var map = yaml.Mapping(node, $"slot type '{id}'", SlotTypeKeys);
        if (map is null) return null;
        if (!map.TryGetValue("kind", out var kindNode))
        {
            yaml.MissingKey(span, $"slot type '{id}'", "kind", node);
            return null;
        }
        var kindText = yaml.Scalar(kindNode.Value, "kind");
        if (kindText is null || !SlotKinds.TryParse(kindText, out var kind))
        {
            if (kindText is not null)
            {
                var meant = DidYouMean.Suggest(kindText, SlotKinds.Names) ?? (SlotKinds.Meant(kindText) is { } m ? $"did you mean '{m}'?" : null);
                diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, yaml.Span(kindNode.Value), meant, kindText, "kind", "expected one of " + string.Join(", ", SlotKinds.Names));
            }
            return null;
        }
        foreach (var (key, (keyNode, _)) in map)
        {
            if (key is "kind" or "description" or "sensitive" || KindKeys[kind].Contains(key)) continue;
            var kinds = KindKeys.Where(k => k.Value.Contains(key)).Select(k => SlotKinds.ToName(k.Key));
            diagnostics.Report(DiagnosticIds.IgnoredKey, yaml.Span(keyNode), key, kindText, id, string.Join(", ", kinds));
        }
        var values = new List<EnumValueDefinition>();
        if (map.TryGetValue("values", out var v) && KindKeys[kind].Contains("values"))
        {
            if (v.Value is YamlSequenceNode seq)
            {
                // Short form: a list of values without synonyms.
                foreach (var item in seq.Children)
                {
                    var value = yaml.Scalar(item, "values");
                    if (value is not null) values.Add(new EnumValueDefinition(value, new Dictionary<string, IReadOnlyList<string>>(), yaml.Span(item)));
                }
            }
            else
            {
                foreach (var (value, (key, body)) in yaml.Mapping(v.Value, $"values of '{id}'", null) ?? [])
                {
                    var item = ReadEnumValue(yaml, value, body, yaml.Span(key));
                    if (item is not null) values.Add(item);
                }
            }
        }
        if (kind == SlotKind.Enum && values.Count == 0)
        {
            yaml.MissingKey(span, $"enum slot type '{id}'", "values", node);
        }
        string? pattern = null;
        if (kind == SlotKind.Regex && map.TryGetValue("pattern", out var p))
        {
            pattern = yaml.Scalar(p.Value, "pattern");
            if (pattern is not null)
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException ex)
                {
                    diagnostics.Report(DiagnosticIds.InvalidPattern, yaml.Span(p.Value), pattern, ex.Message);
                }
            }
        }
        else if (kind == SlotKind.Regex)
        {
            yaml.MissingKey(span, $"regex slot type '{id}'", "pattern", node);
        }
        var normalize = new List<string>();
        if (KindKeys[kind].Contains("normalize") && map.TryGetValue("normalize", out var nm))
        {
            foreach (var (n, nspan) in yaml.List(nm.Value, "normalize"))
            {
                if (NormalizeNames.Contains(n)) normalize.Add(n);
                else diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, nspan, DidYouMean.Suggest(n, NormalizeNames), n, "normalize", "expected " + string.Join(", ", NormalizeNames));
            }
        }
        return new SlotTypeDefinition
        {
            Id = id,
            Kind = kind,
            Accept = kind == SlotKind.File && map.TryGetValue("accept", out var accept) ? ReadAccept(yaml, id, accept.Value) : [],
            MaxSize = kind == SlotKind.File && map.TryGetValue("max_size", out var maxSize) ? ReadSize(yaml, id, maxSize.Value) : null,
            Description = map.TryGetValue("description", out var d) ? yaml.Scalar(d.Value, "description") : null,
            Values = values,
            Pattern = pattern,
            Normalize = normalize,
            Min = kind is SlotKind.Integer or SlotKind.Number && map.TryGetValue("min", out var mn) ? yaml.Number(mn.Value, "min") : null,
            Max = kind is SlotKind.Integer or SlotKind.Number && map.TryGetValue("max", out var mx) ? yaml.Number(mx.Value, "max") : null,
            Earliest = SlotKinds.IsTemporal(kind) && map.TryGetValue("min", out var earliest) ? Bound(yaml, earliest.Value, "min") : null,
            Latest = SlotKinds.IsTemporal(kind) && map.TryGetValue("max", out var latest) ? Bound(yaml, latest.Value, "max") : null,
            Hours = kind == SlotKind.DateTime && map.TryGetValue("hours", out var hours) ? ReadHours(yaml, hours.Value) : null,
            Sensitive = map.TryGetValue("sensitive", out var s) && yaml.Bool(s.Value, "sensitive") == true,
            Span = span,
        };
    }

    // A content type or a family of them: "application/pdf", "image/*"; parameters and "*/*" are not allow-list entries.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+-]*/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ContentTypePattern();

    // "1.5MB", "200 KB", "10 MiB" or plain bytes.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SizePattern();

    private List<string> ReadAccept(YamlReader yaml, string id, YamlNode node)
    {
        var accept = new List<string>();
        foreach (var (entry, entrySpan) in yaml.List(node, "accept"))
        {
            if (ContentTypePattern().IsMatch(entry)) accept.Add(entry.ToLowerInvariant());
            else diagnostics.Report(DiagnosticIds.FileSlotOption, entrySpan, "accept", entry, id, "write a content type such as application/pdf, or a family such as image/*");
        }
        return accept;
    }

    // "08:00-18:00": the times of day a datetime slot is meant for, the first before the second.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")]
    private static partial System.Text.RegularExpressions.Regex HoursPattern();

    private DayHours? ReadHours(YamlReader yaml, YamlNode node)
    {
        // "[14:00, 17:30, 20:15]" or "14:00, 17:30, 20:15": start times listed (a cinema's shows), which hours cannot say.
        if (node is YamlSequenceNode { Children: var items } && items.All(i => i is YamlScalarNode))
        {
            ReportStartTimes(yaml, node, string.Join(", ", items.Cast<YamlScalarNode>().Select(i => i.Value)));
            return null;
        }
        var text = yaml.Scalar(node, "hours");
        if (text is null) return null;
        if (text.Contains(',', StringComparison.Ordinal))
        {
            ReportStartTimes(yaml, node, text);
            return null;
        }
        var match = HoursPattern().Match(text);
        if (match.Success
            && TimeOnly.TryParseExact(match.Groups[1].Value.PadLeft(5, '0'), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(match.Groups[2].Value.PadLeft(5, '0'), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to)
            && from < to)
        {
            return new DayHours(from, to);
        }
        diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(node), text, "hours", "write the first and the last time of day as 08:00-18:00, the first before the second");
        return null;
    }

    /// <summary>Start times written as <c>hours</c>: says what hours are and the validation rule that takes only those times.</summary>
    private void ReportStartTimes(YamlReader yaml, YamlNode node, string listed)
    {
        var times = listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rule = string.Join(" or ", times.Select(t => $"time(<slot>) == \"{t}\""));
        diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(node), listed, "hours",
            $"hours are one range of the day, such as 13:00-23:00, that only says how a bare hour reads (\"at 8\" is then 20:00) and refuses nothing; to take only these start times, add a validation rule to the ask: {rule}, with a message that names them");
    }

    private long? ReadSize(YamlReader yaml, string id, YamlNode node)
    {
        var text = yaml.Scalar(node, "max_size");
        if (text is null) return null;
        var match = SizePattern().Match(text);
        var unit = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "KB" => 1_000d, "MB" => 1_000_000d, "GB" => 1_000_000_000d, "KIB" => 1024d, "MIB" => 1024d * 1024, "GIB" => 1024d * 1024 * 1024, _ => 1d,
        };
        if (match.Success && double.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            && amount * unit is >= 1 and <= 1e12 and var bytes)
        {
            return (long)bytes;
        }
        diagnostics.Report(DiagnosticIds.FileSlotOption, yaml.Span(node), "max_size", text, id, "write a size from 1 byte to 1000 GB such as 5MB, 200KB or 1048576 (bytes)");
        return null;
    }

    /// <summary>
    /// One value of <c>values:</c>: synonyms per language (<c>large: { en: [big], de: [groß] }</c>), or the long form
    /// with a label (<c>large: { label: { en: Large }, synonyms: { en: [big] } }</c>).
    /// </summary>
    private static EnumValueDefinition? ReadEnumValue(YamlReader yaml, string value, YamlNode body, SourceSpan span)
    {
        var empty = new Dictionary<string, IReadOnlyList<string>>();
        if (YamlReader.IsNull(body)) return new EnumValueDefinition(value, empty, span);
        if (body is YamlMappingNode m && m.Children.Keys.OfType<YamlScalarNode>().Any(k => EnumValueKeys.Contains(k.Value)))
        {
            var parts = yaml.Mapping(body, $"value '{value}'", EnumValueKeys);
            if (parts is null) return null;
            var synonyms = parts.TryGetValue("synonyms", out var s) && !YamlReader.IsNull(s.Value) ? yaml.Localized(s.Value, $"synonyms of '{value}'") : null;
            var label = parts.TryGetValue("label", out var l) ? yaml.Localized(l.Value, $"label of '{value}'") : null;
            return new EnumValueDefinition(value, synonyms?.Variants.ToDictionary(p => p.Key, p => p.Value) ?? empty, span) { Label = label };
        }
        var localized = yaml.Localized(body, $"synonyms of '{value}'");
        return new EnumValueDefinition(value, localized?.Variants.ToDictionary(p => p.Key, p => p.Value) ?? empty, span);
    }

    /// <summary><c>min</c>/<c>max</c> of a date or time type: an expression, or a bare canonical value (<c>2026-12-24</c>, <c>09:00</c>) read as its text literal.</summary>
    private static ExpressionText? Bound(YamlReader yaml, YamlNode node, string what)
    {
        var text = yaml.Scalar(node, what);
        if (text is null) return null;
        var span = yaml.Span(node);
        if (CanonicalText.TryDate(text, out _) || CanonicalText.TryTime(text, out _) || CanonicalText.TryInstant(text, TimeZoneInfo.Utc, out _))
        {
            return new ExpressionText("\"" + text + "\"", span);
        }
        return new ExpressionText(text, span);
    }

    private SlotDefinition? ReadSlot(YamlReader yaml, string name, YamlNode node, SourceSpan span)
    {
        // Short form "order_id: order_number" names just the type.
        if (node is YamlScalarNode && !YamlReader.IsNull(node))
        {
            return new SlotDefinition { Name = name, Type = yaml.Name(node, "type")!, Span = span };
        }
        // "slots: { bike: { kind: enum, values: [...] } }" writes a slot type where a slot goes: one error that says where
        // it belongs, not an unknown key for each of its lines and a missing 'type'.
        if (node is YamlMappingNode written && written.Children.Keys.OfType<YamlScalarNode>().ToList() is var keys
            && keys.All(k => k.Value != "type") && keys.FirstOrDefault(k => k.Value == "kind") is { } kind)
        {
            yaml.Diagnostics.ReportWithHelp(DiagnosticIds.UnknownKey, yaml.Span(kind),
                $"'kind' defines a slot type: move '{name}' with its kind and values under slot_types:, and declare the slot as '{name}: {name}'", "kind", $"slot '{name}'");
            return null;
        }
        var map = yaml.Mapping(node, $"slot '{name}'", SlotKeys);
        if (map is null) return null;
        if (!map.TryGetValue("type", out var t))
        {
            yaml.MissingKey(span, $"slot '{name}'", "type", node);
            return null;
        }
        var type = yaml.Name(t.Value, "type");
        if (type is null) return null;
        return new SlotDefinition
        {
            Name = name,
            Type = type,
            Description = map.TryGetValue("description", out var d) ? yaml.Scalar(d.Value, "description") : null,
            Label = map.TryGetValue("label", out var l) ? yaml.Localized(l.Value, $"label of slot '{name}'") : null,
            Sensitive = map.TryGetValue("sensitive", out var s) ? yaml.Bool(s.Value, "sensitive") : null,
            Span = span,
        };
    }

    private SettingValue? ReadSetting(YamlReader yaml, YamlNode node, string what)
    {
        if (node is YamlMappingNode && !YamlReader.IsUnquotedPlaceholder(node, out _))
        {
            var map = yaml.Mapping(node, what, ["config"]);
            if (map is null) return null;
            if (!map.TryGetValue("config", out var c))
            {
                yaml.MissingKey(yaml.Span(node), what, "config");
                return null;
            }
            var key = yaml.Scalar(c.Value, what + ".config");
            return key is null ? null : new SettingValue(null, key, yaml.Span(c.Value));
        }
        var literal = yaml.Scalar(node, what);
        return literal is null ? null : new SettingValue(literal, null, yaml.Span(node));
    }

    private ServiceDefinition? ReadService(YamlReader yaml, string id, YamlNode node, SourceSpan span)
    {
        var map = yaml.Mapping(node, $"service '{id}'", ServiceKeys);
        if (map is null) return null;
        if (!map.TryGetValue("base_url", out var b))
        {
            yaml.MissingKey(span, $"service '{id}'", "base_url", node);
            return null;
        }
        var baseUrl = ReadSetting(yaml, b.Value, "base_url");
        if (baseUrl is null) return null;
        var retry = map.TryGetValue("retry", out var r) ? yaml.Int(r.Value, "retry") : null;
        if (retry is < 0 or > 5)
        {
            diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(r.Value), retry, "retry", "must be between 0 and 5");
            retry = 0;
        }
        return new ServiceDefinition
        {
            Id = id,
            BaseUrl = baseUrl,
            Headers = map.TryGetValue("headers", out var h) ? ReadHeaders(yaml, h.Value, id) : [],
            Timeout = (map.TryGetValue("timeout", out var t) ? yaml.Duration(t.Value, "timeout") : null) ?? TimeSpan.FromSeconds(5),
            Retry = retry ?? 0,
            RetryOn = map.TryGetValue("retry_on", out var ro) ? ReadRetryOn(yaml, ro.Value) : null,
            Span = span,
        };
    }

    /// <summary>Header name -> <c>{ config: Key }</c> or a template over slots; a fixed inline value could be a secret and is refused.</summary>
    private List<(string, SettingValue)> ReadHeaders(YamlReader yaml, YamlNode node, string service)
    {
        var headers = new List<(string, SettingValue)>();
        foreach (var (name, (key, value)) in yaml.Mapping(node, "headers", null) ?? [])
        {
            if (!HeaderName().IsMatch(name))
            {
                diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(key), name, "headers", "a header name has letters, digits and - only");
                continue;
            }
            var setting = ReadSetting(yaml, value, "header " + name);
            if (setting is null) continue;
            if (!setting.IsConfigReference && Template.Placeholders(setting.Literal!).Count == 0) diagnostics.Report(DiagnosticIds.InlineSecret, setting.Span, name, service);
            headers.Add((name, setting));
        }
        return headers;
    }

    /// <summary><c>retry_on: [timeout, connection, 429, 5xx]</c>.</summary>
    private RetryConditions? ReadRetryOn(YamlReader yaml, YamlNode node)
    {
        var statuses = new List<StatusPattern>();
        bool timeout = false, connection = false, ok = true;
        foreach (var (item, itemSpan) in yaml.List(node, "retry_on"))
        {
            if (item == "timeout") timeout = true;
            else if (item == "connection") connection = true;
            else if (StatusPattern.TryParse(item, out var status)) statuses.Add(status);
            else
            {
                diagnostics.ReportWithHelp(DiagnosticIds.InvalidValue, itemSpan, DidYouMean.Suggest(item, RetryConditions.Words), item, "retry_on",
                    "expected timeout, connection, a status code such as 503 or a class such as 5xx");
                ok = false;
            }
        }
        return ok ? new RetryConditions(statuses, timeout, connection) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial System.Text.RegularExpressions.Regex HeaderName();

    // A body value that is one placeholder and nothing else keeps the slot's type; with a filter or other text it is text.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*\{\{\s*([A-Za-z][A-Za-z0-9_\-]*)\s*\}\}\s*$")]
    private static partial System.Text.RegularExpressions.Regex LonePlaceholder();

    /// <summary>"slots: [- card: card_number, - title: text]": a list of one-entry mappings, as "card: card_number, title: text"; null for anything else.</summary>
    private static string? ListOfPairs(YamlNode node) =>
        node is YamlSequenceNode { Children.Count: > 0 } list && list.Children.All(c => c is YamlMappingNode { Children.Count: 1 } m && m.Children.Keys.Single() is YamlScalarNode)
            ? string.Join(", ", list.Children.Cast<YamlMappingNode>().Select(m => m.Children.Single()).Select(p => $"{((YamlScalarNode)p.Key).Value}: {(p.Value is YamlScalarNode v ? v.Value : "…")}"))
            : null;

    /// <summary>The entries of such a list, read as the mapping they were meant to be (its error is reported once), so the steps that use them are not "unknown slot" too.</summary>
    private static Dictionary<string, (YamlScalarNode Key, YamlNode Value)> ListEntries(YamlReader yaml, YamlNode node)
    {
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        if (ListOfPairs(node) is null) return result;
        foreach (var (key, value) in ((YamlSequenceNode)node).Children.Cast<YamlMappingNode>().Select(m => m.Children.Single()))
        {
            var name = ((YamlScalarNode)key).Value;
            if (name is not null) result.TryAdd(name, ((YamlScalarNode)key, value));
        }
        return result;
    }

    private FlowDefinition? ReadFlow(YamlReader yaml, string id, YamlNode node, SourceSpan span)
    {
        var map = yaml.Mapping(node, $"flow '{id}'", FlowKeys);
        if (map is null) return null;
        var slots = new Dictionary<string, SlotDefinition>(StringComparer.Ordinal);
        if (map.TryGetValue("slots", out var s))
        {
            var entries = yaml.Mapping(s.Value, $"slots of flow '{id}'", null, ListOfPairs(s.Value) is { } pairs ? "write them without the '- ', as one mapping: slots: { " + pairs + " }" : null)
                ?? ListEntries(yaml, s.Value);
            foreach (var (name, (key, value)) in entries)
            {
                yaml.CheckId(name, yaml.Span(key));
                var slot = ReadSlot(yaml, name, value, yaml.Span(key));
                if (slot is not null) slots[name] = slot;
            }
        }
        if (!map.TryGetValue("steps", out var stepsNode))
        {
            yaml.MissingKey(span, $"flow '{id}'", "steps", node);
        }
        var steps = new List<StepDefinition>();
        var idsWithoutStep = new HashSet<string>(StringComparer.Ordinal);
        if (stepsNode.Value is not null)
        {
            var index = 0;
            foreach (var stepNode in yaml.Sequence(stepsNode.Value, $"steps of flow '{id}'"))
            {
                index++;
                var step = ReadStep(yaml, stepNode, index, id, idsWithoutStep);
                if (step is not null) steps.Add(step);
            }
        }
        List<NameRef> Names(string key) =>
            map.TryGetValue(key, out var n) ? yaml.List(n.Value, key).Select(x => new NameRef(x.Value, x.Span)).ToList() : [];
        return new FlowDefinition
        {
            Id = id,
            Description = map.TryGetValue("description", out var d) ? yaml.Scalar(d.Value, "description") ?? "" : "",
            Label = map.TryGetValue("label", out var lb) ? yaml.Localized(lb.Value, $"label of flow '{id}'") : null,
            Examples = map.TryGetValue("examples", out var e) ? yaml.Localized(e.Value, $"examples of flow '{id}'") : null,
            Slots = slots,
            Inputs = Names("inputs"),
            Outputs = Names("outputs"),
            Steps = steps,
            IdsWithoutStep = idsWithoutStep,
            StepsKeyMissing = stepsNode.Value is null,
            Routable = !map.TryGetValue("routable", out var r) || yaml.Bool(r.Value, "routable") != false,
            Help = map.TryGetValue("help", out var hp) ? yaml.Name(hp.Value, "help") : null,
            ExpireAfter = map.TryGetValue("expire_after", out var ex) ? TimerDuration(yaml, ex.Value, "expire_after") : null,
            OnExpire = map.TryGetValue("on_expire", out var oe) && !YamlReader.IsNull(oe.Value) ? yaml.Name(oe.Value, "on_expire") : null,
            Span = span,
        };
    }

    /// <summary>The longest <c>remind_after</c> / <c>expire_after</c>: timers are queue messages whose visibility delay is at most 7 days.</summary>
    internal static readonly TimeSpan MaxTimer = TimeSpan.FromDays(7);

    private static TimeSpan? TimerDuration(YamlReader yaml, YamlNode node, string what) =>
        yaml.Duration(node, what, MaxTimer, "expected a duration up to 7d like 30s, 10m, 2h or 1d");

    private StepDefinition? ReadStep(YamlReader yaml, YamlNode node, int index, string flow, HashSet<string> idsWithoutStep)
    {
        var span = yaml.Span(node);
        var raw = yaml.Mapping(node, $"step {index} of flow '{flow}'", null);
        if (raw is null) return null;
        var kinds = raw.Keys.Where(k => StepKinds.Contains(k)).ToList();
        // "- id: confirm" and "- call: child" as two items (each dash starts a step): one slip, said where it is, and the
        // jumps to the id are not also "unknown step".
        if (kinds.Count == 0 && raw.Keys.SequenceEqual(["id"]) && yaml.Scalar(raw["id"].Value, "id") is { } lone)
        {
            idsWithoutStep.Add(lone);
            diagnostics.ReportWithHelp(DiagnosticIds.StepKind, span,
                $"'- id: {lone}' is a step of its own: write the step's kind in the same item, without a dash before it ('- id: {lone}' then '  call: …' on the next line)",
                string.Join(", ", StepKinds), "only an id");
            return null;
        }
        if (kinds.Count != 1)
        {
            var unknown = raw.Keys.FirstOrDefault(k => k != "id" && !StepKeys.Values.Any(v => v.Contains(k)));
            // "ask_slot: count", "say_response: hi": a kind with words added is too far for a typo, yet names the kind.
            var help = unknown is null ? null : DidYouMean.Suggest(unknown, StepKinds)
                ?? (kinds.Count == 0 && StepKinds.FirstOrDefault(k => unknown.Split('_', '-').Contains(k, StringComparer.Ordinal)) is { } named
                    ? $"'{unknown}' is no step kind: did you mean '{named}'?" : null);
            diagnostics.ReportWithHelp(DiagnosticIds.StepKind, span, help, string.Join(", ", StepKinds), kinds.Count == 0 ? "none" : string.Join(", ", kinds));
            return null;
        }
        var kind = kinds[0];
        // "- answer:" with "if_no_answer: no_answer" indented below it: the step's keys became the value of its kind, and
        // "answer must be a single value" beside "missing the required key 'if_no_answer'" named neither the slip nor the fix.
        if (kind != "set" && raw[kind].Value is YamlMappingNode nested && nested.Children.Keys.OfType<YamlScalarNode>()
            .Select(k => k.Value).FirstOrDefault(k => k is not null && k != kind && StepKeys[kind].Contains(k)) is { } indented)
        {
            if (raw.TryGetValue("id", out var nestedId) && yaml.Scalar(nestedId.Value, "id") is { } stepId) idsWithoutStep.Add(stepId);
            diagnostics.ReportWithHelp(DiagnosticIds.WrongNodeType, yaml.Span(raw[kind].Value),
                $"'{indented}' is indented under '{kind}:', so it became its value: write the step's keys at the same indentation as '{kind}:'",
                $"the value of '{kind}'", "a single value", "a mapping");
            return null;
        }
        var map = yaml.Mapping(node, $"{kind} step", StepKeys[kind])!;
        var explicitId = map.TryGetValue("id", out var idNode) ? yaml.Scalar(idNode.Value, "id") : null;
        if (explicitId is not null) yaml.CheckId(explicitId, yaml.Span(idNode.Value));
        var id = explicitId ?? "#" + index;
        var main = map[kind].Value;
        NameRef? Name(string key) => map.TryGetValue(key, out var v) && !YamlReader.IsNull(v.Value) ? yaml.Name(v.Value, key) : null;
        NameRef Required(string key)
        {
            if (map.TryGetValue(key, out var v))
            {
                var n = yaml.Name(v.Value, key);
                if (n is not null) return n;
            }
            else
            {
                yaml.MissingKey(span, kind + " step", key);
            }
            return new NameRef("", span);
        }
        int? Attempts() => map.TryGetValue("max_attempts", out var a) ? yaml.Int(a.Value, "max_attempts") : null;
        InterruptionSettings? Interruptions()
        {
            if (!map.TryGetValue("interruptions", out var node) || YamlReader.IsNull(node.Value)) return null;
            var at = yaml.Span(node.Value);
            if (node.Value is YamlScalarNode { Value: "all" or "none" } word)
            {
                return new InterruptionSettings(word.Value == "all" ? InterruptionMode.All : InterruptionMode.None, [], at);
            }
            var names = yaml.List(node.Value, "interruptions").Select(n => new NameRef(n.Value, n.Span)).ToList();
            return new InterruptionSettings(InterruptionMode.Listed, names, at);
        }
        SourceSpan? AttemptsSpan() => map.TryGetValue("max_attempts", out var a) ? yaml.Span(a.Value) : null;

        switch (kind)
        {
            case "ask":
                var rules = new List<ValidationRule>();
                if (map.TryGetValue("validation", out var val))
                {
                    foreach (var ruleNode in yaml.Sequence(val.Value, "validation"))
                    {
                        var rm = yaml.Mapping(ruleNode, "validation rule", ["rule", "message"]);
                        if (rm is null) continue;
                        if (!rm.TryGetValue("rule", out var rule) || !rm.TryGetValue("message", out var msg))
                        {
                            yaml.MissingKey(yaml.Span(ruleNode), "validation rule", rm.ContainsKey("rule") ? "message" : "rule");
                            continue;
                        }
                        var ruleText = yaml.Scalar(rule.Value, "rule");
                        var message = yaml.Name(msg.Value, "message");
                        if (ruleText is not null && message is not null) rules.Add(new ValidationRule(new ExpressionText(ruleText, yaml.Span(rule.Value)), message));
                    }
                }
                return new AskStep
                {
                    Id = id, ExplicitId = explicitId is not null, Span = span,
                    Slot = Required("ask"), Response = Required("response"), Reprompt = Name("reprompt"), Validation = rules,
                    MaxAttempts = Attempts(), MaxAttemptsSpan = AttemptsSpan(), OnExhausted = Name("on_exhausted"), Help = Name("help"),
                    Interruptions = Interruptions(),
                    RemindAfter = map.TryGetValue("remind_after", out var ra) ? TimerDuration(yaml, ra.Value, "remind_after") : null,
                    Remind = Name("remind"),
                    FromOpening = map.TryGetValue("from_opening", out var fo) && yaml.Bool(fo.Value, "from_opening") == true,
                    FromOpeningSpan = map.TryGetValue("from_opening", out var fos) ? yaml.Span(fos.Value) : null,
                    Optional = map.TryGetValue("optional", out var opt) && yaml.Bool(opt.Value, "optional") == true,
                    AttemptsPerVisit = map.TryGetValue("attempts_per_visit", out var apv) && yaml.Bool(apv.Value, "attempts_per_visit") == true,
                };
            case "say":
                return new SayStep { Id = id, ExplicitId = explicitId is not null, Span = span, Response = Required("say") };
            case "confirm":
                NameRef? onNo = null, changePrompt = null, changeReprompt = null;
                if (map.TryGetValue("on_no", out var no) && no.Value is YamlMappingNode)
                {
                    var nm = yaml.Mapping(no.Value, "on_no", ["prompt", "reprompt"]) ?? [];
                    if (!nm.ContainsKey("prompt")) yaml.MissingKey(yaml.Span(no.Value), "on_no", "prompt");
                    changePrompt = nm.TryGetValue("prompt", out var pr) ? yaml.Name(pr.Value, "on_no.prompt") : null;
                    changeReprompt = nm.TryGetValue("reprompt", out var rp) ? yaml.Name(rp.Value, "on_no.reprompt") : null;
                }
                else
                {
                    onNo = Name("on_no");
                }
                return new ConfirmStep
                {
                    Id = id, ExplicitId = explicitId is not null, Span = span,
                    Response = Required("confirm"), OnYes = Name("on_yes"), OnNo = onNo, ChangePrompt = changePrompt, ChangeReprompt = changeReprompt, OnChange = Name("on_change"),
                    Edit = map.TryGetValue("edit", out var ed) ? yaml.List(ed.Value, "edit").Select(x => new NameRef(x.Value, x.Span)).ToList() : [],
                    MaxAttempts = Attempts(), MaxAttemptsSpan = AttemptsSpan(), OnExhausted = Name("on_exhausted"), Help = Name("help"),
                    Interruptions = Interruptions(),
                };
            case "branch":
                var cases = new List<BranchCase>();
                foreach (var caseNode in yaml.Sequence(main, "branch"))
                {
                    var cm = yaml.Mapping(caseNode, "branch case", ["if", "goto"]);
                    if (cm is null) continue;
                    if (!cm.TryGetValue("if", out var cond) || !cm.TryGetValue("goto", out var target))
                    {
                        yaml.MissingKey(yaml.Span(caseNode), "branch case", cm.ContainsKey("if") ? "goto" : "if");
                        continue;
                    }
                    var condText = yaml.Scalar(cond.Value, "if");
                    var goTo = yaml.Name(target.Value, "goto");
                    if (condText is not null && goTo is not null) cases.Add(new BranchCase(new ExpressionText(condText, yaml.Span(cond.Value)), goTo));
                }
                return new BranchStep { Id = id, ExplicitId = explicitId is not null, Span = span, Cases = cases, Else = Name("else") };
            case "set":
                return new SetStep { Id = id, ExplicitId = explicitId is not null, Span = span, Assignments = Assignments(yaml, main, "set") };
            case "clear":
                var cleared = yaml.List(main, "clear").Select(x => new NameRef(x.Value, x.Span)).ToList();
                if (cleared.Count == 0 && main is not YamlSequenceNode) yaml.MissingKey(span, "clear step", "the slots to clear");
                return new ClearStep { Id = id, ExplicitId = explicitId is not null, Span = span, Slots = cleared };
            case "call":
                var outputs = new List<(NameRef, NameRef)>();
                if (map.TryGetValue("outputs", out var o))
                {
                    foreach (var (parent, (key, value)) in yaml.Mapping(o.Value, "outputs", null) ?? [])
                    {
                        var child = yaml.Name(value, "outputs." + parent);
                        if (child is not null) outputs.Add((new NameRef(parent, yaml.Span(key)), child));
                    }
                }
                return new CallStep
                {
                    Id = id, ExplicitId = explicitId is not null, Span = span, Flow = Required("call"),
                    Inputs = map.TryGetValue("inputs", out var i) ? Assignments(yaml, i.Value, "inputs") : [],
                    Outputs = outputs,
                };
            case "http":
                var onStatus = new List<(StatusPattern, NameRef)>();
                if (map.TryGetValue("on_status", out var os))
                {
                    foreach (var (code, (key, value)) in yaml.Mapping(os.Value, "on_status", null) ?? [])
                    {
                        if (!StatusPattern.TryParse(code, out var status))
                        {
                            diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(key), code, "on_status", "expected a status code such as 404 or a class such as 5xx");
                            continue;
                        }
                        if (yaml.Name(value, "on_status." + code) is { } target) onStatus.Add((status, target));
                    }
                }
                string? service = map.TryGetValue("http", out var sv) && sv.Value is YamlScalarNode svs ? svs.Value : null;
                var method = map.TryGetValue("method", out var m) ? yaml.Scalar(m.Value, "method")?.ToUpperInvariant() ?? "GET" : "GET";
                if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
                {
                    diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(m.Value), method, "method", "expected GET, POST, PUT, PATCH or DELETE");
                }
                var retry = map.TryGetValue("retry", out var rt) ? yaml.Int(rt.Value, "retry") : null;
                if (retry is < 0 or > 5)
                {
                    diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(rt.Value), retry, "retry", "must be between 0 and 5");
                    retry = null;
                }
                return new HttpStep
                {
                    Id = id, ExplicitId = explicitId is not null, Span = span, Service = Required("http"), Method = method,
                    Path = map.TryGetValue("path", out var pth) ? yaml.Scalar(pth.Value, "path") ?? "" : "",
                    PathSpan = map.TryGetValue("path", out var pth2) ? yaml.Span(pth2.Value) : span,
                    Body = map.TryGetValue("body", out var bd) ? ReadJsonTemplate(yaml, bd.Value, "body") : null,
                    Headers = map.TryGetValue("headers", out var hd) ? ReadHeaders(yaml, hd.Value, service ?? "") : [],
                    IdempotencyKey = map.TryGetValue("idempotency_key", out var ik) && yaml.Scalar(ik.Value, "idempotency_key") is { } keyText ? new TemplateText(keyText, yaml.Span(ik.Value)) : null,
                    Timeout = map.TryGetValue("timeout", out var to) ? yaml.Duration(to.Value, "timeout") : null,
                    Retry = retry,
                    RetryOn = map.TryGetValue("retry_on", out var ro) ? ReadRetryOn(yaml, ro.Value) : null,
                    Result = map.TryGetValue("result", out var rs) ? ResultMappings(yaml, rs.Value, "result") : [],
                    ErrorResult = map.TryGetValue("error_result", out var er) ? ResultMappings(yaml, er.Value, "error_result") : [],
                    OnStatus = onStatus,
                    OnError = Name("on_error"),
                    Async = map.TryGetValue("async", out var asy) && yaml.Bool(asy.Value, "async") == true,
                    Wait = Name("wait"),
                };
            case "remember":
                return new RememberStep
                {
                    Id = id, ExplicitId = explicitId is not null, Span = span,
                    Key = new TemplateText(yaml.Scalar(main, "remember") ?? "", yaml.Span(main)),
                    Replace = map.TryGetValue("replace", out var rep) && yaml.Bool(rep.Value, "replace") == true,
                };
            case "handoff":
                return new HandoffStep { Id = id, ExplicitId = explicitId is not null, Span = span, Response = Name("handoff") };
            case "answer":
                return ReadAnswer(yaml, map, id, explicitId is not null, span);
            case "end":
                return new EndStep { Id = id, ExplicitId = explicitId is not null, Span = span, Response = Name("end") };
            default:
                int? limit = map.TryGetValue("limit", out var lim) ? yaml.Int(lim.Value, "limit") : null;
                if (limit is < 1 or > GotoStep.LimitCeiling)
                {
                    diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(lim.Value), limit, "limit", $"must be between 1 and {GotoStep.LimitCeiling}");
                    limit = null;
                }
                var onLimit = Name("on_limit");
                if (onLimit is not null && !map.ContainsKey("limit")) yaml.MissingKey(onLimit.Span, "goto step with on_limit", "limit", node);
                return new GotoStep { Id = id, ExplicitId = explicitId is not null, Span = span, Target = Required("goto"), Limit = limit, OnLimit = onLimit };
        }
    }

    /// <summary><c>slot: $.json.path</c> lines of <c>result</c> and <c>error_result</c>.</summary>
    private static List<(NameRef, string, SourceSpan)> ResultMappings(YamlReader yaml, YamlNode node, string what)
    {
        var result = new List<(NameRef, string, SourceSpan)>();
        foreach (var (slot, (key, value)) in yaml.Mapping(node, what, null) ?? [])
        {
            var path = yaml.Scalar(value, what + "." + slot);
            if (path is not null) result.Add((new NameRef(slot, yaml.Span(key)), path, yaml.Span(value)));
        }
        return result;
    }

    /// <summary>A JSON value written in YAML: typed scalars by <see cref="YamlJson"/>'s rule, text with placeholders as templates.</summary>
    private static JsonTemplate? ReadJsonTemplate(YamlReader yaml, YamlNode node, string what)
    {
        var span = yaml.Span(node);
        switch (node)
        {
            case YamlMappingNode when YamlReader.IsUnquotedPlaceholder(node, out var name):
                yaml.Diagnostics.Report(DiagnosticIds.UnquotedPlaceholder, span, what, name);
                return null;
            case YamlMappingNode map:
                var properties = new List<KeyValuePair<string, JsonTemplate>>();
                foreach (var (key, (_, value)) in yaml.Mapping(map, what, null) ?? [])
                {
                    if (ReadJsonTemplate(yaml, value, what + "." + key) is { } v) properties.Add(new(key, v));
                }
                return new JsonTemplateObject(properties, span);
            case YamlSequenceNode seq:
                var items = new List<JsonTemplate>();
                var index = 0;
                foreach (var item in seq.Children)
                {
                    if (ReadJsonTemplate(yaml, item, $"{what}[{index++}]") is { } v) items.Add(v);
                }
                return new JsonTemplateArray(items, span);
            case YamlScalarNode scalar when YamlJson.TryTyped(scalar, out var typed):
                return new JsonTemplateLiteral(typed, span);
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                var placeholders = Template.Placeholders(text);
                if (placeholders.Count == 0) return new JsonTemplateLiteral(YamlJson.ToJson(scalar), span);
                return LonePlaceholder().Match(text) is { Success: true } lone ? new JsonTemplateSlot(lone.Groups[1].Value, span) : new JsonTemplateText(text, span);
            default:
                return null;
        }
    }

    private static List<SlotAssignment> Assignments(YamlReader yaml, YamlNode node, string what)
    {
        var list = new List<SlotAssignment>();
        foreach (var (slot, (key, value)) in yaml.Mapping(node, what, null) ?? [])
        {
            var text = yaml.Scalar(value, $"{what}.{slot}");
            if (text is not null) list.Add(new SlotAssignment(new NameRef(slot, yaml.Span(key)), new ExpressionText(text, yaml.Span(value))));
        }
        return list;
    }

    /// <summary>
    /// A button: <c>title</c> per language with a <c>value</c> (what the bot receives), <c>sends</c> (per-language text
    /// sent as the user's message), or both; or <c>from_slot: slot</c>, one button per value of an enum slot.
    /// </summary>
    private ResponseButton? ReadButton(YamlReader yaml, YamlNode node)
    {
        var bm = yaml.Mapping(node, "button", ["title", "value", "sends", "from_slot", "from_result"]);
        if (bm is null) return null;
        var span = yaml.Span(node);
        foreach (var generated in new[] { "from_slot", "from_result" })
        {
            if (!bm.TryGetValue(generated, out var from)) continue;
            foreach (var other in bm.Keys.Where(k => k != generated))
            {
                var help = generated == "from_slot" ? "from_slot makes one button per value, titled by the value's label" : "from_result makes one button per item of the result, titled by the item";
                diagnostics.ReportWithHelp(DiagnosticIds.UnknownKey, yaml.Span(bm[other].Key), help, other, $"a {generated} button");
            }
            var slot = yaml.Name(from.Value, generated);
            if (slot is null) return null;
            return generated == "from_slot"
                ? new ResponseButton(new LocalizedText { Span = span }, "", span) { FromSlot = slot }
                : new ResponseButton(new LocalizedText { Span = span }, "", span) { FromResult = slot };
        }
        if (!bm.TryGetValue("title", out var title))
        {
            yaml.MissingKey(span, "button", "title", node);
            return null;
        }
        if (!bm.ContainsKey("value") && !bm.ContainsKey("sends"))
        {
            diagnostics.ReportWithHelp(DiagnosticIds.MissingKey, span, "value: what the bot receives, or sends: the text the user's message shows", "button", "value");
            return null;
        }
        var localizedTitle = yaml.Localized(title.Value, "button title");
        var value = bm.TryGetValue("value", out var v) ? yaml.Scalar(v.Value, "button value") : null;
        var sends = bm.TryGetValue("sends", out var s) ? yaml.Localized(s.Value, "button sends") : null;
        if (localizedTitle is null || (value is null && sends is null)) return null;
        return new ResponseButton(localizedTitle, value ?? "", span) { Sends = sends };
    }

    /// <summary>
    /// A response mapping that names a bot language and no response key (<c>{ en: Goodbye!, de: Tschüss! }</c>) is its
    /// text per language; a key that is no language there is then the one error it is (DLG2013), not a missing 'text'.
    /// </summary>
    private bool IsTextPerLanguage(YamlNode node) =>
        node is YamlMappingNode map
        && map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToList() is var keys
        && keys.Any(k => k is not null && (_settings ?? _scratch.Settings).Languages.Contains(k, StringComparer.Ordinal))
        && !keys.Any(k => k is not null && ResponseKeys.Contains(k, StringComparer.Ordinal));

    private ResponseDefinition? ReadResponse(YamlReader yaml, string id, YamlNode node, SourceSpan span)
    {
        if (node is YamlScalarNode or YamlSequenceNode && !YamlReader.IsNull(node))
        {
            // The short form: a response that is only its text (or variants), in the bot's default language.
            return yaml.Localized(node, $"text of response '{id}'") is { } shortText
                ? new ResponseDefinition { Id = id, Text = shortText, Variants = [], Buttons = [], Span = span }
                : null;
        }
        if (IsTextPerLanguage(node))
        {
            // "bye: { en: Goodbye!, de: Tschüss! }": a response that is only its text, written per language.
            return yaml.Localized(node, $"text of response '{id}'") is { } perLanguage
                ? new ResponseDefinition { Id = id, Text = perLanguage, Variants = [], Buttons = [], Span = span }
                : null;
        }
        var map = yaml.Mapping(node, $"response '{id}'", ResponseKeys);
        if (map is null) return null;
        if (!map.TryGetValue("text", out var t))
        {
            yaml.MissingKey(span, $"response '{id}'", "text", node);
            return null;
        }
        var text = yaml.Localized(t.Value, $"text of response '{id}'");
        if (text is null) return null;
        var variants = new List<ResponseVariant>();
        if (map.TryGetValue("variants", out var vs))
        {
            foreach (var variantNode in yaml.Sequence(vs.Value, "variants"))
            {
                var vm = yaml.Mapping(variantNode, "variant", ["if", "text"]);
                if (vm is null) continue;
                if (!vm.TryGetValue("if", out var cond) || !vm.TryGetValue("text", out var vt))
                {
                    yaml.MissingKey(yaml.Span(variantNode), $"a variant of response '{id}'", vm.ContainsKey("if") ? "text" : "if");
                    continue;
                }
                var condition = yaml.Scalar(cond.Value, "if");
                var variantText = yaml.Localized(vt.Value, $"text of a variant of response '{id}'");
                if (condition is not null && variantText is not null) variants.Add(new ResponseVariant(new ExpressionText(condition, yaml.Span(cond.Value)), variantText, yaml.Span(variantNode)));
            }
        }
        var buttons = new List<ResponseButton>();
        if (map.TryGetValue("buttons", out var b))
        {
            // "buttons: { from_slot: size }" is the one-item short form of the list.
            IReadOnlyList<YamlNode> items = b.Value is YamlMappingNode ? [b.Value] : yaml.Sequence(b.Value, "buttons");
            // "buttons: [Yes, No]": one slip, one error (at the first), that shows a button.
            if (items.OfType<YamlScalarNode>().FirstOrDefault(n => !YamlReader.IsNull(n)) is { Value: { } plain } first)
            {
                diagnostics.ReportWithHelp(DiagnosticIds.WrongNodeType, yaml.Span(first), $"a button has a title and a value (what the bot receives): - {{ title: {plain}, value: {plain.ToLowerInvariant().Replace(' ', '_')} }}", "button", "a mapping (key: value lines)", $"'{plain}'");
                items = [.. items.Where(n => n is not YamlScalarNode)];
            }
            foreach (var buttonNode in items)
            {
                var button = ReadButton(yaml, buttonNode);
                if (button is not null) buttons.Add(button);
            }
        }
        ResponseCard? card = null;
        if (map.TryGetValue("card", out var c))
        {
            var cm = yaml.Mapping(c.Value, "card", ["title", "text", "image"]);
            if (cm is not null)
            {
                card = new ResponseCard(
                    cm.TryGetValue("title", out var ct) ? yaml.Localized(ct.Value, "card title") : null,
                    cm.TryGetValue("text", out var cx) ? yaml.Localized(cx.Value, "card text") : null,
                    cm.TryGetValue("image", out var ci) ? yaml.Scalar(ci.Value, "card image") : null,
                    yaml.Span(c.Value));
            }
        }
        var phrasing = PhrasingMode.Template;
        if (map.TryGetValue("phrasing", out var p))
        {
            var mode = yaml.Scalar(p.Value, "phrasing");
            if (mode is not null && !Enum.TryParse(mode, ignoreCase: true, out phrasing))
            {
                diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(p.Value), mode, "phrasing", "expected template, rephrase or generate");
            }
        }
        PhrasingGuards? guards = null;
        if (map.TryGetValue("guards", out var g))
        {
            var gm = yaml.Mapping(g.Value, "guards", ["must_include", "forbidden", "max_sentences"]);
            if (gm is not null)
            {
                guards = new PhrasingGuards(
                    gm.TryGetValue("must_include", out var mi) ? yaml.List(mi.Value, "must_include").Select(x => x.Value).ToList() : [],
                    gm.TryGetValue("forbidden", out var fb) ? yaml.List(fb.Value, "forbidden").Select(x => x.Value).ToList() : [],
                    gm.TryGetValue("max_sentences", out var ms) ? yaml.Int(ms.Value, "max_sentences") : null);
            }
        }
        return new ResponseDefinition
        {
            Id = id,
            Text = text,
            Variants = variants,
            Buttons = buttons,
            Card = card,
            Form = map.TryGetValue("form", out var form) ? ReadForm(yaml, id, form.Value) : null,
            Phrasing = phrasing,
            Instruction = map.TryGetValue("instruction", out var ins) ? yaml.Scalar(ins.Value, "instruction") : null,
            Guards = guards,
            Span = span,
        };
    }
}
