using System.Collections.Concurrent;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// A validated bot, ready to run: the definition plus lookups and parsed expressions. Immutable; one instance per
/// definitions revision, shared by all concurrent turns.
/// </summary>
public sealed class CompiledBot
{
    private readonly Dictionary<ExpressionText, Expr> _expressions;
    private readonly ConcurrentDictionary<(SlotDefinition Slot, string Language), SlotInfo> _slotInfos = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _commandPhrases = new(StringComparer.Ordinal);

    /// <summary>
    /// The author's phrases for the command patterns (<c>patterns.handoff.examples</c>: "talk to a pharmacist") in a
    /// language, each as a message is compared with it (frame and politeness peeled), with its pattern's name; built once
    /// per language, not again on every turn that checks them. The first pattern wins a phrase two share (DLG2097 refuses that).
    /// </summary>
    internal IReadOnlyDictionary<string, string> CommandPhrases(string language) => _commandPhrases.GetOrAdd(language, static (language, examples) =>
    {
        var lexicon = Lexicon.For(language);
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pattern, texts) in examples)
        {
            foreach (var phrase in texts.Variants.GetValueOrDefault(language) ?? []) phrases.TryAdd(lexicon.Peel(lexicon.Unframed(phrase)), pattern);
        }
        return phrases;
    }, Definition.Patterns.Examples);

    internal CompiledBot(BotDefinition definition, string revision, Dictionary<ExpressionText, Expr> expressions, KnowledgeBase? knowledge = null)
    {
        Definition = definition;
        Knowledge = knowledge ?? KnowledgeBase.Empty;
        Revision = revision;
        _expressions = expressions;
        SlotTypes = BuiltinSlotTypes.Merge(definition.SlotTypes);
        Responses = BuiltinResponses.Merge(definition.Responses);
        Flows = definition.Flows.ToDictionary(p => p.Key, p => new CompiledFlow(p.Value), StringComparer.Ordinal);
        FlowIds = [.. Flows.Keys];
        TimeZone = SlotValueParser.ResolveTimeZone(definition.Settings.TimeZone);
        _sentTexts = SentTexts(definition);
        WorkedOutSlots = WorkedOut(definition, expressions);
    }

    /// <summary>
    /// Slots the bot works out itself (an http step's <c>result</c>/<c>error_result</c>, a <c>set</c> from an expression
    /// other than a fixed value) and no <c>ask</c> asks for nor a confirmation lists under <c>edit</c>: a price or a
    /// total a service or the author computes. The user's words never fill them ("set the price to 0"), whatever the
    /// recognizer says; a fixed default (<c>set: { priority: '"normal"' }</c>) stays the user's to give.
    /// </summary>
    internal IReadOnlySet<string> WorkedOutSlots { get; }

    private static HashSet<string> WorkedOut(BotDefinition definition, Dictionary<ExpressionText, Expr> expressions)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in definition.Flows.Values.SelectMany(f => f.Steps))
        {
            switch (step)
            {
                case AskStep ask:
                    given.Add(ask.Slot.Name);
                    break;
                case ConfirmStep confirm:
                    given.UnionWith(confirm.Edit.Select(e => e.Name));
                    break;
                case HttpStep http:
                    written.UnionWith(http.Result.Concat(http.ErrorResult).Select(r => r.Slot.Name));
                    break;
                case SetStep set:
                    written.UnionWith(set.Assignments.Where(a => expressions.GetValueOrDefault(a.Value) is not LiteralExpr).Select(a => a.Slot.Name));
                    break;
            }
        }
        written.ExceptWith(given);
        return written;
    }

    private readonly Dictionary<(string Language, string Text), string> _sentTexts;

    /// <summary>
    /// The value a button stands for when its click arrives as the text it <c>sends:</c> (channels post the text, not
    /// the value); null when the text is no such button's.
    /// </summary>
    public string? SentButtonValue(string language, string? text) =>
        text is null ? null : _sentTexts.GetValueOrDefault((language, UtteranceText.Normalize(text)));

    // Sent texts that stand for a value; the validator makes sure one text never stands for two values.
    private static Dictionary<(string, string), string> SentTexts(BotDefinition definition)
    {
        var map = new Dictionary<(string, string), string>();
        foreach (var button in definition.Responses.Values.SelectMany(r => r.Buttons).Where(b => b.Sends is not null && b.HasValue))
        {
            foreach (var (language, texts) in button.Sends!.Variants)
            {
                foreach (var text in texts) map.TryAdd((language, UtteranceText.Normalize(text)), button.Value);
            }
        }
        return map;
    }

    /// <summary>The bot's time zone (<c>bot.time_zone</c>; UTC when not set).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The zone of one conversation: the user's (from the channel) when it is a known zone, else the bot's.</summary>
    public TimeZoneInfo TimeZoneFor(string? userTimeZone) =>
        IsKnownTimeZone(userTimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(userTimeZone!, out var zone) ? zone : TimeZone;

    /// <summary>
    /// True for a zone id this machine knows (IANA, or Windows where the system maps it). The id comes from the
    /// channel, so anything shaped like a path is refused before the system looks for a zone file by that name.
    /// </summary>
    public bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && !id.StartsWith('/') && !id.Contains("..", StringComparison.Ordinal)
        && !id.Contains('\\') && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>The passages of the <c>knowledge:</c> files, chunked at load (empty without knowledge).</summary>
    internal KnowledgeBase Knowledge { get; }

    /// <summary>What the author wrote.</summary>
    internal BotDefinition Definition { get; }

    /// <summary>Content hash of the definition files; recorded in every state made with it.</summary>
    public string Revision { get; }
    internal IReadOnlyDictionary<string, CompiledFlow> Flows { get; }

    /// <summary>Author responses plus the built-in pattern responses (<c>builtin.*</c>).</summary>
    internal IReadOnlyDictionary<string, ResponseDefinition> Responses { get; }

    /// <summary>Author slot types plus the built-in ones named after their kind.</summary>
    internal IReadOnlyDictionary<string, SlotTypeDefinition> SlotTypes { get; }

    private IReadOnlyDictionary<string, HashSet<string>>? _vocabularies;

    /// <summary>
    /// Per language of the bot, the words of its flows' examples and of its enum values' synonyms in that language: a
    /// message without function words ("reifen wechseln lassen") shows its language by them. Made once, on first use.
    /// </summary>
    internal IReadOnlyDictionary<string, HashSet<string>> Vocabularies => _vocabularies ??= Settings.Languages.ToDictionary(
        language => language,
        language => Flows.Values.SelectMany(f => f.ExampleWords(language)).SelectMany(w => w)
            .Concat(SlotTypes.Values.Where(t => t.Kind == SlotKind.Enum).SelectMany(t => t.Values)
                .SelectMany(v => v.Synonyms.GetValueOrDefault(language) ?? []).SelectMany(UtteranceText.Tokens))
            .ToHashSet(StringComparer.Ordinal),
        StringComparer.OrdinalIgnoreCase);

    internal BotSettings Settings => Definition.Settings;

    /// <summary>The bot's name (settings <c>name</c>), for tools that greet the author.</summary>
    public string Name => Settings.Name;

    /// <summary>The ids of the bot's flows.</summary>
    public IReadOnlyCollection<string> FlowIds { get; }

    internal Expr Expression(ExpressionText text) => _expressions[text];

    /// <summary>Finds a slot visible in a flow (its own first, then bot-wide).</summary>
    internal SlotDefinition? FindSlot(string? flow, string name)
    {
        if (flow is not null && Flows.TryGetValue(flow, out var f) && f.Definition.Slots.TryGetValue(name, out var own)) return own;
        return Definition.Slots.GetValueOrDefault(name);
    }

    /// <summary>
    /// The bot-wide slots a flow asks for, in its own asks or in those of the sub-flows it calls (and they call): a
    /// parcel bot whose flows all call one sub-flow asking the bot-wide tracking number asks it in every one of them.
    /// </summary>
    internal IReadOnlyList<SlotDefinition> BotWideAsked(CompiledFlow flow)
    {
        var found = new List<SlotDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(CompiledFlow f)
        {
            if (!seen.Add(f.Id)) return;
            foreach (var step in f.Steps)
            {
                if (step is AskStep ask && !f.Definition.Slots.ContainsKey(ask.Slot.Name)
                    && Definition.Slots.GetValueOrDefault(ask.Slot.Name) is { } wide && !found.Contains(wide)) found.Add(wide);
                else if (step is CallStep call && Flows.TryGetValue(call.Flow.Name, out var called)) Visit(called);
            }
        }
        Visit(flow);
        return found;
    }

    internal SlotTypeDefinition TypeOf(SlotDefinition slot) => SlotTypes.GetValueOrDefault(slot.Type.Name) ?? SlotTypes["text"];

    internal bool IsSensitive(SlotDefinition slot) => slot.Sensitive ?? TypeOf(slot).Sensitive;

    /// <summary>A slot as recognizers and the value parser see it, in one language (built once per revision).</summary>
    internal SlotInfo SlotInfo(SlotDefinition slot, string language) => _slotInfos.GetOrAdd((slot, language), static (key, bot) =>
    {
        var type = bot.TypeOf(key.Slot);
        return new SlotInfo
        {
            Name = key.Slot.Name,
            Kind = SlotKinds.ToName(type.Kind),
            Description = key.Slot.Description ?? type.Description,
            // A value's label is how the bot shows it, so a user typing the label means that value too.
            Values = [.. type.Values.Select(v => new EnumValueInfo(v.Value, [.. (v.Synonyms.GetValueOrDefault(key.Language) ?? []).Concat(v.Label?.Variants.GetValueOrDefault(key.Language) ?? []).Distinct(StringComparer.Ordinal)]))],
            Pattern = type.Pattern,
            Normalize = type.Normalize,
            Min = type.Min,
            Max = type.Max,
            Earliest = type.Earliest is { } earliest ? bot.Expression(earliest) : null,
            Latest = type.Latest is { } latest ? bot.Expression(latest) : null,
            Hours = type.Hours,
            Accept = type.Accept,
            MaxSize = type.MaxSize,
            Sensitive = bot.IsSensitive(key.Slot),
            CountsDays = type.Kind == SlotKind.Integer && CountsDays(key.Slot, key.Language),
        };
    }, this);

    // "sick_days", "number of nights", "Anzahl Tage": an integer slot whose name, label or description names days or nights.
    private static bool CountsDays(SlotDefinition slot, string language)
    {
        var lexicon = Understanding.Lexicon.For(language);
        var said = new[] { slot.Name.Replace('_', ' '), slot.Description }.Concat(slot.Label?.Variants.Values.SelectMany(v => v) ?? []);
        return said.OfType<string>().SelectMany(Understanding.UtteranceText.Tokens).Any(word => lexicon.PeriodUnitDays(word) == 1);
    }

    /// <summary>Picks the language for a locale like <c>de-CH</c>: exact, then its prefix, then the default.</summary>
    public string LanguageFor(string? locale)
    {
        if (!string.IsNullOrEmpty(locale))
        {
            if (Settings.Languages.Contains(locale)) return locale;
            // The code before the first '-' or '_', lower case ("de-CH" -> "de"): compared in place (every turn asks).
            var code = locale.AsSpan();
            if (code.IndexOfAny('-', '_') is var cut and >= 0) code = code[..cut];
            Span<char> prefix = code.Length <= 64 ? stackalloc char[code.Length] : new char[code.Length];
            code.ToLowerInvariant(prefix);
            foreach (var language in Settings.Languages)
            {
                if (prefix.SequenceEqual(language)) return language;
            }
        }
        return Settings.DefaultLanguage;
    }
}

