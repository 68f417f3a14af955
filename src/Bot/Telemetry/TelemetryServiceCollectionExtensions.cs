using Azure.Monitor.OpenTelemetry.Exporter;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chatbot.Bot.Telemetry;

/// <summary>Registers Chatbot's tracing, metrics and exporters, and wraps the turn's services in their tracing decorators.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app setting that switches on export to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // HttpClient's own spans (.NET 9+): each attempt of a Connector, Cosmos gateway or LLM request, so retries show
    // as sibling HTTP spans. Opt-in (Telemetry:HttpSpans): URLs carry conversation ids.
    private const string HttpClientSource = "System.Net.Http";

    /// <summary>
    /// Adds OpenTelemetry tracing and metrics for the <c>Chatbot</c> source and meter, <see cref="ChatbotTelemetry"/>,
    /// and <see cref="TelemetryOptions"/> from the <c>Telemetry</c> section. Exports to Azure Monitor only when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; prints turn span trees when <c>Telemetry:Console</c> is true.
    /// Log records carry the trace and span ids, so logs correlate with the turn's trace.
    /// </summary>
    public static IServiceCollection AddChatbotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).PostConfigure(o =>
        {
            // An empty value in local.settings.json means "not set".
            if (string.IsNullOrWhiteSpace(o.ServiceName))
            {
                o.ServiceName = "chatbot";
            }
        });
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatbotTelemetry>();
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

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
    /// Wraps the registered <see cref="IDialogEngine"/>, <see cref="IConversationStore"/>, <see cref="IConnectorClient"/>,
    /// <see cref="IUnderstanding"/> and <see cref="IResponsePhraser"/> (those present) in their tracing decorators.
    /// Call once, after those services are registered and after <see cref="AddChatbotTelemetry"/>.
    /// </summary>
    public static IServiceCollection AddChatbotTracingDecorators(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Decorate<IDialogEngine>(services, (inner, sp) => new TracingDialogEngine(inner, sp.GetRequiredService<ChatbotTelemetry>()));
        Decorate<IConversationStore>(services, (inner, sp) => new TracingConversationStore(inner, sp.GetRequiredService<ChatbotTelemetry>()));
        Decorate<IConnectorClient>(services, (inner, sp) => new TracingConnectorClient(inner, sp.GetRequiredService<ChatbotTelemetry>()));
        Decorate<IUnderstanding>(services, (inner, sp) => new TracingUnderstanding(inner, sp.GetRequiredService<ChatbotTelemetry>()));
        Decorate<IResponsePhraser>(services, (inner, sp) => new TracingResponsePhraser(inner, sp.GetRequiredService<ChatbotTelemetry>()));
        return services;
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, IServiceProvider, T> wrap)
        where T : class
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(T) || descriptor.IsKeyedService)
            {
                continue;
            }

            Func<IServiceProvider, object> create = descriptor switch
            {
                { ImplementationInstance: { } instance } => _ => instance,
                { ImplementationFactory: { } factory } => factory,
                _ => sp => ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
            };
            services[i] = ServiceDescriptor.Describe(typeof(T), sp => wrap((T)create(sp), sp), descriptor.Lifetime);
        }
    }
}
