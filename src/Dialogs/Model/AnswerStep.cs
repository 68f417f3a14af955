namespace Chatbot.Dialogs.Model;

/// <summary>
/// Answers a question from the bot's knowledge texts only: the best passage (phrased by the LLM when one is
/// configured, grounded in the passages), or <see cref="IfNoAnswer"/> when no passage is close enough.
/// </summary>
internal sealed class AnswerStep : DeferrableStep
{
    public override string Kind => "answer";

    /// <summary>A slot holding the question; null = the message the user sent this turn.</summary>
    public NameRef? Question { get; init; }

    /// <summary>Sent when no passage reaches the score threshold (or the model finds no answer in them).</summary>
    public required NameRef IfNoAnswer { get; init; }

    /// <summary>Null = the knowledge section's <see cref="KnowledgeSettings.MinScore"/>.</summary>
    public double? MinScore { get; init; }

    /// <summary>Most sentences a generated answer may have (default <see cref="DefaultMaxSentences"/>).</summary>
    public int? MaxSentences { get; init; }

    /// <summary>Sentences a generated answer may have when the step does not say.</summary>
    public const int DefaultMaxSentences = 3;
}
