using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Telemetry;

/// <summary>Switches on Chatbot's telemetry for a bot registered with <c>AddChatbot</c>.</summary>
public static class TelemetryChatbotBuilderExtensions
{
    /// <summary>
    /// Adds tracing, metrics and exporters (<see cref="TelemetryServiceCollectionExtensions.AddChatbotTelemetry"/>),
    /// wraps the registered engine, store, Connector client, understanding and phraser in their tracing decorators, and
    /// adds <see cref="TracingTurnHandler"/> as a pipeline wrapper. Call it first on the builder so the turn span is outermost.
    /// </summary>
    public static ChatbotBuilder UseTelemetry(this ChatbotBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddChatbotTelemetry(configuration);
        builder.Services.AddChatbotTracingDecorators();
        return builder.Use((sp, inner) => new TracingTurnHandler(inner, sp.GetRequiredService<ChatbotTelemetry>()));
    }
}
