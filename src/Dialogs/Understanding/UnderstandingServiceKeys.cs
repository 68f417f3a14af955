namespace Chatbot.Dialogs.Understanding;

/// <summary>DI service keys shared by the hosts and the composition of understanding.</summary>
public static class UnderstandingServiceKeys
{
    /// <summary>Key of the keyed <see cref="IUnderstanding"/> a host registers for the embedded (MiniLM) recognizer.</summary>
    public const string Embedded = "chatbot.understanding.embedded";

    /// <summary>Key of the keyed <see cref="IUnderstanding"/> used when the main recognizer fails or nothing better is configured (e.g. the keyword recognizer).</summary>
    public const string Fallback = "chatbot.understanding.fallback";

    /// <summary>Key of the keyed <see cref="IUtteranceSimilarity"/> that <c>answer</c> steps retrieve knowledge passages with (absent = lexical).</summary>
    public const string Knowledge = "chatbot.understanding.knowledge";
}