/// <summary>A flow with its step index.</summary>
internal sealed class CompiledFlow
{
    internal CompiledFlow(FlowDefinition definition)
    {
        Definition = definition;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++) index.TryAdd(definition.Steps[i].Id, i);
        StepIndex = index;
    }

    public FlowDefinition Definition { get; }
    public string Id => Definition.Id;
    public IReadOnlyList<StepDefinition> Steps => Definition.Steps;
    public IReadOnlyDictionary<string, int> StepIndex { get; }

    /// <summary>The flow answers from the bot's knowledge: its first step is an <c>answer</c> step.</summary>
    public bool OpensWithAnswer => Steps.Count > 0 && Steps[0] is AnswerStep;

    /// <summary>
    /// The flow only tells the user something (it asks, branches, says or answers; no confirmation, call, service,
    /// handoff or remembered value): running it again for another value changes nothing ("and central?" after the
    /// north branch's opening hours).
    /// </summary>
    public bool OnlyTells => Steps.All(s => s is AskStep or SayStep or BranchStep or SetStep or EndStep or GotoStep or AnswerStep);

    public StepDefinition? Step(string? id) => id is not null && StepIndex.TryGetValue(id, out var i) ? Steps[i] : null;

    private readonly ConcurrentDictionary<string, string[][]> _exampleWords = new(StringComparer.Ordinal);

    /// <summary>
    /// The flow's examples in a language, each as its words (<see cref="UtteranceText.Tokens"/>), split once per language
    /// (issue 19: the interpreter split every example of every flow again on the turns that compare a message's words
    /// with them). Read only.
    /// </summary>
    public IReadOnlyList<string[]> ExampleWords(string language) => _exampleWords.GetOrAdd(language, static (language, definition) =>
        [.. (definition.Examples?.Variants.GetValueOrDefault(language) ?? []).Select(UtteranceText.Tokens)], Definition);
}
