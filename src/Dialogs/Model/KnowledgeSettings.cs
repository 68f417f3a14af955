using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>The <c>knowledge:</c> section: the Markdown files <c>answer</c> steps answer from, and how sure retrieval must be.</summary>
internal sealed class KnowledgeSettings
{
    /// <summary>
    /// Default <see cref="MinScore"/>. Lexically a question that shares its content words with a passage scores from
    /// ~0.5 and one that shares none stays under ~0.2 (tests/Dialogs.Tests/Runtime/KnowledgeRetrievalTests.cs); with the
    /// embedded model clear questions score 0.5–0.66 and unrelated ones up to ~0.22, while loose paraphrases ("where can
    /// I leave my car" for parking: 0.24) fall below and get the no-answer response (ModelLoadingSimilarityTests).
    /// </summary>
    public const double DefaultMinScore = 0.3;

    /// <summary>The files as written (relative to the YAML file that names them), with their positions.</summary>
    public IReadOnlyList<KnowledgeFile> Files { get; init; } = [];

    /// <summary>The best passage must score at least this (0–1) or the step answers with its <c>if_no_answer</c> response.</summary>
    public double MinScore { get; init; } = DefaultMinScore;
    public required SourceSpan Span { get; init; }
}

/// <summary>One <c>knowledge.files</c> entry: the path as written, where it was written, and the path it resolves to.</summary>
internal sealed record KnowledgeFile(string Path, SourceSpan Span, string ResolvedPath);
