using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Understanding;

/// <summary><c>Use…</c> extensions for the built-in understanding wrappers.</summary>
public static class UnderstandingBuilderExtensions
{
    /// <summary>Starts a pipeline over this recognizer.</summary>
    public static UnderstandingBuilder AsBuilder(this IUnderstanding understanding) => new(understanding);

    /// <summary>Answers with <paramref name="fallback"/> whenever the inner recognizer reports an error.</summary>
    public static UnderstandingBuilder UseFallback(this UnderstandingBuilder builder, IUnderstanding fallback) =>
        builder.Use(inner => new FallbackUnderstanding(inner, fallback));

    /// <summary>Records path, latency, LLM calls, tokens and dropped values as logs, metrics and an activity.</summary>
    public static UnderstandingBuilder UseTelemetry(this UnderstandingBuilder builder, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        builder.Use(inner => new TelemetryUnderstanding(inner, loggerFactory?.CreateLogger<TelemetryUnderstanding>(), timeProvider));
}
