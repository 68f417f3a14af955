using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Runtime;

/// <summary>Thrown at start-up when the dialog folder has errors (there is no last good revision to fall back to).</summary>
public sealed class DialogLoadException(string folder, IReadOnlyList<Diagnostic> diagnostics)
    : Exception($"The dialogs in '{folder}' have errors:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
