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

    /// <summary>
    /// Top candidate scores in [0, 1], best first; a flow's key is <c>flow:&lt;id&gt;</c>. The engine compares them with
    /// the bot's <c>understanding</c> thresholds (e.g. before a free-text answer starts another flow), so recognizers
    /// report calibrated, comparable numbers here.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scores { get; init; } = [];

    /// <summary>
    /// The recognizer placed the message, confidently, among the things the bot does not cover ("can I pay with PayPal")
    /// rather than merely finding nothing; false when it cannot tell (the LLM, the keyword recognizer).
    /// </summary>
    public bool OutOfScope { get; init; }

    /// <summary>The key prefix of flow scores in <see cref="Scores"/>.</summary>
    public const string FlowKeyPrefix = "flow:";

    /// <summary>The score reported for a flow, or null when the recognizer gave none.</summary>
    public double? FlowScore(string flow)
    {
        foreach (var (key, value) in Scores)
        {
            if (FlowOf(key) == flow) return value;
        }
        return null;
    }

    /// <summary>The flow id of a <see cref="Scores"/> key, or null when the key is not a flow's.</summary>
    public static string? FlowOf(string key) => key.StartsWith(FlowKeyPrefix, StringComparison.Ordinal) ? key[FlowKeyPrefix.Length..] : null;

    public int LlmCalls { get; init; }
    public int TokensIn { get; init; }
    public int TokensOut { get; init; }

    /// <summary>The language the text was understood in when it differs from the request's (e.g. <c>de</c> on an <c>en</c> channel); null otherwise.</summary>
    public string? Language { get; init; }

    /// <summary>Set when the recognizer failed (timeout, 429, bad output); commands may still come from a fallback.</summary>
    public string? Error { get; init; }

    /// <summary>The model was skipped, or cut short unanswered, because the turn's time ran out (<see cref="TurnTime"/>); a fallback answered.</summary>
    public bool OutOfTime { get; init; }
}
