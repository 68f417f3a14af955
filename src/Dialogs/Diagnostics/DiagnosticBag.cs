namespace Chatbot.Dialogs.Diagnostics;

/// <summary>Collects every diagnostic of one load in one pass; the same diagnostic at the same place is kept once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(Diagnostic diagnostic)
    {
        // Two checks reaching one problem (a response used twice from the same step) must not print it twice.
        if (_seen.Add(diagnostic)) _items.Add(diagnostic);
    }

    /// <summary>Reports a catalog entry at a position.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        Add(descriptor.Create(span, args));

    /// <summary>Reports a catalog entry with a help line (e.g. "did you mean").</summary>
    public void ReportWithHelp(DiagnosticDescriptor descriptor, SourceSpan span, string? help, params object?[] args) =>
        Add(descriptor.Create(span, args) with { Help = help });

    /// <summary>Sorted by file, line, column for stable output.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)];
}

/// <summary>A catalog entry: id, severity and message format.</summary>
internal sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Format)
{
    public Diagnostic Create(SourceSpan span, params object?[] args) =>
        new(Id, Severity, string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, args), span);
}
