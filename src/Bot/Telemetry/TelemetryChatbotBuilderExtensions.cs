using Microsoft.Extensions.Configuration;

namespace Chatbot.Bot.Telemetry;

/// <summary>Switches on the export of Chatbot's telemetry for a bot registered with <c>AddChatbot</c>.</summary>
public static class TelemetryChatbotBuilderExtensions
{
    /// <summary>
    /// Subscribes OpenTelemetry to the <c>Chatbot</c> source and meter and adds the configured exporters
    /// (<see cref="TelemetryServiceCollectionExtensions.AddChatbotTelemetry"/>). The turn pipeline and its seams (store,
    /// Connector, engine, understanding, phrasing) always report through one wrapper each; this only makes someone listen.
    /// </summary>
    public static ChatbotBuilder UseTelemetry(this ChatbotBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddChatbotTelemetry(configuration);
        return builder;
    }

    /// <summary>
    /// Calls <see cref="UseTelemetry"/> when anything would consume the telemetry: an Application Insights connection
    /// string, <c>Telemetry:Console</c>, or <c>Telemetry:Enabled=true</c> (e.g. for an OTLP collector added by the host).
    /// With none of them no span is created and the turn pays nothing for telemetry nobody reads.
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
