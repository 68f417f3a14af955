using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>The built-in kinds of slot value.</summary>
public enum SlotKind
{
    Text,
    Enum,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Email,
    Regex,
}

/// <summary>A named slot type (<c>slot_types:</c>) or a built-in one (<c>integer</c>, <c>email</c>, …).</summary>
public sealed class SlotTypeDefinition
{
    public required string Id { get; init; }
    public required SlotKind Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>Enum values in declaration order, each with synonyms per language.</summary>
    public IReadOnlyList<EnumValueDefinition> Values { get; init; } = [];

    /// <summary>Regex kind: the pattern a normalised value must match entirely.</summary>
    public string? Pattern { get; init; }

    /// <summary>Regex/text kind: normalisations applied before matching: trim, upper, lower, no_spaces, no_dashes.</summary>
    public IReadOnlyList<string> Normalize { get; init; } = [];
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>Values of this type are masked in history, traces and phrasing.</summary>
    public bool Sensitive { get; init; }
    public bool BuiltIn { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>One enum value with its per-language synonyms (the value itself always matches).</summary>
public sealed record EnumValueDefinition(string Value, IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms, SourceSpan Span);
