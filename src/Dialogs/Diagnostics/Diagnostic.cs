namespace Chatbot.Dialogs.Diagnostics;

/// <summary>How bad an authoring problem is: errors block loading, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A position in a definition file (1-based line and column).</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>Unknown position (e.g. a problem with the folder itself).</summary>
    public static SourceSpan None(string file) => new(file, 1, 1);

    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One authoring problem, with where it is and what to do.</summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Span, string? Help = null)
{
    public string File => Span.File;
    public int Line => Span.Line;
    public int Column => Span.Column;

    /// <summary>Formats as <c>file:line:col: error DLG2003: message</c> (help on the same line after a dash).</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var help = Help is null ? "" : $" ({Help})";
        return $"{Span}: {severity} {Id}: {Message}{help}";
    }
}
