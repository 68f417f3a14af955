using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chatbot.Bot.Telemetry;

/// <summary>Registers Chatbot's tracing, metrics and exporters.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app setting that switches on export to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // HttpClient's own spans (.NET 9+): each attempt of a Connector, Cosmos gateway or LLM request, so retries show
    // as sibling HTTP spans. Opt-in (Telemetry:HttpSpans): URLs carry conversation ids.
    private const string HttpClientSource = "System.Net.Http";

    /// <summary>
    /// Adds OpenTelemetry tracing and metrics for the <c>Chatbot</c> source and meter (which the turn pipeline and its
    /// seams always report to) and the exporters: Azure Monitor only when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
    /// set; turn span trees on the console when <c>Telemetry:Console</c> is true. Log records carry the trace and span
    /// ids, so logs correlate with the turn's trace.
    /// </summary>
    public static IServiceCollection AddChatbotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddChatbotInstrumentation(configuration);
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var section = configuration.GetSection(TelemetryOptions.SectionName);
        // Read once here: exporters are chosen while composing, not per span.
        var options = new TelemetryOptions();
        section.Bind(options);
        var serviceName = string.IsNullOrWhiteSpace(options.ServiceName) ? "chatbot" : options.ServiceName;
        var connectionString = configuration[ConnectionStringSetting];
        var exportToAzureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        if (exportToAzureMonitor && !connectionString!.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            // Fail at start with the setting's name; the exporter's own error comes later and names neither. Never echo the value.
            throw new InvalidOperationException(
                $"{ConnectionStringSetting} is set but is not an Application Insights connection string (it has no 'InstrumentationKey=' part). " +
                "Copy the connection string from the Application Insights resource's Overview page, or remove the setting to run without export.");
        }

        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(TelemetryNames.Root);
                if (options.HttpSpans)
                {
                    tracing.AddSource(HttpClientSource);
                }

                if (exportToAzureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString);
                }

                if (options.Console)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new TurnTreeConsoleExporter(Console.Out)));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.Root);
                if (exportToAzureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString);
                }
            });

        if (exportToAzureMonitor)
        {
            openTelemetry.WithLogging(logging => logging.AddAzureMonitorLogExporter(o => o.ConnectionString = connectionString));
        }

        return services;
    }

    /// <summary>
    /// Registers <see cref="ChatbotTelemetry"/> (the <c>Chatbot</c> source and meter the wrappers report to) and
    /// <see cref="TelemetryOptions"/>. The wrappers are always in place; with no listener (no <see cref="AddChatbotTelemetry"/>)
    /// a span is never created and a measurement costs a flag check.
    /// </summary>
    internal static IServiceCollection AddChatbotInstrumentation(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ChatbotTelemetry)))
        {
            return services;
        }

        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).PostConfigure(o =>
        {
            // An empty value in local.settings.json means "not set".
            if (string.IsNullOrWhiteSpace(o.ServiceName))
            {
                o.ServiceName = "chatbot";
            }
        });
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatbotTelemetry>();
        return services;
    }
}
