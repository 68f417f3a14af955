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

    internal CompiledBot(BotDefinition definition, string revision, Dictionary<ExpressionText, Expr> expressions)
    {
        Definition = definition;
        Revision = revision;
        _expressions = expressions;
        SlotTypes = BuiltinSlotTypes.Merge(definition.SlotTypes);
        Responses = BuiltinResponses.Merge(definition.Responses);
        Flows = definition.Flows.ToDictionary(p => p.Key, p => new CompiledFlow(p.Value), StringComparer.Ordinal);
    }

    /// <summary>What the author wrote.</summary>
    public BotDefinition Definition { get; }

    /// <summary>Content hash of the definition files; recorded in every state made with it.</summary>
    public string Revision { get; }
    public IReadOnlyDictionary<string, CompiledFlow> Flows { get; }

    /// <summary>Author responses plus the built-in pattern responses (<c>builtin.*</c>).</summary>
    public IReadOnlyDictionary<string, ResponseDefinition> Responses { get; }

    /// <summary>Author slot types plus the built-in ones named after their kind.</summary>
    public IReadOnlyDictionary<string, SlotTypeDefinition> SlotTypes { get; }

    public BotSettings Settings => Definition.Settings;

    internal Expr Expression(ExpressionText text) => _expressions[text];

    /// <summary>Finds a slot visible in a flow (its own first, then bot-wide).</summary>
    public SlotDefinition? FindSlot(string? flow, string name)
    {
        if (flow is not null && Flows.TryGetValue(flow, out var f) && f.Definition.Slots.TryGetValue(name, out var own)) return own;
        return Definition.Slots.GetValueOrDefault(name);
    }

    public SlotTypeDefinition TypeOf(SlotDefinition slot) => SlotTypes.GetValueOrDefault(slot.Type.Name) ?? SlotTypes["text"];

    public bool IsSensitive(SlotDefinition slot) => slot.Sensitive ?? TypeOf(slot).Sensitive;

    /// <summary>A slot as recognizers and the value parser see it, in one language (built once per revision).</summary>
    public SlotInfo SlotInfo(SlotDefinition slot, string language) => _slotInfos.GetOrAdd((slot, language), static (key, bot) =>
    {
        var type = bot.TypeOf(key.Slot);
        return new SlotInfo
        {
            Name = key.Slot.Name,
            Kind = SlotKinds.ToName(type.Kind),
            Description = key.Slot.Description ?? type.Description,
            Values = [.. type.Values.Select(v => new EnumValueInfo(v.Value, v.Synonyms.GetValueOrDefault(key.Language) ?? []))],
            Pattern = type.Pattern,
            Normalize = type.Normalize,
            Min = type.Min,
            Max = type.Max,
            Sensitive = bot.IsSensitive(key.Slot),
        };
    }, this);

    /// <summary>Picks the language for a locale like <c>de-CH</c>: exact, then its prefix, then the default.</summary>
    public string LanguageFor(string? locale)
    {
        if (!string.IsNullOrEmpty(locale))
        {
            if (Settings.Languages.Contains(locale)) return locale;
            var prefix = locale.Split('-', '_')[0].ToLowerInvariant();
            if (Settings.Languages.Contains(prefix)) return prefix;
        }
        return Settings.DefaultLanguage;
    }
}

/// <summary>A flow with its step index.</summary>
public sealed class CompiledFlow
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

    public StepDefinition? Step(string? id) => id is not null && StepIndex.TryGetValue(id, out var i) ? Steps[i] : null;
}
