using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Validation;

/// <summary>Semantic checks over a read definition: references, expressions, placeholders, languages, flow graphs.</summary>
internal sealed partial class DefinitionValidator(BotDefinition bot, DiagnosticBag diagnostics)
{
    private readonly Dictionary<ExpressionText, Expr> _expressions = [];
    private readonly IReadOnlyDictionary<string, ResponseDefinition> _responses = BuiltinResponses.Merge(bot.Responses);
    private readonly IReadOnlyDictionary<string, SlotTypeDefinition> _types = BuiltinSlotTypes.Merge(bot.SlotTypes);
    private readonly Lazy<HashSet<string>> _slotNames = new(() => bot.Slots.Keys.Concat(bot.Flows.Values.SelectMany(f => f.Slots.Keys)).ToHashSet(StringComparer.Ordinal));
    private IReadOnlyList<string> Languages => bot.Settings.Languages;

    private bool _readWhole;

    /// <summary>Runs every check; returns the parsed expressions (complete only when there are no errors).</summary>
    public Dictionary<ExpressionText, Expr> Validate()
    {
        // A file that did not read whole (an unknown key such as 'flow:' drops a section, a broken step its references)
        // makes "response 'x' is never used" and the flow graph checks (unreachable steps, loops) guesses: those wait until
        // the files read without errors.
        _readWhole = !diagnostics.Items.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("DLG1", StringComparison.Ordinal));
        CheckLanguages();
        CheckSentTexts();
        CheckPatternExamples();
        foreach (var type in bot.SlotTypes.Values) CheckBounds(type);
        foreach (var slot in bot.Slots.Values) CheckSlotType(slot);
        var botScope = bot.Slots.Keys.ToHashSet(StringComparer.Ordinal);
        if (bot.Settings.Welcome is { } welcome) CheckResponse(welcome, new ResponseUse(botScope, "the welcome, before any flow", null) { NoFlow = true });
        var patterns = bot.Patterns;
        foreach (var (response, place) in patterns.All())
        {
            var use = place switch
            {
                PatternPlace.Resumed => new ResponseUse(botScope, "the cancel and resume patterns, with bot-wide slots", null) { Resumed = true },
                PatternPlace.Range => new ResponseUse(botScope, "the out_of_range pattern, with bot-wide slots", null) { Range = true },
                PatternPlace.Accepted => new ResponseUse(botScope, "the file patterns, with bot-wide slots", null) { Accepted = true },
                PatternPlace.Early => new ResponseUse(botScope, "the early_answer pattern, with bot-wide slots", null) { Early = true },
                PatternPlace.Corrected => new ResponseUse(botScope, "the correction pattern, with bot-wide slots", null) { Corrected = true },
                PatternPlace.Options => new ResponseUse(botScope, "the options pattern, with bot-wide slots", null) { Options = true },
                _ => new ResponseUse(botScope, "bot-wide slots", null),
            };
            CheckResponse(response, use);
        }
        foreach (var flow in bot.Flows.Values) CheckFlow(flow);
        CheckCallCycles();
        CheckFlowLabels();
        CheckSlotLabels();
        CheckButtonValues();
        CheckEvents();
        foreach (var response in bot.Responses.Values.Where(r => _readWhole && !_used.Contains(r.Id) && !r.Id.StartsWith(BuiltinResponses.Prefix, StringComparison.Ordinal)))
        {
            diagnostics.Report(DiagnosticIds.UnusedResponse, response.Span, response.Id);
        }
        return _expressions;
    }

    /// <summary>
    /// A button's value is a flow id, a value of a slot type, a yes/no or an answer the user could type. A value one
    /// typo away from a flow or a type's value (<c>ticket_stats</c>) is read as typed text when clicked — the recognizer
    /// may or may not guess the flow — so it is warned about with the name it is near (the author2 trial).
    /// </summary>
    private void CheckButtonValues()
    {
        var known = bot.Flows.Keys.Concat(_types.Values.SelectMany(t => t.Values.Select(v => v.Value))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var response in bot.Responses.Values)
        {
            foreach (var button in response.Buttons.Where(b => !b.Generated && b.Value.Length > 3 && !known.Contains(b.Value)))
            {
                if (DidYouMean.Suggest(button.Value, known) is { } near)
                {
                    diagnostics.ReportWithHelp(DiagnosticIds.ButtonValueUnknown, button.Span, near, response.Id, button.Value);
                }
            }
        }
    }

    private void CheckLanguages()
    {
        var languages = string.Join(", ", Languages);
        foreach (var response in bot.Responses.Values)
        {
            CheckLocalized(response.Text, $"response '{response.Id}'");
            foreach (var variant in response.Variants) CheckLocalized(variant.Text, $"a variant of response '{response.Id}'");
            foreach (var button in response.Buttons.Where(b => !b.Generated)) CheckLocalized(button.Title, $"a button of response '{response.Id}'");
            foreach (var button in response.Buttons.Where(b => b.Sends is not null)) CheckLocalized(button.Sends!, $"what a button of response '{response.Id}' sends");
            CheckTemplates(response);
            if (response.Card?.Title is { } t) CheckLocalized(t, $"the card title of response '{response.Id}'");
            if (response.Card?.Text is { } x) CheckLocalized(x, $"the card text of response '{response.Id}'");
            CheckFormLanguages(response);

            // Every language must use the same placeholders, or a translation silently drops a fact.
            foreach (var text in response.Variants.Select(v => v.Text).Prepend(response.Text))
            {
                // A malformed text ({{ pet name }}) is DLG2035 where it is written and reads no names, so comparing
                // it would also say the languages differ: a second error for the one slip (the author19 trial).
                var sets = text.Variants
                    .SelectMany(p => p.Value.Select(v => (Lang: p.Key, Template: Template.OfDefinition(v))))
                    .Where(t => t.Template.Errors.Count == 0)
                    .Select(t => (t.Lang, Names: t.Template.References.Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
                    .ToList();
                if (sets.Count > 1)
                {
                    var first = sets[0];
                    foreach (var other in sets.Skip(1))
                    {
                        // A name no slot has ({{ claim_kind }} for the slot claim_type) is DLG2009 at that text; the
                        // languages then differ by the same slip, and saying so too was a second error for it.
                        if (!first.Names.SequenceEqual(other.Names) && !first.Names.Concat(other.Names).Except(first.Names.Intersect(other.Names)).Any(n => !NameOfSomeSlot(n)))
                        {
                            diagnostics.Report(DiagnosticIds.PlaceholderMismatch, text.Spans.GetValueOrDefault(other.Lang, response.Span),
                                response.Id, first.Lang, Names(first.Names), other.Lang, Names(other.Names));
                            break;
                        }
                    }
                }
            }
            // Conditions parse once here (even in unused responses); their slots are checked where the response is used.
            foreach (var variant in response.Variants)
            {
                var expr = ExpressionParser.Parse(variant.Condition.Text, out var error);
                if (expr is null) diagnostics.Report(DiagnosticIds.ExpressionSyntax, At(variant.Condition, error!.Offset), variant.Condition.Text, error.Message);
                else _expressions[variant.Condition] = expr;
            }
        }
        foreach (var flow in bot.Flows.Values)
        {
            if (flow.Examples is { } examples) CheckLocalized(examples, $"the examples of flow '{flow.Id}'");
            if (flow.Label is { } label) CheckLocalized(label, $"the label of flow '{flow.Id}'");
            foreach (var slot in flow.Slots.Values.Where(s => s.Label is not null)) CheckLocalized(slot.Label!, $"the label of slot '{slot.Name}' of flow '{flow.Id}'");
        }
        foreach (var slot in bot.Slots.Values.Where(s => s.Label is not null)) CheckLocalized(slot.Label!, $"the label of slot '{slot.Name}'");
        foreach (var type in bot.SlotTypes.Values)
        {
            foreach (var value in type.Values)
            {
                if (value.Label is { } label) CheckLocalized(label, $"the label of value '{value.Value}' of type '{type.Id}'");
                foreach (var lang in value.Synonyms.Keys.Where(l => !Languages.Contains(l)))
                {
                    diagnostics.Report(DiagnosticIds.UnknownLanguage, value.Span, lang, languages);
                }
            }
        }

        static string Names(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>Template syntax and filter names of every text of a response, per language (once, wherever it is used).</summary>
    private void CheckTemplates(ResponseDefinition response)
    {
        var texts = new[] { response.Text, response.Card?.Title, response.Card?.Text }.Where(t => t is not null).Select(t => t!)
            .Concat(response.Variants.Select(v => v.Text))
            .Concat(response.Buttons.Where(b => !b.Generated).Select(b => b.Title))
            .Concat(FormTexts(response));
        foreach (var text in texts)
        {
            foreach (var (language, variants) in text.Variants)
            {
                var span = text.Spans.GetValueOrDefault(language, text.Span);
                foreach (var variant in variants)
                {
                    // "{ticket_id}" or "${ticket_id}" naming a slot is sent as written: a placeholder has two braces. So is
                    // "{referense}" a typo from a slot, and "{slot_nme}": braces around a name with '_' are no prose.
                    foreach (System.Text.RegularExpressions.Match single in SingleBracePlaceholder().Matches(variant))
                    {
                        var name = single.Groups["name"].Value;
                        var meant = _slotNames.Value.Contains(name.Split('.')[0]) ? name
                            : DidYouMean.Closest(name, _slotNames.Value) ?? (name.Contains('_', StringComparison.Ordinal) ? name : null);
                        if (meant is not null) diagnostics.Report(DiagnosticIds.SingleBracePlaceholder, span, single.Value, response.Id, language, meant);
                    }
                }
                foreach (var template in variants.Select(Template.Parse))
                {
                    foreach (var error in template.Errors) diagnostics.Report(DiagnosticIds.TemplateSyntax, span, response.Id, language, error.Message);
                    foreach (var placeholder in template.References)
                    {
                        foreach (var filter in placeholder.Filters.Where(f => !Template.Filters.Contains(f)).Distinct())
                        {
                            diagnostics.ReportWithHelp(DiagnosticIds.UnknownFilter, span, DidYouMean.Suggest(filter, Template.Filters), filter, response.Id, language, string.Join(", ", Template.Filters));
                        }
                        var formats = placeholder.Filters.Where(f => Template.FormatFilters.Contains(f)).ToList();
                        if (formats.Count > 1 || formats.Count == 1 && placeholder.Filters[0] != formats[0])
                        {
                            diagnostics.Report(DiagnosticIds.TemplateSyntax, span, response.Id, language,
                                $"'{{{{ {placeholder.Name} | {string.Join(" | ", placeholder.Filters)} }}}}': a value takes one of {string.Join(", ", Template.FormatFilters)}, as its first filter (upper and lower may follow)");
                        }
                    }
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\{)\$?\{\s*(?<name>[A-Za-z_][A-Za-z0-9_.]*)\s*\}(?!\})")]
    private static partial System.Text.RegularExpressions.Regex SingleBracePlaceholder();

    /// <summary>
    /// A command phrase of the author's (<c>patterns.handoff.examples</c>) is read before any flow's examples: one that is
    /// also a flow's example, or another pattern's, would take that flow or command away from its users; so would an
    /// out-of-scope example (<c>out_of_scope:</c>) that is one of them.
    /// </summary>
    private void CheckPatternExamples()
    {
        var seen = new Dictionary<(string Language, string Text), string>();
        foreach (var flow in bot.Flows.Values.Where(f => f.Routable && f.Examples is not null))
        {
            foreach (var (language, texts) in flow.Examples!.Variants)
            {
                foreach (var text in texts) seen.TryAdd((language, Understanding.UtteranceText.Normalize(text)), $"flow '{flow.Id}'");
            }
        }
        foreach (var (pattern, phrases) in bot.Patterns.Examples)
        {
            CheckLocalized(phrases, $"the examples of pattern '{pattern}'");
            foreach (var (language, texts) in phrases.Variants)
            {
                foreach (var text in texts)
                {
                    var key = (language, Understanding.UtteranceText.Normalize(text));
                    if (key.Item2.Length == 0 || !seen.TryAdd(key, $"pattern '{pattern}'"))
                    {
                        diagnostics.Report(DiagnosticIds.PatternExampleClash, phrases.Spans.GetValueOrDefault(language, phrases.Span), text, pattern,
                            key.Item2.Length == 0 ? "it has no words" : $"it is an example of {seen[key]} too");
                    }
                }
            }
        }
        // An out-of-scope example the bot also handles would refuse what a flow or command is for.
        if (bot.OutOfScope is not { } outOfScope) return;
        CheckLocalized(outOfScope, "the out-of-scope examples");
        foreach (var (language, texts) in outOfScope.Variants)
        {
            foreach (var text in texts)
            {
                var key = (language, Understanding.UtteranceText.Normalize(text));
                if (key.Item2.Length == 0 || seen.ContainsKey(key))
                {
                    diagnostics.Report(DiagnosticIds.OutOfScopeExampleClash, outOfScope.Spans.GetValueOrDefault(language, outOfScope.Span), text,
                        key.Item2.Length == 0 ? "it has no words" : $"it is an example of {seen[key]}");
                }
            }
        }
    }

    /// <summary>A text that buttons send must stand for one value per language, or a click could mean two things.</summary>
    private void CheckSentTexts()
    {
        var seen = new Dictionary<(string Language, string Text), (string Response, string Value)>();
        foreach (var response in bot.Responses.Values)
        {
            foreach (var button in response.Buttons.Where(b => b.Sends is not null && b.HasValue))
            {
                foreach (var (language, texts) in button.Sends!.Variants)
                {
                    foreach (var text in texts)
                    {
                        var key = (language, Understanding.UtteranceText.Normalize(text));
                        if (!seen.TryAdd(key, (response.Id, button.Value)) && seen[key].Value != button.Value)
                        {
                            diagnostics.Report(DiagnosticIds.ButtonTextClash, button.Sends.Spans.GetValueOrDefault(language, button.Span), text, language, seen[key].Response, response.Id, seen[key].Value, button.Value);
                        }
                    }
                }
            }
        }
    }

    private void CheckLocalized(LocalizedText text, string what)
    {
        var cutAfter = new HashSet<string?>(StringComparer.Ordinal);
        var unknown = new List<string>();
        string? previous = null;
        foreach (var lang in text.Variants.Keys)
        {
            if (Languages.Contains(lang))
            {
                previous = lang;
                continue;
            }
            // "{ en: 0.5 to 5, de: 0,5 bis 5 }": YAML ends the German text at the comma and reads "5 bis 5" as a key.
            // A text with two commas is cut twice: one slip, one error (at the first piece).
            // "(colour, brand, anything …)": a piece of one word with no text after it is cut off too, not a language.
            if (lang.Any(c => !char.IsAsciiLetter(c) && c != '-' && c != '_') || (previous is not null && text.Variants[lang].Count == 0 && (lang.Length > 3 || lang.Any(char.IsUpper))))
            {
                if (cutAfter.Add(previous)) diagnostics.Report(DiagnosticIds.TextCutAtComma, text.Spans[lang], lang);
            }
            else
            {
                unknown.Add(lang);
            }
        }
        var missing = Languages.Where(l => !text.Variants.ContainsKey(l)).ToList();
        // "{ en: …, ge: … }" in a bot with en and de: one slip, so one error, at 'ge', that names the missing 'de'.
        var misspelt = unknown.Count == 1 && missing.Count == 1 ? DidYouMean.Closest(unknown[0], missing) : null;
        foreach (var lang in unknown)
        {
            diagnostics.ReportWithHelp(DiagnosticIds.UnknownLanguage, text.Spans[lang], misspelt is null ? null : $"did you mean '{misspelt}'? this text has no '{misspelt}' one", lang, string.Join(", ", Languages));
        }
        foreach (var lang in missing.Where(l => l != misspelt))
        {
            // "no 'de' text in the examples of flow 'order'": the subject is the text, so "examples" and "a label" read alike.
            diagnostics.Report(DiagnosticIds.MissingLanguage, text.Span, what, lang, Languages.Count == 1 ? Languages[0] : string.Join(", ", Languages.Take(Languages.Count - 1)) + " and " + Languages[^1]);
        }
    }

    /// <summary><c>min</c>/<c>max</c> of a date or time type: an expression over now/today (no slots) of the type's kind.</summary>
    private void CheckBounds(SlotTypeDefinition type)
    {
        foreach (var (bound, key) in new[] { (type.Earliest, "min"), (type.Latest, "max") })
        {
            if (bound is null) continue;
            var expr = ExpressionParser.Parse(bound.Text, out var error);
            if (expr is null)
            {
                diagnostics.Report(DiagnosticIds.ExpressionSyntax, At(bound, error!.Offset), bound.Text, error.Message);
                continue;
            }
            _expressions[bound] = expr;
            var errors = new List<ExpressionError>();
            var scope = new ExpressionScope(_ => null)
            {
                UnknownSlot = (slot, offset) => errors.Add(new ExpressionError(ExpressionParser.EnglishFor(slot) is { } english
                    ? $"'{key}' of a slot type reads no slot '{slot}': {ExpressionParser.InEnglish(slot, english)}"
                    : $"'{key}' of a slot type cannot read slot '{slot}'; compare slots in an ask's validation rule instead", offset)),
            };
            var result = ExpressionChecker.Check(expr, scope, errors);
            foreach (var e in errors) diagnostics.Report(DiagnosticIds.ExpressionType, At(bound, e.Offset), bound.Text, e.Message);
            var wanted = ExpressionType(type.Kind);
            if (errors.Count == 0 && result is { } r && !ExpressionChecker.Fits(expr, r, wanted, scope) && !(r == ExprType.DateTime || r == ExprType.Date && wanted == ExprType.DateTime))
            {
                diagnostics.Report(DiagnosticIds.ExpressionType, bound.Span, bound.Text, $"'{key}' of a {SlotKinds.ToName(type.Kind)} type must be a {ExpressionChecker.Name(wanted)}, found a {ExpressionChecker.Name(r)}");
            }
        }
    }

    private void CheckSlotName(SlotDefinition slot)
    {
        if (ExpressionParser.ReservedNames.Contains(slot.Name)) diagnostics.Report(DiagnosticIds.ReservedSlotName, slot.Span, slot.Name);
    }

    private void CheckSlotType(SlotDefinition slot)
    {
        CheckSlotName(slot);
        if (!_types.ContainsKey(slot.Type.Name) && !Reported("slot type", slot.Type.Name))
        {
            var kind = slot.Type.Name is "regex" or "enum" ? slot.Type.Name : SlotKinds.Meant(slot.Type.Name);
            var help = DidYouMean.Suggest(slot.Type.Name, _types.Keys)
                ?? kind switch
                {
                    // "card: regex": the kind needs its pattern (an enum its values), so it is no type on its own.
                    "regex" => $"a regex needs its pattern: declare a type under slot_types ({slot.Name}_type: {{ kind: regex, pattern: '…' }}) and name it here",
                    "enum" => $"an enum needs its values: declare a type under slot_types ({slot.Name}_type: {{ kind: enum, values: {{ … }} }}) and name it here",
                    null => "a slot's type is a built-in one (" + string.Join(", ", Runtime.BuiltinSlotTypes.All.Keys) + ") or a type under slot_types",
                    _ => $"did you mean '{kind}'?",
                };
            diagnostics.ReportWithHelp(DiagnosticIds.UnknownType, slot.Type.Span, help, slot.Type.Name);
        }
    }

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>
    /// True when a reference to <paramref name="name"/> has already been reported where the problem is: a key left
    /// without its name (<c>say:</c>, a misspelt <c>respones:</c>) or an id declared with an error of its own (a response
    /// without <c>text</c>). "unknown response ''" or "unknown response 'no_answer'" on top of that was noise.
    /// </summary>
    private bool Reported(string what, string name) => name.Length == 0 || bot.Unreadable.Contains(what + ":" + name);

    /// <summary>Where a response is used: the slots in scope there, and which of the role and range names have a value.</summary>
    private sealed record ResponseUse(IReadOnlySet<string> Scope, string ScopeName, FlowDefinition? Flow)
    {
        /// <summary><c>{{ resumed.label }}</c> has a value (the cancel and resume patterns).</summary>
        public bool Resumed { get; init; }

        /// <summary><c>{{ range.min }}</c>/<c>{{ range.max }}</c> have a value (the out_of_range pattern, messages of an ask whose type has bounds).</summary>
        public bool Range { get; init; }

        /// <summary><c>{{ accepted.types }}</c>/<c>{{ accepted.max_size }}</c> have a value (the file patterns, messages of an ask of a file slot).</summary>
        public bool Accepted { get; init; }

        /// <summary>No flow is ever active where the response is said (the welcome): flow labels have no value.</summary>
        public bool NoFlow { get; init; }

        /// <summary><c>{{ early.value }}</c> has a value (the early_answer pattern).</summary>
        public bool Early { get; init; }

        /// <summary><c>{{ corrected.value }}</c> has a value (the correction pattern).</summary>
        public bool Corrected { get; init; }

        /// <summary><c>{{ options.list }}</c> has a value (the options pattern, messages of an ask of an enum slot).</summary>
        public bool Options { get; init; }
    }

    private static readonly string[] RoleNames = ["flow.label", "flow.values", "flow.missing", "interrupted.label", "resumed.label", "range.min", "range.max", "accepted.types", "accepted.max_size", "early.value", "corrected.value", "options.list"];

    private void CheckResponse(NameRef reference, IReadOnlySet<string> scope, string scopeName) => CheckResponse(reference, new ResponseUse(scope, scopeName, null));

    /// <summary>
    /// "say: Thanks, all done!" or "message: Sorry, we are closed on Sundays.": a text where a response id belongs (no
    /// id has a space or punctuation). Says how to make it a response; null for a name that could be an id.
    /// </summary>
    private static string? InlineText(string name)
    {
        if (name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return null;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant())
            .Where(w => w.Length > 0).Take(3).ToList();
        var id = words.Count > 0 && char.IsAsciiLetter(words[0][0]) ? string.Join("_", words) : "my_text";
        return $"a response is named by its id here: put the text under responses ({id}: \"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\") and write {id} here";
    }

    private void CheckResponse(NameRef reference, ResponseUse use)
    {
        _used.Add(reference.Name);
        if (!_responses.TryGetValue(reference.Name, out var response))
        {
            // The response a typo meant ('handof' for 'handoff') is used once the typo is mended: no "never used" beside it.
            if (InlineText(reference.Name) is null && DidYouMean.Closest(reference.Name, bot.Responses.Keys) is { } meant) _used.Add(meant);
            if (!Reported("response", reference.Name)) diagnostics.ReportWithHelp(DiagnosticIds.UnknownResponse, reference.Span, InlineText(reference.Name) ?? DidYouMean.Suggest(reference.Name, bot.Responses.Keys), reference.Name);
            return;
        }
        CheckVariantConditions(response, use.Scope, use.ScopeName, use.Flow);
        CheckForm(response, use);
        var texts = new[] { response.Text, response.Card?.Title, response.Card?.Text }.Where(t => t is not null).Select(t => t!)
            .Concat(response.Variants.Select(v => v.Text))
            .Concat(response.Buttons.Where(b => !b.Generated).Select(b => b.Title))
            .Concat(FormTexts(response));
        var reads = texts.SelectMany(t => t.Variants.Select(p => (Text: t, Language: p.Key, Values: p.Value)))
            .SelectMany(p => p.Values.SelectMany(v => Template.Parse(v).References).Select(r => (Placeholder: r, p.Language, At: p.Text.Spans.GetValueOrDefault(p.Language, p.Text.Span))))
            .ToList();
        string LanguagesOf(IEnumerable<string> langs) => string.Join(", ", langs.Distinct(StringComparer.Ordinal).OrderBy(l => Languages.ToList().IndexOf(l)));

        // One diagnostic per placeholder and use, naming every language whose text has it.
        foreach (var group in reads.GroupBy(x => x.Placeholder.Name, StringComparer.Ordinal))
        {
            var name = group.Key;
            var languages = LanguagesOf(group.Select(x => x.Language));
            var first = group.First().Placeholder;
            // A placeholder the scope lacks is fixed in the text, so it is reported there (the author2 trial: it pointed
            // at the step that says the response); the scope named in the message says where it is used.
            var text = group.First().At;
            if (first.Member is null)
            {
                if (!use.Scope.Contains(name))
                {
                    // A slot the flow's steps fill but its slots lack is reported once, where a step fills it.
                    if (!Undeclared(use.Flow, name))
                    {
                        diagnostics.ReportWithHelp(DiagnosticIds.PlaceholderScope, text, SlotNameHelp(name, use.Scope, use.Flow), name, response.Id, languages, use.ScopeName);
                    }
                    continue;
                }
                CheckFilters(reference, response, use, group.Select(x => (x.Placeholder, x.Language)).ToList());
            }
            else if (use.Scope.Contains(first.Root) && TypeOfSlot(use.Flow, first.Root) is { Kind: SlotKind.File })
            {
                // {{ receipt.name }}: a member of a file slot's value.
                if (!Engine.FileSlots.Members.Contains(first.Member))
                {
                    diagnostics.ReportWithHelp(DiagnosticIds.PlaceholderScope, text, DidYouMean.Suggest(first.Member, Engine.FileSlots.Members) ?? "a file has " + string.Join(", ", Engine.FileSlots.Members), name, response.Id, languages, use.ScopeName);
                }
            }
            else if (!RoleNames.Contains(name))
            {
                diagnostics.ReportWithHelp(DiagnosticIds.PlaceholderScope, text, DidYouMean.Suggest(name, RoleNames) ?? "known: " + string.Join(", ", RoleNames), name, response.Id, languages, use.ScopeName);
            }
            else if (use.NoFlow && first.Member == "label")
            {
                diagnostics.Report(DiagnosticIds.NoFlowPlaceholder, text, name, response.Id, languages, use.ScopeName, "this");
            }
            else if (first.Root == "resumed" && !use.Resumed || first.Root == "range" && !use.Range || first.Root == "accepted" && !use.Accepted || first.Root == "early" && !use.Early || first.Root == "corrected" && !use.Corrected || first.Root == "options" && !use.Options)
            {
                var where = first.Root switch
                {
                    "resumed" => "it has one in the resume and cancel patterns",
                    "early" => "it has one in the early_answer pattern",
                    "corrected" => "it has one in the correction pattern",
                    "options" => "it has one in the options pattern and in the messages of an ask of an enum slot",
                    "range" => "it has one in the out_of_range pattern and in the messages of an ask whose slot type has min or max",
                    _ => "it has one in the file patterns and in the messages of an ask of a file slot",
                };
                diagnostics.ReportWithHelp(DiagnosticIds.NamePlaceholderScope, reference.Span, where, name, response.Id, languages, use.ScopeName);
            }
            else
            {
                // A built-in text naming a flow without a label reads its description well enough; the warning is for authors' texts.
                if (first.Member == "label" && !response.BuiltIn) _labelUses.TryAdd(first.Name, response.Id);
                foreach (var (placeholder, language) in group.Select(x => (x.Placeholder, x.Language)))
                {
                    var format = placeholder.Filters.FirstOrDefault(f => Template.FormatFilters.Contains(f));
                    if (format is not null && first.Root != "range")
                    {
                        diagnostics.Report(DiagnosticIds.FilterKind, reference.Span, format, response.Id, language, "a slot", name, "a flow's label (use upper or lower)");
                        break;
                    }
                }
            }
        }
        foreach (var from in response.Buttons.Select(b => b.FromResult).OfType<NameRef>().Where(_ => use.Flow is null))
        {
            diagnostics.ReportWithHelp(DiagnosticIds.ButtonsFromResult, reference.Span, "say it from a step of the flow, after the http step", response.Id, from.Name, $"it is said where no flow's http step has run ({use.ScopeName})");
        }
        foreach (var button in response.Buttons.Where(b => b.FromSlot is not null))
        {
            var slotName = button.FromSlot!.Name;
            if (!use.Scope.Contains(slotName))
            {
                // A name no slot has (from_slot: brnch) is fixed in the response, so it is reported there; a slot of
                // another flow is a problem of where the response is said.
                var at = NameOfSomeSlot(slotName) ? reference.Span : button.FromSlot.Span;
                diagnostics.ReportWithHelp(DiagnosticIds.ButtonsFromSlot, at, SlotNameHelp(slotName, use.Scope, use.Flow), response.Id, slotName, "is not a slot in scope", use.ScopeName);
            }
            else if (TypeOfSlot(use.Flow, slotName) is { } type && type.Values.Count == 0)
            {
                diagnostics.Report(DiagnosticIds.ButtonsFromSlot, reference.Span, response.Id, slotName, $"has no values to make buttons of (its type '{type.Id}' is {SlotKinds.ToName(type.Kind)}, not an enum)", use.ScopeName);
            }
        }
    }

    /// <summary>The formatting filters of one slot placeholder must fit the slot's kind; <c>label</c> needs a declared label per value.</summary>
    private void CheckFilters(NameRef reference, ResponseDefinition response, ResponseUse use, List<(TemplatePlaceholder Placeholder, string Language)> reads)
    {
        if (TypeOfSlot(use.Flow, reads[0].Placeholder.Name) is not { } type) return;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (placeholder, language) in reads)
        {
            var format = placeholder.Filters.FirstOrDefault(f => Template.FormatFilters.Contains(f));
            if (format is null) continue;
            var (fits, needs) = format switch
            {
                "date" or "short_date" => (type.Kind is SlotKind.Date or SlotKind.DateTime, "a date or datetime slot"),
                "money" => (type.Kind is SlotKind.Integer or SlotKind.Number, "an integer or number slot"),
                "time" or "hhmm" => (type.Kind is SlotKind.Time or SlotKind.DateTime, "a time or datetime slot"),
                "datetime" => (type.Kind == SlotKind.DateTime, "a datetime slot"),
                _ => (type.Values.Count > 0, "an enum slot (or a date or time slot with values)"),
            };
            if (!fits)
            {
                if (reported.Add(format)) diagnostics.Report(DiagnosticIds.FilterKind, reference.Span, format, response.Id, LanguagesOf(reads.Where(r => r.Placeholder.Filters.Contains(format)).Select(r => r.Language)), needs, placeholder.Name, $"a slot of type '{type.Id}' ({SlotKinds.ToName(type.Kind)})");
                continue;
            }
            if (format == "label")
            {
                // A label that lacks a language is DLG2010 already; here: values without any label.
                foreach (var value in type.Values.Where(v => v.Label is null))
                {
                    if (_missingLabels.Add((type.Id, value.Value)))
                    {
                        diagnostics.Report(DiagnosticIds.MissingLabel, value.Span, placeholder.Name, response.Id, LanguagesOf(reads.Where(r => r.Placeholder.Filters.Contains("label")).Select(r => r.Language)),
                            value.Value, type.Id, string.Join(", ", Languages.Select(l => l + ": …")));
                    }
                }
            }
        }

        string LanguagesOf(IEnumerable<string> langs) => string.Join(", ", langs.Distinct(StringComparer.Ordinal).OrderBy(l => Languages.ToList().IndexOf(l)));
    }

    private readonly HashSet<(string Type, string Value)> _missingLabels = [];

    // Role placeholders (flow.label, …) and the first response that uses each, for the missing-label warning.
    private readonly Dictionary<string, string> _labelUses = new(StringComparer.Ordinal);

    /// <summary>Flows that a label placeholder can name should say how they are called.</summary>
    private void CheckFlowLabels()
    {
        if (_labelUses.Count == 0) return;
        var (placeholder, response) = _labelUses.First();
        foreach (var flow in bot.Flows.Values.Where(f => f.Routable && f.Label is null))
        {
            diagnostics.Report(DiagnosticIds.FlowLabelMissing, flow.Span, flow.Id, placeholder, response, string.Join(", ", Languages.Select(l => l + ": …")));
        }
    }

    /// <summary>
    /// In a bot in several languages, a slot the user is asked for is named in "what do you need?" and the recap: with no
    /// label it reads the same in every language ("guest count" to a German user). Once per slot, where it is declared;
    /// a slot named after its kind (<c>email: email</c>) has a built-in name in each language.
    /// </summary>
    private void CheckSlotLabels()
    {
        if (Languages.Count < 2) return;
        var reported = new HashSet<SlotDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var flow in bot.Flows.Values)
        {
            foreach (var ask in flow.Steps.OfType<AskStep>())
            {
                if ((flow.Slots.GetValueOrDefault(ask.Slot.Name) ?? bot.Slots.GetValueOrDefault(ask.Slot.Name)) is not { Label: null } slot) continue;
                if (Languages.All(l => Engine.ReplyRenderer.KindLabel(slot, _types.GetValueOrDefault(slot.Type.Name), l) is not null) || !reported.Add(slot)) continue;
                diagnostics.Report(DiagnosticIds.SlotLabelMissing, slot.Span, slot.Name, flow.Id, Engine.TemplateValues.UnlabelledName(slot, bot.SlotTypes),
                    string.Join(" and ", Languages), string.Join(", ", Languages.Select(l => l + ": …")));
            }
        }
    }

    private SlotTypeDefinition? TypeOfSlot(FlowDefinition? flow, string slot) =>
        (flow?.Slots.GetValueOrDefault(slot) ?? bot.Slots.GetValueOrDefault(slot)) is { } def ? _types.GetValueOrDefault(def.Type.Name) : null;

    /// <summary>
    /// Variant conditions are typed where the response is used (a slot's type depends on the flow); a response used in
    /// several places reports the same problem once (the bag keeps identical diagnostics once).
    /// </summary>
    private void CheckVariantConditions(ResponseDefinition response, IReadOnlySet<string> scope, string scopeName, FlowDefinition? flow)
    {
        foreach (var variant in response.Variants)
        {
            if (!_expressions.TryGetValue(variant.Condition, out var expr)) continue;
            var errors = new List<ExpressionError>();
            var result = ExpressionChecker.Check(expr, Scope(slot => scope.Contains(slot) ? SlotType(flow, slot) : null, flow, (slot, offset) =>
            {
                if (!Undeclared(flow, slot) && !(scope.Contains(slot) && UntypedSlot(flow, slot))) diagnostics.ReportWithHelp(DiagnosticIds.VariantScope, At(variant.Condition, offset), UnknownNameHelp(slot, variant.Condition.Text, flow, scope), response.Id, slot, scopeName);
            }), errors);
            foreach (var e in errors) diagnostics.Report(DiagnosticIds.ExpressionType, At(variant.Condition, e.Offset), variant.Condition.Text, e.Message);
            if (errors.Count == 0 && result is not null and not ExprType.Bool)
            {
                diagnostics.Report(DiagnosticIds.ExpressionType, variant.Condition.Span, variant.Condition.Text, $"expected a {ExpressionChecker.Name(ExprType.Bool)}, found a {ExpressionChecker.Name(result.Value)}");
            }
            CheckEnumLiterals(expr, variant.Condition, flow);
        }
    }

    /// <summary>The expression type of a slot visible in a flow (own slots, then bot-wide); null when unknown.</summary>
    private ExprType? SlotType(FlowDefinition? flow, string slot)
    {
        var def = flow?.Slots.GetValueOrDefault(slot) ?? bot.Slots.GetValueOrDefault(slot);
        return def is null || UntypedSlot(flow, slot) ? null : _types.TryGetValue(def.Type.Name, out var t) ? ExpressionType(t.Kind) : ExprType.String;
    }

    /// <summary>
    /// True when the slot's type was declared but could not be read, which was reported there (<c>kind: integr</c>):
    /// nothing is known of its values, so expressions and placeholders that read it are not reported again (author16's
    /// trial: one misspelt kind gave five more errors, about <c>{{ range.min }}</c> and <c>amount * 12</c>).
    /// </summary>
    private bool UntypedSlot(FlowDefinition? flow, string slot) =>
        (flow?.Slots.GetValueOrDefault(slot) ?? bot.Slots.GetValueOrDefault(slot)) is { } def && !_types.ContainsKey(def.Type.Name) && Reported("slot type", def.Type.Name);

    private void CheckFlow(FlowDefinition flow)
    {
        foreach (var slot in flow.Slots.Values)
        {
            CheckSlotType(slot);
            if (bot.Slots.ContainsKey(slot.Name)) diagnostics.Report(DiagnosticIds.SlotClash, slot.Span, slot.Name, flow.Id);
        }
        var scope = flow.Slots.Keys.Concat(bot.Slots.Keys).ToHashSet(StringComparer.Ordinal);
        var scopeName = $"slots of flow '{flow.Id}' and bot-wide slots";
        _undeclared[flow.Id] = WrittenSlots(flow).Where(name => !scope.Contains(name)).ToHashSet(StringComparer.Ordinal);
        foreach (var io in flow.Inputs.Concat(flow.Outputs))
        {
            if (!flow.Slots.ContainsKey(io.Name)) ReportSlot(io, flow, flow.Slots.Keys);
        }
        if (flow.Help is { } help) CheckResponse(help, new ResponseUse(scope, scopeName, flow));
        if (flow.OnExpire is { } onExpire) CheckResponse(onExpire, new ResponseUse(scope, scopeName, flow));
        if (flow.Steps.Count == 0)
        {
            // One slip, one error: "step:" for "steps:" is reported at the key, with its "did you mean".
            if (!flow.StepsKeyMissing) diagnostics.Report(DiagnosticIds.EmptyFlow, flow.Span, flow.Id);
            return;
        }
        if (flow.Routable && (flow.Examples is null || flow.Examples.Variants.Values.All(v => v.Count == 0)))
        {
            diagnostics.Report(DiagnosticIds.NoExamples, flow.Span, flow.Id);
        }

        var stepIds = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        var duplicates = flow.Steps.Where(step => !stepIds.TryAdd(step.Id, step)).ToList();
        var unknownTargets = new List<(NameRef Target, string? Help, string Choices)>();
        var onNoTargets = new HashSet<NameRef>(ReferenceEqualityComparer.Instance);

        void Slot(NameRef slot)
        {
            if (!scope.Contains(slot.Name)) ReportSlot(slot, flow, scope);
        }
        // A slot only a step fills (an http result, a set) is declared like any other; the author5 trial expected the
        // result to declare it, and got "unknown slot" with no word on where it goes.
        void WrittenSlot(NameRef slot)
        {
            if (scope.Contains(slot.Name)) return;
            var help = SlotNameHelp(slot.Name, scope, flow) ?? $"a slot a step fills is declared like any other: add it to the flow's slots (slots: {{ {slot.Name}: text }}, or the type its values have)";
            diagnostics.ReportWithHelp(DiagnosticIds.UnknownSlot, slot.Span, help, slot.Name, flow.Id);
        }
        void Target(NameRef? target, params string[] specials)
        {
            if (target is null || specials.Contains(target.Name) || stepIds.TryGetValue(target.Name, out var s) && s.ExplicitId || flow.IdsWithoutStep.Contains(target.Name)) return;
            var ids = stepIds.Values.Where(x => x.ExplicitId).Select(x => x.Id).ToList();
            // "on_yes: done" in a first bot (the lead's author trial): a jump names a step by its id, and a step has one
            // only when it says so — the help names what may stand here when no name is near.
            var choices = ids.Count == 0
                ? "no step of this flow has an id: add 'id: <name>' to the step to go to and write that name here"
                : $"the steps with an id here: {string.Join(", ", ids.Take(8))}{(ids.Count > 8 ? ", …" : "")}";
            unknownTargets.Add((target, DidYouMean.Suggest(target.Name, ids.Concat(specials)),
                choices + (specials.Length == 0 ? "" : $"; or {string.Join(" or ", specials)}")));
        }
        // Responses with buttons: { from_result } and the step that says each (-1: outside the steps), checked along the
        // flow's paths once every step is read (CheckResultButtons).
        var resultUses = new List<ResultUse>();
        var currentIndex = -1;
        var saidInFlow = new List<string>();
        void Response(NameRef? response, bool range = false, bool accepted = false, bool options = false)
        {
            if (response is null) return;
            if (!saidInFlow.Contains(response.Name)) saidInFlow.Add(response.Name);
            CheckResponse(response, new ResponseUse(scope, scopeName, flow) { Range = range, Accepted = accepted, Options = options });
            if (!bot.Responses.TryGetValue(response.Name, out var said)) return;
            foreach (var from in said.Buttons.Select(b => b.FromResult).OfType<NameRef>()) resultUses.Add(new ResultUse(currentIndex, response, said.Id, from));
        }
        ExprType? Type(string slot) => SlotType(flow, slot);
        void Placeholders(string template, SourceSpan span)
        {
            // An http path, body or header, or a remember key, that is not a well-formed template would go out as written.
            foreach (var error in Template.Parse(template).Errors) diagnostics.Report(DiagnosticIds.StepTemplateSyntax, span, Shorten(template), error.Message);
            foreach (var name in Template.Placeholders(template))
            {
                // "{{ receipt.url }}": a member of a file slot's value; other names are slots.
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var root = dot < 0 ? name : name[..dot];
                if (!scope.Contains(root)) ReportSlot(new NameRef(name, span), flow, scope);
                else if (dot >= 0 && (TypeOfSlot(flow, root) is not { Kind: SlotKind.File } || !Engine.FileSlots.Members.Contains(name[(dot + 1)..])))
                {
                    diagnostics.ReportWithHelp(DiagnosticIds.UnknownSlot, span, "only a file slot has members: " + string.Join(", ", Engine.FileSlots.Members), name, flow.Id);
                }
            }
        }
        void Interruptions(InterruptionSettings? settings)
        {
            if (settings is not { Mode: InterruptionMode.Listed }) return;
            var routable = bot.Flows.Values.Where(f => f.Routable).Select(f => f.Id).ToList();
            foreach (var name in settings.Names)
            {
                if (InterruptionSettings.PatternNames.Contains(name.Name) || routable.Contains(name.Name)) continue;
                var help = bot.Flows.TryGetValue(name.Name, out var other) && !other.Routable
                    ? $"flow '{name.Name}' has routable: false, so users cannot start it"
                    : name.Name is "all" or "none"
                        ? $"write 'interruptions: {name.Name}' on its own, not in a list"
                        : InterruptionWord(name.Name) is { } word
                            ? $"did you mean '{word}'? write 'interruptions: {word}'"
                            : DidYouMean.Suggest(name.Name, InterruptionSettings.PatternNames.Concat(routable));
                diagnostics.ReportWithHelp(DiagnosticIds.UnknownInterruption, name.Span, help, name.Name, string.Join(", ", InterruptionSettings.PatternNames));
            }
        }
        // "interruptions: alle", "keine": the words for all and none in the author's language, or one typo from them.
        static string? InterruptionWord(string name) => name.ToLowerInvariant() switch
        {
            "alle" or "alles" or "jede" or "everything" => "all",
            "keine" or "kein" or "nichts" or "nothing" or "no" => "none",
            var other => DidYouMean.Closest(other, ["all", "none"]),
        };
        void Attempts(int? max, SourceSpan? span)
        {
            if (max is { } m && (m < 1 || m > BotLimits.AttemptCeiling)) diagnostics.Report(DiagnosticIds.AttemptBudget, span!.Value, m, BotLimits.AttemptCeiling);
        }

        foreach (var step in flow.Steps)
        {
            currentIndex++;
            switch (step)
            {
                case AskStep ask:
                    Slot(ask.Slot);
                    var bounded = TypeOfSlot(flow, ask.Slot.Name) is { } asked ? asked.Min is not null || asked.Max is not null || asked.Earliest is not null || asked.Latest is not null : UntypedSlot(flow, ask.Slot.Name);
                    // A slot without a known type (a misspelt type name or kind, or no such slot: each reported where it is
                    // written) may be either, so its messages are not also wrong: one slip, one error.
                    var untyped = TypeOfSlot(flow, ask.Slot.Name) is null;
                    var fileAsk = untyped || TypeOfSlot(flow, ask.Slot.Name) is { Kind: SlotKind.File };
                    // An ask of an enum lists its choices in its messages too ("I can only take claims for {{ options.list }}").
                    var choiceAsk = untyped || TypeOfSlot(flow, ask.Slot.Name) is { Kind: SlotKind.Enum };
                    Response(ask.Response, bounded, fileAsk, choiceAsk);
                    Response(ask.Reprompt, bounded, fileAsk, choiceAsk);
                    Response(ask.Help, bounded, fileAsk, choiceAsk);
                    Response(ask.Remind, bounded, fileAsk, choiceAsk);
                    Attempts(ask.MaxAttempts, ask.MaxAttemptsSpan);
                    Target(ask.OnExhausted, "end", "handoff");
                    Interruptions(ask.Interruptions);
                    if (ask.FromOpening && TypeOfSlot(flow, ask.Slot.Name) is { Kind: not SlotKind.Text } notText)
                    {
                        diagnostics.Report(DiagnosticIds.FromOpeningNotText, ask.FromOpeningSpan ?? ask.Span, ask.Slot.Name, notText.Kind.ToString().ToLowerInvariant());
                    }
                    foreach (var rule in ask.Validation)
                    {
                        Expression(rule.Rule, Type, flow, scope, ExprType.Bool);
                        Response(rule.Message, bounded);
                    }
                    break;
                case SayStep say:
                    Response(say.Response);
                    break;
                case ConfirmStep confirm:
                    Response(confirm.Response);
                    Response(confirm.Help);
                    Response(confirm.ChangePrompt);
                    Response(confirm.ChangeReprompt);
                    Attempts(confirm.MaxAttempts, confirm.MaxAttemptsSpan);
                    Target(confirm.OnYes, "end");
                    Target(confirm.OnNo, "end");
                    if (confirm.OnNo is { } onNo) onNoTargets.Add(onNo);
                    Target(confirm.OnChange);
                    Target(confirm.OnExhausted, "end", "handoff");
                    foreach (var slot in confirm.Edit) Slot(slot);
                    if (confirm.ChangePrompt is not null && confirm.Edit.Count > 0) diagnostics.Report(DiagnosticIds.EditAndChangePrompt, confirm.ChangePrompt.Span, confirm.Id);
                    Interruptions(confirm.Interruptions);
                    break;
                case BranchStep branch:
                    foreach (var c in branch.Cases)
                    {
                        Expression(c.Condition, Type, flow, scope, ExprType.Bool);
                        Target(c.Goto, "end");
                    }
                    Target(branch.Else, "end");
                    break;
                case SetStep set:
                    foreach (var a in set.Assignments)
                    {
                        WrittenSlot(a.Slot);
                        var valueType = Expression(a.Value, Type, flow, scope, null);
                        if (_expressions.GetValueOrDefault(a.Value) is LiteralExpr literal) EnumLiteral(a.Slot.Name, literal, a.Value, flow);
                        var slotType = Type(a.Slot.Name);
                        if (valueType is not null && slotType is not null && !Assignable(a.Value, valueType.Value, slotType.Value, flow, a.Slot.Name))
                        {
                            diagnostics.Report(DiagnosticIds.AssignType, a.Value.Span, ExpressionChecker.Name(valueType.Value), a.Slot.Name, ExpressionChecker.Name(slotType.Value));
                        }
                    }
                    break;
                case ClearStep clear:
                    foreach (var slot in clear.Slots) Slot(slot);
                    break;
                case RememberStep remember:
                    if (!Engine.RememberSteps.HasScope(remember.Key.Text))
                    {
                        diagnostics.Report(DiagnosticIds.RememberKeyScope, remember.Key.Span, remember.Key.Text, remember.Id);
                    }
                    Placeholders(remember.Key.Text, remember.Key.Span);
                    break;
                case CallStep call:
                    CheckCall(call, flow, scope, Type);
                    break;
                case HttpStep http:
                    var service = bot.Services.GetValueOrDefault(http.Service.Name);
                    if (service is null)
                    {
                        if (!Reported("service", http.Service.Name)) diagnostics.ReportWithHelp(DiagnosticIds.UnknownService, http.Service.Span, DidYouMean.Suggest(http.Service.Name, bot.Services.Keys), http.Service.Name);
                    }
                    Placeholders(http.Path, http.PathSpan);
                    Response(http.Wait);
                    foreach (var (template, span) in BodyTemplates(http.Body)) Placeholders(template, span);
                    foreach (var (_, value) in http.Headers.Concat(service?.Headers ?? []).Where(h => !h.Value.IsConfigReference)) Placeholders(value.Literal!, value.Span);
                    if (http.IdempotencyKey is { } key) Placeholders(key.Text, key.Span);
                    foreach (var (slot, path, span) in http.Result.Concat(http.ErrorResult))
                    {
                        WrittenSlot(slot);
                        if (!JsonPath.TryParse(path, out _)) diagnostics.Report(DiagnosticIds.InvalidJsonPath, span, path);
                    }
                    foreach (var (_, target) in http.OnStatus) Target(target, "end", "handoff");
                    Target(http.OnError, "end", "handoff");
                    var retries = http.Retry ?? service?.Retry ?? 0;
                    if (retries > 0 && http.IdempotencyKey is null && http.Method is "POST" or "PATCH")
                    {
                        diagnostics.Report(DiagnosticIds.RetryWithoutIdempotencyKey, http.Span, http.Id, http.Method, retries);
                    }
                    break;
                case HandoffStep handoff:
                    Response(handoff.Response);
                    break;
                case EndStep end:
                    Response(end.Response);
                    break;
                case GotoStep go:
                    Target(go.Target, "end");
                    Target(go.OnLimit, "end", "handoff");
                    break;
                case AnswerStep answer:
                    Response(answer.IfNoAnswer);
                    Response(answer.Wait);
                    if (answer.Question is { } question && !scope.Contains(question.Name))
                    {
                        // "answer: question" read as a keyword (the author5 trial): the guide's example names a slot.
                        diagnostics.ReportWithHelp(DiagnosticIds.UnknownSlot, question.Span, SlotNameHelp(question.Name, scope, flow)
                            ?? $"'answer: {question.Name}' reads the question from a text slot an ask fills first; to answer the message that started the flow, leave it empty ('- answer:')", question.Name, flow.Id);
                    }
                    CheckAnswer(answer, flow);
                    break;
            }
        }
        // A step id written twice where jumps name an id that no step has (a copied step whose id was not changed, or the
        // wrong step renamed) is one slip: the duplicate names the missing id, and those jumps are not also "unknown step".
        var missing = unknownTargets.Select(t => t.Target.Name).Distinct(StringComparer.Ordinal).ToList();
        var renamed = duplicates.Count == 1 && missing.Count == 1 ? missing[0] : null;
        foreach (var step in duplicates)
        {
            diagnostics.ReportWithHelp(DiagnosticIds.DuplicateStep, step.Span, renamed is null ? null : $"{(unknownTargets.Count == 1 ? "a jump goes" : "jumps go")} to '{renamed}', which no step has: was one of the two meant to be 'id: {renamed}'?", step.Id, flow.Id);
        }
        foreach (var (target, nearest, choices) in unknownTargets.Where(t => t.Target.Name != renamed))
        {
            // "on_yes: handoff": only error paths (on_exhausted, on_status, on_error, on_limit) take handoff.
            var hint = target.Name == "handoff"
                ? "only on_exhausted, on_status, on_error and on_limit hand over by name; here name a step that does: add '- id: hand_over' with 'handoff: <response>' and write hand_over"
                : nearest ?? ResponseAsTargetHelp(target, onNoTargets.Contains(target)) ?? choices;
            diagnostics.ReportWithHelp(DiagnosticIds.UnknownStep, target.Span, hint, target.Name, flow.Id);
        }
        CheckResultButtons(flow, scope, resultUses);
        CheckOptionalShown(flow, saidInFlow);
        CheckStaleAtConfirmation(flow);
        // A jump to a step no one has is a guess at the graph: its "never reached" would be the same slip again.
        if (unknownTargets.Count == 0) CheckGraph(flow, stepIds);
    }

    /// <summary>
    /// A slot of an <c>optional: true</c> ask shown by a response of the flow as <c>{{ slot }}</c> in a text that never
    /// tests it (<c>{{#if slot}}</c>) shows nothing once the user skipped it: DLG2056 (warning) at that text, once per response.
    /// </summary>
    private void CheckOptionalShown(FlowDefinition flow, List<string> said)
    {
        var optional = flow.Steps.OfType<AskStep>().Where(a => a.Optional).Select(a => a.Slot.Name).Distinct(StringComparer.Ordinal).ToList();
        if (optional.Count == 0) return;
        foreach (var id in said)
        {
            if (!bot.Responses.TryGetValue(id, out var response)) continue;
            foreach (var slot in optional)
            {
                // A variant whose condition reads the slot ("if: email is set") shows it only when it is there.
                var tested = new System.Text.RegularExpressions.Regex($@"\b{System.Text.RegularExpressions.Regex.Escape(slot)}\b");
                var bare = response.Variants.Where(v => !tested.IsMatch(v.Condition.Text)).Select(v => v.Text).Prepend(response.Text)
                    .SelectMany(t => t.Variants.SelectMany(p => p.Value.Select(v => (Text: t, Language: p.Key, Refs: Template.Parse(v).References))))
                    .FirstOrDefault(x => x.Refs.Any(r => r.Root == slot && !r.InCondition) && !x.Refs.Any(r => r.Name == slot && r.InCondition));
                if (bare.Refs is null) continue;
                diagnostics.ReportWithHelp(DiagnosticIds.OptionalShown, bare.Text.Spans.GetValueOrDefault(bare.Language, bare.Text.Span),
                    $"write {{{{#if {slot}}}}}…{{{{ {slot} }}}}…{{{{else}}}}…{{{{/if}}}}, or a variant with if: {slot} is set",
                    id, bare.Language, slot, flow.Id);
            }
        }
    }

    /// <summary>
    /// A confirmation without <c>on_change</c> that shows a value worked out from a slot the user may correct there: an
    /// http step's result whose request used that slot (the engine does not call a service again on its own), or a
    /// <c>set</c> the engine cannot work out again (a branch and a message both stand between it and the confirmation,
    /// <see cref="Engine.ReworkPlan"/>). DLG3051 (warning) at the confirmation, once per shown slot.
    /// </summary>
    private void CheckStaleAtConfirmation(FlowDefinition flow)
    {
        var steps = flow.Steps;
        for (var at = 0; at < steps.Count; at++)
        {
            if (steps[at] is not ConfirmStep { OnChange: null } confirm || !bot.Responses.TryGetValue(confirm.Response.Name, out var response)) continue;
            var shown = response.Variants.Select(v => v.Text).Prepend(response.Text).SelectMany(t => t.Variants.Values).SelectMany(v => v)
                .SelectMany(Template.Placeholders).Select(n => n.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            // What the user may correct here: the shown and edit slots (the default, or "correction"), every slot (all).
            var correctable = confirm.Interruptions?.Mode switch
            {
                InterruptionMode.None => [],
                InterruptionMode.All => flow.Slots.Keys.Concat(bot.Slots.Keys).ToHashSet(StringComparer.Ordinal),
                InterruptionMode.Listed when !confirm.Interruptions.Names.Any(n => n.Name == "correction") => [],
                _ => shown.Concat(confirm.Edit.Select(e => e.Name)).ToHashSet(StringComparer.Ordinal),
            };
            var given = steps.OfType<AskStep>().Select(a => a.Slot.Name).Concat(confirm.Edit.Select(e => e.Name)).ToHashSet(StringComparer.Ordinal);
            correctable.IntersectWith(given);
            if (correctable.Count == 0) continue;
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in correctable)
            {
                var plan = Engine.ReworkPlan.Of(steps, at, [source], _expressions.GetValueOrDefault, _ => true);
                if (plan.Mode == Engine.ReworkMode.Skipped)
                {
                    foreach (var set in plan.Sets)
                    {
                        foreach (var slot in set.Assignments.Select(a => a.Slot.Name).Where(s => shown.Contains(s) && !given.Contains(s) && reported.Add(s)))
                        {
                            diagnostics.Report(DiagnosticIds.StaleAtConfirmation, confirm.Span, confirm.Id, slot, set.Id, source, "a branch and a step that must not run twice stand between them");
                        }
                    }
                }
                var reading = plan.Derived.Append(source).ToHashSet(StringComparer.Ordinal);
                foreach (var http in steps.Take(at).OfType<HttpStep>())
                {
                    var request = Template.Placeholders(http.Path).Concat(BodyTemplates(http.Body).SelectMany(b => Template.Placeholders(b.Template)));
                    if (!request.Select(n => n.Split('.')[0]).Any(reading.Contains)) continue;
                    foreach (var slot in http.Result.Select(r => r.Slot.Name).Where(s => shown.Contains(s) && !given.Contains(s) && reported.Add(s)))
                    {
                        diagnostics.Report(DiagnosticIds.StaleAtConfirmation, confirm.Span, confirm.Id, slot, http.Id, source, "an http step is not called again on its own");
                    }
                }
            }
        }
    }

    /// <summary>The text templates of a body with their positions (typed literals have none).</summary>
    private static IEnumerable<(string Template, SourceSpan Span)> BodyTemplates(JsonTemplate? body) => body switch
    {
        JsonTemplateObject o => o.Properties.SelectMany(p => BodyTemplates(p.Value)),
        JsonTemplateArray a => a.Items.SelectMany(BodyTemplates),
        JsonTemplateText t => [(t.Template, t.Span)],
        JsonTemplateSlot s => [("{{ " + s.Slot + " }}", s.Span)],
        _ => [],
    };

    /// <summary>
    /// A response named where a step goes (the author5 trial wrote <c>on_no: what_to_change</c>): what to write instead,
    /// and the response counts as used, so it is not also "never used". Null when the name is no response.
    /// </summary>
    private string? ResponseAsTargetHelp(NameRef target, bool onNo)
    {
        if (!bot.Responses.ContainsKey(target.Name)) return null;
        _used.Add(target.Name);
        return onNo
            ? $"'{target.Name}' is a response, and on_no names a step: to ask it and wait for what to change, write on_no: {{ prompt: {target.Name} }}"
            : $"'{target.Name}' is a response, and this names a step: add a step that says it ('- id: {target.Name}' with 'end: {target.Name}' or 'say: {target.Name}') and keep this name";
    }

    /// <summary>Per flow, the slots its steps fill (http results, set) that it does not declare: reported where they are filled.</summary>
    private readonly Dictionary<string, HashSet<string>> _undeclared = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="slot"/> is one the flow's steps fill without declaring it (reported there already).</summary>
    private bool Undeclared(FlowDefinition? flow, string slot) => flow is not null && _undeclared.TryGetValue(flow.Id, out var names) && names.Contains(slot);

    private static IEnumerable<string> WrittenSlots(FlowDefinition flow) => flow.Steps.SelectMany(step => step switch
    {
        HttpStep http => http.Result.Concat(http.ErrorResult).Select(r => r.Slot.Name),
        SetStep set => set.Assignments.Select(a => a.Slot.Name),
        _ => [],
    });

    /// <summary>Whether a placeholder names a slot of some flow, a bot-wide slot or a role (<c>flow.label</c>), or a member of one.</summary>
    private bool NameOfSomeSlot(string placeholder)
    {
        if (RoleNames.Contains(placeholder)) return true;
        var root = placeholder.Split('.')[0];
        return bot.Slots.ContainsKey(root) || bot.Flows.Values.Any(f => f.Slots.ContainsKey(root));
    }

    private void ReportSlot(NameRef slot, FlowDefinition flow, IEnumerable<string> scope) =>
        diagnostics.ReportWithHelp(DiagnosticIds.UnknownSlot, slot.Span, SlotNameHelp(slot.Name, scope, flow), slot.Name, flow.Id);

    /// <summary>
    /// Help for a name that is no slot in scope. A slot type's name where its slot was meant comes first: the author5
    /// trial wrote <c>ask: claim_kind</c> for the slot <c>claim_type: claim_kind</c>, and "did you mean 'claim_id'?"
    /// sent them to a third name. Else a slot name one typo away.
    /// </summary>
    private string? SlotNameHelp(string name, IEnumerable<string> scope, FlowDefinition? flow)
    {
        if (!_types.ContainsKey(name) || DidYouMean.Closest(name, scope) == name) return DidYouMean.Suggest(name, scope) ?? SlotSharingAWord(name, scope, flow);
        var slots = scope.Where(s => (flow?.Slots.GetValueOrDefault(s) ?? bot.Slots.GetValueOrDefault(s))?.Type.Name == name).Order(StringComparer.Ordinal).ToList();
        return slots.Count switch
        {
            0 => $"'{name}' is a slot type, not a slot: declare a slot of that type ({(flow is null ? "slots" : $"flow '{flow.Id}'")}: slots: {{ my_slot: {name} }}) and name the slot here",
            1 => $"'{name}' is a slot type; the slot of that type here is '{slots[0]}'",
            _ => $"'{name}' is a slot type; the slots of that type here are {string.Join(", ", slots.Select(x => $"'{x}'"))}",
        };
    }

    /// <summary>
    /// A name no typo away from a slot, but with a word of one slot's name (<c>{{ pickup_date }}</c> for the slot
    /// <c>pickup</c>) or, after a rename, of one slot's type (<c>{{ title }}</c> once the slot <c>title: book_title</c> was
    /// renamed <c>book</c>): that slot (the author9 trial got no hint for either). Null unless exactly one slot fits.
    /// </summary>
    private string? SlotSharingAWord(string name, IEnumerable<string> scope, FlowDefinition? flow)
    {
        static HashSet<string> Words(string text) => text.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
        var words = Words(name);
        if (words.Count == 0) return null;
        var slots = scope.Distinct(StringComparer.Ordinal).ToList();
        var byName = slots.Where(s => Words(s).Overlaps(words)).ToList();
        if (byName.Count == 1) return $"did you mean '{byName[0]}'?";
        if (byName.Count > 1) return null;
        var byType = slots.Select(s => (Slot: s, Type: (flow?.Slots.GetValueOrDefault(s) ?? bot.Slots.GetValueOrDefault(s))?.Type.Name))
            .Where(s => s.Type is not null && !Runtime.BuiltinSlotTypes.All.ContainsKey(s.Type) && Words(s.Type).Overlaps(words)).ToList();
        return byType.Count == 1 ? $"did you mean '{byType[0].Slot}'? it is the slot of type {byType[0].Type}, perhaps renamed from '{name}'" : null;
    }

    private void CheckCall(CallStep call, FlowDefinition flow, HashSet<string> scope, Func<string, ExprType?> type)
    {
        if (!bot.Flows.TryGetValue(call.Flow.Name, out var child))
        {
            if (!Reported("flow", call.Flow.Name)) diagnostics.ReportWithHelp(DiagnosticIds.UnknownFlow, call.Flow.Span, DidYouMean.Suggest(call.Flow.Name, bot.Flows.Keys), call.Flow.Name);
            return;
        }
        foreach (var input in call.Inputs)
        {
            if (!child.Inputs.Any(i => i.Name == input.Slot.Name)) diagnostics.ReportWithHelp(DiagnosticIds.CallMapping, input.Slot.Span, Declared(child.Inputs, input.Slot.Name, "inputs"), child.Id, input.Slot.Name, "inputs");
            var valueType = Expression(input.Value, type, flow, scope, null);
            var childType = child.Slots.TryGetValue(input.Slot.Name, out var cs) && _types.TryGetValue(cs.Type.Name, out var ct) ? ExpressionType(ct.Kind) : (ExprType?)null;
            if (valueType is not null && childType is not null && !Assignable(input.Value, valueType.Value, childType.Value, child, input.Slot.Name))
            {
                diagnostics.Report(DiagnosticIds.AssignType, input.Value.Span, ExpressionChecker.Name(valueType.Value), input.Slot.Name, ExpressionChecker.Name(childType.Value));
            }
        }
        foreach (var (parent, childSlot) in call.Outputs)
        {
            // "outputs: { address: email }" for "{ email: address }": the two sides swapped, said once.
            if (!scope.Contains(parent.Name) && !child.Outputs.Any(o => o.Name == childSlot.Name) && child.Outputs.Any(o => o.Name == parent.Name) && scope.Contains(childSlot.Name))
            {
                diagnostics.Report(DiagnosticIds.CallOutputsSwapped, parent.Span, parent.Name, childSlot.Name, child.Id, flow.Id);
                continue;
            }
            if (!scope.Contains(parent.Name)) ReportSlot(parent, flow, scope);
            if (!child.Outputs.Any(o => o.Name == childSlot.Name)) diagnostics.ReportWithHelp(DiagnosticIds.CallMapping, childSlot.Span, Declared(child.Outputs, childSlot.Name, "outputs"), child.Id, childSlot.Name, "outputs");
        }

        // What the called flow does declare, and the one meant when it is a typo away or a slot of the same type
        // ("plz: postleitzahl" for the output plz of type postleitzahl).
        string Declared(IReadOnlyList<NameRef> declared, string name, string section)
        {
            if (declared.Count == 0) return $"'{child.Id}' declares no {section}: add '{section}: [{name}]' to it";
            var meant = DidYouMean.Closest(name, declared.Select(d => d.Name))
                ?? declared.Select(d => d.Name).FirstOrDefault(d => child.Slots.TryGetValue(d, out var slot) && slot.Type.Name == name);
            var list = $"its {section}: {string.Join(", ", declared.Select(d => d.Name))}";
            return meant is null ? list : $"did you mean '{meant}'? {list}";
        }
    }

    private ExprType? Expression(ExpressionText text, Func<string, ExprType?> type, FlowDefinition flow, HashSet<string> scope, ExprType? expected)
    {
        var expr = ExpressionParser.Parse(text.Text, out var error);
        if (expr is null)
        {
            diagnostics.Report(DiagnosticIds.ExpressionSyntax, At(text, error!.Offset), Shorten(text.Text), error.Message);
            return null;
        }
        _expressions[text] = expr;
        var errors = new List<ExpressionError>();
        var result = ExpressionChecker.Check(expr, Scope(type, flow, (slot, offset) =>
        {
            if (!Undeclared(flow, slot) && !(scope.Contains(slot) && UntypedSlot(flow, slot))) diagnostics.ReportWithHelp(DiagnosticIds.UnknownSlot, At(text, offset), UnknownNameHelp(slot, text.Text, flow, scope), slot, flow.Id);
        }), errors);
        foreach (var e in errors) diagnostics.Report(DiagnosticIds.ExpressionType, At(text, e.Offset), text.Text, e.Message);
        CheckEnumLiterals(expr, text, flow);
        if (errors.Count == 0 && expected is not null && result is not null && result != expected)
        {
            diagnostics.Report(DiagnosticIds.ExpressionType, text.Span, text.Text, $"expected a {ExpressionChecker.Name(expected.Value)}, found a {ExpressionChecker.Name(result.Value)}");
        }
        return errors.Count == 0 ? result : null;
    }

    /// <summary>
    /// What to write instead of a name that is no slot in scope. Most often it was meant as a text: an enum value
    /// (<c>priority == high</c>), or a value whose quotes YAML took (<c>set: { priority: "normal" }</c> is the expression
    /// <c>normal</c>); or an empty test (<c>x != null</c>); else a slot name with a typo.
    /// </summary>
    private string? UnknownNameHelp(string name, string expression, FlowDefinition? flow, IEnumerable<string> scope)
    {
        var whole = expression.Trim() == name;
        var quoted = whole ? $"'\"{name}\"'" : $"\"{name}\"";
        var inYaml = whole ? " (YAML takes the outer quotes of a value, so quote the expression too)" : "";
        if (name is "null" or "nil" or "none" or "empty" or "undefined")
        {
            return "a slot without a value is tested with 'is not set' (or 'is set'): if: priority is not set";
        }
        var owner = scope.Select(slot => (Slot: slot, Type: (flow?.Slots.GetValueOrDefault(slot) ?? bot.Slots.GetValueOrDefault(slot))?.Type.Name))
            .Where(s => s.Type is not null && _types.TryGetValue(s.Type, out var t) && t.Values.Any(v => v.Value == name))
            .Select(s => s.Type).FirstOrDefault();
        if (owner is not null) return $"'{name}' is a value of slot type '{owner}', not a slot: a text is written in quotes, {quoted}{inYaml}";
        if (ExpressionParser.EnglishFor(name) is { } english && SlotNameHelp(name, scope, flow) is null) return ExpressionParser.InEnglish(name, english);
        return SlotNameHelp(name, scope, flow) ?? $"if '{name}' is meant as a text, write it in quotes: {quoted}{inYaml}";
    }

    // A message quotes an expression for recognition, not in full: the position already points into it.
    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private ExpressionScope Scope(Func<string, ExprType?> type, FlowDefinition? flow, Action<string, int>? unknownSlot) => new(type)
    {
        UnknownSlot = unknownSlot,
        IsSpecialValue = (slot, text) => (flow?.Slots.GetValueOrDefault(slot) ?? bot.Slots.GetValueOrDefault(slot)) is { } def
            && _types.TryGetValue(def.Type.Name, out var t) && t.Values.Any(v => v.Value == text),
    };

    /// <summary>Whether an expression's value can be stored in a slot of the given type (text literals in the slot's canonical form fit date and time slots).</summary>
    private bool Assignable(ExpressionText text, ExprType value, ExprType slot, FlowDefinition flow, string slotName) =>
        ExpressionChecker.Fits(_expressions.GetValueOrDefault(text) ?? new LiteralExpr(ExprValue.Unset, 0), value, slot, Scope(_ => null, flow, null), slotName);

    /// <summary><c>product == "laptp"</c> can never be true: compare enum slots only with their values.</summary>
    private void CheckEnumLiterals(Expr expr, ExpressionText text, FlowDefinition? flow)
    {
        switch (expr)
        {
            case BinaryExpr { Op: "==" or "!=" } b:
                foreach (var (slotSide, literalSide) in new[] { (b.Left, b.Right), (b.Right, b.Left) })
                {
                    if (slotSide is SlotExpr s && literalSide is LiteralExpr l) EnumLiteral(s.Name, l, text, flow);
                }
                break;
            case BinaryExpr b:
                CheckEnumLiterals(b.Left, text, flow);
                CheckEnumLiterals(b.Right, text, flow);
                break;
            case UnaryExpr u:
                CheckEnumLiterals(u.Operand, text, flow);
                break;
        }
    }

    /// <summary>A text compared with or stored in an enum slot must be one of its values (<c>set: { size: '"larg"' }</c> too).</summary>
    private void EnumLiteral(string slotName, LiteralExpr literal, ExpressionText text, FlowDefinition? flow)
    {
        if (literal.Value.Kind == ExprValue.ValueKind.String
            && (flow?.Slots.GetValueOrDefault(slotName) ?? bot.Slots.GetValueOrDefault(slotName)) is { } slot
            && _types.TryGetValue(slot.Type.Name, out var type) && type.Kind == SlotKind.Enum
            && !type.Values.Any(v => string.Equals(v.Value, literal.Value.Text, StringComparison.OrdinalIgnoreCase)))
        {
            var values = type.Values.Select(v => v.Value).ToList();
            diagnostics.ReportWithHelp(DiagnosticIds.UnknownEnumValue, At(text, literal.Offset), DidYouMean.Suggest(literal.Value.Text!, values) ?? $"its values: {string.Join(", ", values)}", literal.Value.Text, type.Id);
        }
    }

    /// <summary>Position of a character inside a single-line expression.</summary>
    private static SourceSpan At(ExpressionText text, int offset) => text.Span with { Column = text.Span.Column + offset };

    internal static ExprType ExpressionType(SlotKind kind) => kind switch
    {
        SlotKind.Integer or SlotKind.Number => ExprType.Number,
        SlotKind.Boolean => ExprType.Bool,
        SlotKind.Date => ExprType.Date,
        SlotKind.Time => ExprType.Time,
        SlotKind.DateTime => ExprType.DateTime,
        _ => ExprType.String,
    };

    /// <summary>Unreachable steps (warning) and loops that never wait for the user (error).</summary>
    private void CheckGraph(FlowDefinition flow, Dictionary<string, StepDefinition> ids)
    {
        // One slip, one error (the author2 trial): with a step id used twice (DLG2017) every jump to it is a guess — a
        // "never reached" warning for the copy, a loop error when the jump was meant for the later one — and a step whose
        // key was dropped ('on_eror:', DLG1003) lost a branch. The graph is checked once the steps read whole.
        if (!_readWhole || ids.Count != flow.Steps.Count) return;
        var steps = flow.Steps;
        var index = StepIndex(steps);
        var successors = StepSuccessors(steps);

        var reached = new bool[steps.Count];
        var queue = new Queue<int>([0]);
        reached[0] = true;
        while (queue.Count > 0)
        {
            foreach (var next in successors[queue.Dequeue()].Where(n => !reached[n]))
            {
                reached[next] = true;
                queue.Enqueue(next);
            }
        }
        for (var i = 0; i < steps.Count; i++)
        {
            if (!reached[i]) diagnostics.Report(DiagnosticIds.Unreachable, steps[i].Span, steps[i].Id, flow.Id);
        }

        // on_change re-runs steps so the changed values are confirmed again: the confirmation must be reachable from there.
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is ConfirmStep { OnChange: { } change } && index.TryGetValue(change.Name, out var from) && !Reaches(from, i))
            {
                diagnostics.Report(DiagnosticIds.ChangeNeverConfirms, change.Span, steps[i].Id, change.Name);
            }
        }
        bool Reaches(int from, int to)
        {
            var seen = new bool[steps.Count];
            var pending = new Stack<int>([from]);
            while (pending.Count > 0)
            {
                var n = pending.Pop();
                if (n == to) return true;
                if (seen[n]) continue;
                seen[n] = true;
                foreach (var next in successors[n]) pending.Push(next);
            }
            return false;
        }

        // A cycle through steps that never wait (everything but confirm, and ask once its slot is filled… an ask
        // still counts as waiting the first time, so only ask-free, confirm-free cycles are unbounded).
        static bool Waits(StepDefinition s) => s is AskStep or ConfirmStep;
        var state = new int[steps.Count];
        var path = new List<int>();
        var reported = false;
        void Visit(int i)
        {
            if (reported) return;
            state[i] = 1;
            path.Add(i);
            foreach (var n in successors[i])
            {
                if (Waits(steps[n])) continue;
                // A goto with a limit jumps a bounded number of times, so a loop through it ends.
                if (steps[i] is GotoStep { Limit: not null } limited && index.TryGetValue(limited.Target.Name, out var t) && t == n) continue;
                if (state[n] == 1)
                {
                    var cycle = path.Skip(path.IndexOf(n)).Select(x => steps[x].Id);
                    diagnostics.Report(DiagnosticIds.UnboundedLoop, steps[i].Span, string.Join(" -> ", cycle.Append(steps[n].Id)));
                    reported = true;
                    return;
                }
                if (state[n] == 0) Visit(n);
            }
            path.RemoveAt(path.Count - 1);
            state[i] = 2;
        }
        for (var i = 0; i < steps.Count && !reported; i++)
        {
            if (state[i] == 0 && !Waits(steps[i])) Visit(i);
        }
    }

    /// <summary>Step id -> its place in the flow (the first step with that id).</summary>
    private static Dictionary<string, int> StepIndex(IReadOnlyList<StepDefinition> steps) =>
        steps.Select((s, i) => (s.Id, i)).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

    /// <summary>Where the flow can go after each step: the next one, jumps, error paths (a jump to an unknown step goes nowhere).</summary>
    private static List<List<int>> StepSuccessors(IReadOnlyList<StepDefinition> steps)
    {
        var index = StepIndex(steps);
        List<int> Successors(int i)
        {
            var list = new List<int>();
            void Add(NameRef? target, bool fallthrough)
            {
                if (target is null)
                {
                    if (fallthrough && i + 1 < steps.Count) list.Add(i + 1);
                }
                else if (index.TryGetValue(target.Name, out var t)) list.Add(t);
            }
            switch (steps[i])
            {
                case AskStep a: Add(null, true); Add(a.OnExhausted, false); break;
                case ConfirmStep c: Add(c.OnYes, true); Add(c.OnNo, false); if (c.OnNo is null && c.Edit.Count > 0) list.Add(0); Add(c.OnChange, false); Add(c.OnExhausted, false); break;
                case BranchStep b: foreach (var k in b.Cases) Add(k.Goto, false); Add(b.Else, true); break;
                case HttpStep h: Add(null, true); foreach (var (_, t) in h.OnStatus) Add(t, false); Add(h.OnError, false); break;
                case GotoStep { Limit: not null } g: Add(g.Target, false); Add(g.OnLimit, true); break;
                case GotoStep g: Add(g.Target, false); break;
                case EndStep or HandoffStep: break;
                default: Add(null, true); break;
            }
            return list;
        }
        return [.. Enumerable.Range(0, steps.Count).Select(Successors)];
    }

    private void CheckCallCycles()
    {
        var calls = bot.Flows.Values.ToDictionary(
            f => f.Id,
            f => f.Steps.OfType<CallStep>().Where(c => bot.Flows.ContainsKey(c.Flow.Name)).ToList(),
            StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        bool Visit(string flow)
        {
            state[flow] = 1;
            path.Add(flow);
            foreach (var call in calls[flow])
            {
                var target = call.Flow.Name;
                var s = state.GetValueOrDefault(target);
                if (s == 1)
                {
                    diagnostics.Report(DiagnosticIds.CallCycle, call.Flow.Span, string.Join(" -> ", path.Skip(path.IndexOf(target)).Append(target)));
                    return true;
                }
                if (s == 0 && Visit(target)) return true;
            }
            path.RemoveAt(path.Count - 1);
            state[flow] = 2;
            return false;
        }
        foreach (var flow in calls.Keys)
        {
            if (state.GetValueOrDefault(flow) == 0 && Visit(flow)) break;
        }
    }
}
