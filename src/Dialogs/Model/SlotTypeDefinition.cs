using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>The built-in kinds of slot value.</summary>
internal enum SlotKind
{
    Text,
    Enum,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,

    /// <summary>A time of day (<c>19:30</c>), no date.</summary>
    Time,
    Email,
    Regex,

    /// <summary>A file the user attaches (its name, content type, size and the channel's reference; never its bytes).</summary>
    File,
}

/// <summary>A named slot type (<c>slot_types:</c>) or a built-in one (<c>integer</c>, <c>email</c>, …).</summary>
internal sealed class SlotTypeDefinition
{
    public required string Id { get; init; }
    public required SlotKind Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>
    /// Enum values in declaration order, each with synonyms per language. On date, time and datetime types: the
    /// author's special values (<c>asap</c>), stored as their id instead of a date.
    /// </summary>
    public IReadOnlyList<EnumValueDefinition> Values { get; init; } = [];

    /// <summary>Regex kind: the pattern a normalised value must match entirely.</summary>
    public string? Pattern { get; init; }

    /// <summary>Regex/text kind: normalisations applied before matching: trim, upper, lower, no_spaces, no_dashes, no_separators (spaces, dashes, slashes, dots, brackets).</summary>
    public IReadOnlyList<string> Normalize { get; init; } = [];
    /// <summary>Integer and number kinds: the smallest value allowed.</summary>
    public double? Min { get; init; }

    /// <summary>Integer and number kinds: the largest value allowed.</summary>
    public double? Max { get; init; }

    /// <summary>Date, time and datetime kinds: the earliest value allowed, as an expression (<c>now</c>, <c>today + 1d</c>, <c>"09:00"</c>).</summary>
    public ExpressionText? Earliest { get; init; }

    /// <summary>Date, time and datetime kinds: the latest value allowed, as an expression (<c>now + 2d</c>).</summary>
    public ExpressionText? Latest { get; init; }

    /// <summary>
    /// Datetime kind: the times of day the slot is meant for (<c>hours: 08:00-18:00</c>, from inclusive, to exclusive):
    /// an hour without am/pm ("at 3") takes its one reading inside them. Null = not declared.
    /// </summary>
    public DayHours? Hours { get; init; }

    /// <summary>File kind: the content types accepted (<c>application/pdf</c>, <c>image/*</c>); empty = any.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>File kind: the largest file accepted, in bytes, checked when the channel reports the size; null = no limit.</summary>
    public long? MaxSize { get; init; }

    /// <summary>Values of this type are masked in history, traces and phrasing.</summary>
    public bool Sensitive { get; init; }
    public bool BuiltIn { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>A range of times of day, <see cref="From"/> inclusive, <see cref="To"/> exclusive (<c>08:00-18:00</c>).</summary>
internal sealed record DayHours(TimeOnly From, TimeOnly To)
{
    /// <summary>True when <paramref name="time"/> lies inside the range.</summary>
    public bool Contains(TimeOnly time) => time >= From && time < To;
}

/// <summary>One enum value with its per-language synonyms (the value itself always matches) and, optionally, its label per language.</summary>
internal sealed record EnumValueDefinition(string Value, IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms, SourceSpan Span)
{
    /// <summary>How the value reads in replies and on generated buttons, per language (<c>label:</c>); null = not declared.</summary>
    public LocalizedText? Label { get; init; }

    /// <summary>The label in a language: the declared one, else the first synonym, else the value id.</summary>
    public string LabelIn(string language, string defaultLanguage)
    {
        if (Label?.Variants.GetValueOrDefault(language) is [var label, ..]) return label;
        if (Synonyms.GetValueOrDefault(language) is [var synonym, ..]) return synonym;
        if (Label?.Variants.GetValueOrDefault(defaultLanguage) is [var fallback, ..]) return fallback;
        return Value;
    }
}
