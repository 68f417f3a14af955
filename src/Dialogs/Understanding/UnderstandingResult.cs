namespace Chatbot.Dialogs.Understanding;

/// <summary>What a recognizer made of the user's input.</summary>
public sealed class UnderstandingResult
{
    public static UnderstandingResult Empty(string path) => new() { Path = path };

    public IReadOnlyList<Command> Commands { get; init; } = [];

    /// <summary>Which recognizer answered: <c>fast</c>, <c>keyword</c>, <c>embedded</c>, <c>llm</c>, <c>fallback</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Values the recognizer produced but dropped as invalid, with why (for traces).</summary>
    public IReadOnlyList<string> Dropped { get; init; } = [];

    /// <summary>Top candidate scores (e.g. embedding similarity), best first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scores { get; init; } = [];

    public int LlmCalls { get; init; }
    public int TokensIn { get; init; }
    public int TokensOut { get; init; }

    /// <summary>The language the text was understood in when it differs from the request's (e.g. <c>de</c> on an <c>en</c> channel); null otherwise.</summary>
    public string? Language { get; init; }

    /// <summary>Set when the recognizer failed (timeout, 429, bad output); commands may still come from a fallback.</summary>
    public string? Error { get; init; }
}
