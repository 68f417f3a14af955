using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Testing;

/// <summary>How a test run understands users.</summary>
public enum TestMode
{
    /// <summary>Commands given by the test, else the keyword recognizer.</summary>
    Scripted,

    /// <summary>Model answers replayed from cassettes next to the tests.</summary>
    Recorded,

    /// <summary>The live recognizer; each case runs N times and needs M passes.</summary>
    Live,
}

/// <summary>One failed expectation (or a test-file problem) and where it was written.</summary>
public sealed record TestFailure(SourceSpan Span, string Message)
{
    /// <summary>A problem in how a case is written, printed as the validator prints it (<c>file:line:col: error TST1007: …</c>).</summary>
    public static TestFailure Of(Diagnostic problem) => new(problem.Span, problem.ToString()[(problem.Span.ToString().Length + 2)..]);

    public override string ToString() => $"{Span}: {Message}";
}

/// <summary>The outcome of one case.</summary>
public sealed class CaseReport
{
    public required string Name { get; init; }
    public bool Passed => Failures.Count == 0;
    public List<TestFailure> Failures { get; } = [];

    /// <summary>The conversation up to the failure (or the whole one), one line per message.</summary>
    public List<string> Transcript { get; } = [];

    /// <summary>Live mode: runs made and runs passed.</summary>
    public int Runs { get; set; } = 1;
    public int Passes { get; set; }
    public TimeSpan Duration { get; set; }

    /// <summary>Audit (<see cref="ConversationTestOptions.IgnoreCommands"/>): turns with commands run without them, and how many of those failed.</summary>
    public int AuditedTurns { get; set; }
    public int AuditFailedTurns { get; set; }
}

/// <summary>The outcome of one test file.</summary>
public sealed class FileReport
{
    public required string Path { get; init; }
    public required string Name { get; init; }
    public List<CaseReport> Cases { get; } = [];

    /// <summary>Problems reading the file (the file fails as a whole).</summary>
    public List<Diagnostic> Diagnostics { get; } = [];
}

/// <summary>The outcome of a whole run.</summary>
public sealed class TestRunReport
{
    public List<FileReport> Files { get; } = [];

    /// <summary>Problems with the bot itself (it did not load).</summary>
    public List<Diagnostic> BotDiagnostics { get; } = [];
    public int Passed => Files.Sum(f => f.Cases.Count(c => c.Passed));
    public int Failed => Files.Sum(f => f.Cases.Count(c => !c.Passed) + (f.Diagnostics.Count > 0 ? 1 : 0));
    public bool Succeeded => BotDiagnostics.Count == 0 && Failed == 0 && Files.Count > 0;

    /// <summary>Audit: turns with commands run without them, and how many of those failed.</summary>
    public int AuditedTurns => Files.Sum(f => f.Cases.Sum(c => c.AuditedTurns));
    public int AuditFailedTurns => Files.Sum(f => f.Cases.Sum(c => c.AuditFailedTurns));
}

/// <summary>Settings of a test run.</summary>
public sealed class ConversationTestOptions
{
    public TestMode Mode { get; init; } = TestMode.Scripted;

    /// <summary>Runs only cases whose name (or file name) contains this text.</summary>
    public string? Filter { get; init; }

    /// <summary>Recorded mode: call the live recognizer and rewrite the cassettes.</summary>
    public bool Record { get; init; }

    /// <summary>Live mode: runs per case, and how many must pass.</summary>
    public int Runs { get; init; } = 3;
    public int MinPass { get; init; } = 2;

    /// <summary>
    /// Audit: a turn's <c>commands:</c> do not answer for the recognizer; its message is understood as a user's would be,
    /// and what then fails is reported (prefixed "without its commands […]"). The turn then runs again with its commands,
    /// so the case goes on and every such turn is seen.
    /// </summary>
    public bool IgnoreCommands { get; init; }

    /// <summary>The recognizer for scripted turns without commands; null = <see cref="Understanding.KeywordRecognizer"/>.</summary>
    public Func<Understanding.IUnderstanding>? Recognizer { get; init; }

    /// <summary>
    /// What the host does to a typed message before the dialogs read it (the CLI cuts it at <c>Limits:MaxTextLength</c>
    /// as the channels do); null = the text as written in the test.
    /// </summary>
    public Func<string, string>? UserText { get; init; }

    /// <summary>How <c>answer</c> steps find knowledge passages; null = lexically (the server without the embedded model).</summary>
    public Func<Understanding.IUtteranceSimilarity>? KnowledgeSimilarity { get; init; }

    /// <summary>
    /// The model for <c>--record</c> and live mode (understanding runs through <see cref="Understanding.LlmUnderstanding"/> over it);
    /// hosts that can build a chat client set it. Replay needs no model.
    /// </summary>
    public Func<Microsoft.Extensions.AI.IChatClient>? LiveChatClient { get; init; }

    /// <summary>Live mode with a recognizer other than the LLM one (e.g. the embedded model); wins over <see cref="LiveChatClient"/>.</summary>
    public Func<Understanding.IUnderstanding>? LiveUnderstanding { get; init; }

    /// <summary>Model id that goes into cassette keys (a different model means re-recording).</summary>
    public string ModelName { get; init; } = "default";
}
