namespace Chatbot.Dialogs.Understanding;

/// <summary><c>Use…</c> extensions for the built-in understanding wrappers.</summary>
public static class UnderstandingBuilderExtensions
{
    /// <summary>Starts a pipeline over this recognizer.</summary>
    public static UnderstandingBuilder AsBuilder(this IUnderstanding understanding) => new(understanding);

    /// <summary>Answers with <paramref name="fallback"/> whenever the inner recognizer reports an error.</summary>
    public static UnderstandingBuilder UseFallback(this UnderstandingBuilder builder, IUnderstanding fallback) =>
        builder.Use(inner => new FallbackUnderstanding(inner, fallback));
}
