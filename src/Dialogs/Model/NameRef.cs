using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>A name written by the author (a reference to a response, step, slot, flow…) and where it was written.</summary>
internal sealed record NameRef(string Name, SourceSpan Span)
{
    public override string ToString() => Name;
}

/// <summary>Per-language text, e.g. <c>{ en: "Hello", de: "Hallo" }</c>; each entry keeps its position.</summary>
internal sealed class LocalizedText
{
    public required SourceSpan Span { get; init; }

    /// <summary>Language code -> variants (one or more alternative texts).</summary>
    public Dictionary<string, IReadOnlyList<string>> Variants { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, SourceSpan> Spans { get; init; } = new(StringComparer.Ordinal);
}
