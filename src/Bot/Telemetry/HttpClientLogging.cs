using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Telemetry;

/// <summary>Keeps outgoing URLs out of the logs unless <c>Telemetry:HttpSpans</c> is on.</summary>
internal static class HttpClientLogging
{
    /// <summary>
    /// HttpClientFactory logs every request with its full URL at Information ("Sending HTTP request POST
    /// https://…/v3/conversations/{id}/activities/{id}"), and dialog <c>http</c> steps put slot values such as order
    /// numbers into paths. URLs are allowed out only under the switch that already governs them in telemetry.
    /// </summary>
    public static void RemoveLoggersUnlessHttpSpans(IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.HttpSpans)}"))
        {
            services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        }
    }
}
