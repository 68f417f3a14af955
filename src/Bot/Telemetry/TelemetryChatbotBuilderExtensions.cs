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

    /// <summary>
    /// Calls <see cref="UseTelemetry"/> when anything would consume the telemetry: an Application Insights connection
    /// string, <c>Telemetry:Console</c>, or <c>Telemetry:Enabled=true</c> (e.g. for an OTLP collector added by the host).
    /// With none of them the turn pays nothing for spans nobody reads.
    /// </summary>
    public static ChatbotBuilder UseTelemetryIfConfigured(this ChatbotBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var wanted = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"])
            || string.Equals(configuration["Telemetry:Console"], "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(configuration["Telemetry:Enabled"], "true", StringComparison.OrdinalIgnoreCase);
        return wanted ? builder.UseTelemetry(configuration) : builder;
    }
}
