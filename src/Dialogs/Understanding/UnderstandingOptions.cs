namespace Chatbot.Dialogs.Understanding;

/// <summary>Settings for understanding (configuration section <c>Understanding</c>).</summary>
public sealed class UnderstandingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Understanding";

    /// <summary><c>auto</c> (LLM if configured, else embedded, else keyword), <c>llm</c>, <c>embedded</c>, <c>lexical</c> or <c>keyword</c>.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>Budget for one understanding call including at most one retry; well under the channel's 15 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest user text sent to a model; longer input is cut (and the cut recorded).</summary>
    public int MaxInputChars { get; set; } = 500;

    /// <summary>How many recent conversation lines the prompt carries.</summary>
    public int HistoryTurns { get; set; } = 6;

    /// <summary>Cap on the model's output tokens for one understanding call.</summary>
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Longest Retry-After a 429 may ask for and still get the one retry (if the budget allows it).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Below this score the lexical recognizer answers <c>cannot_handle</c>.</summary>
    public double LexicalThreshold { get; set; } = 0.2;

    /// <summary>Budget for one phrasing call; on timeout the template text is sent.</summary>
    public TimeSpan PhrasingTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Model failures in a row (timeout, 5xx, unreachable, 401/403/404, an unusable 200 answer; not a refusal) after which the model is skipped for <see cref="BreakerCooldown"/>; 0 = never skip.</summary>
    public int BreakerFailures { get; set; } = 3;

    /// <summary>How long a failing model is skipped before one call tries it again.</summary>
    public TimeSpan BreakerCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message when a value is out of range.</summary>
    public void Validate()
    {
        string[] modes = ["auto", "llm", "embedded", "lexical", "keyword"];
        if (!modes.Contains(Mode, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Understanding:Mode must be one of {string.Join(", ", modes)}; found '{Mode}'.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(14))
        {
            throw new ArgumentException($"Understanding:Timeout must be between 0 and 14 seconds (channels retry after 15 s); found {Timeout}.");
        }

        if (PhrasingTimeout <= TimeSpan.Zero || PhrasingTimeout > TimeSpan.FromSeconds(14))
        {
            throw new ArgumentException($"Understanding:PhrasingTimeout must be between 0 and 14 seconds; found {PhrasingTimeout}.");
        }

        if (MaxInputChars is < 10 or > 10_000)
        {
            throw new ArgumentException($"Understanding:MaxInputChars must be between 10 and 10000; found {MaxInputChars}.");
        }

        if (HistoryTurns is < 0 or > 50)
        {
            throw new ArgumentException($"Understanding:HistoryTurns must be between 0 and 50; found {HistoryTurns}.");
        }

        if (BreakerFailures is < 0 or > 100)
        {
            throw new ArgumentException($"Understanding:BreakerFailures must be between 0 (never skip the model) and 100; found {BreakerFailures}.");
        }

        if (BreakerCooldown <= TimeSpan.Zero || BreakerCooldown > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"Understanding:BreakerCooldown must be between 0 and 1 hour; found {BreakerCooldown}.");
        }

        if (LexicalThreshold is < 0 or > 1)
        {
            throw new ArgumentException($"Understanding:LexicalThreshold must be between 0 and 1; found {LexicalThreshold}.");
        }
    }
}
