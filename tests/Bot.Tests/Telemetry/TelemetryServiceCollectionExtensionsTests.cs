using Chatbot.Bot.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>What AddChatbotTelemetry registers, from configuration.</summary>
public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_bind_from_the_Telemetry_section_and_empty_values_mean_defaults()
    {
        using var provider = Build(new()
        {
            ["Telemetry:CaptureContent"] = "true",
            ["Telemetry:ServiceName"] = "",
        });

        var options = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        Assert.True(options.CaptureContent);
        Assert.False(options.Console);
        Assert.Equal("chatbot", options.ServiceName);
        Assert.True(provider.GetRequiredService<ChatbotTelemetry>().Options.CaptureContent);
    }

    [Fact]
    public void Tracing_and_metrics_providers_are_registered_without_an_exporter_by_default()
    {
        using var provider = Build([]);

        var tracerProvider = Assert.IsType<TracerProvider>(provider.GetService<TracerProvider>(), exactMatch: false);
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.DoesNotContain("AzureMonitor", DescribeProcessors(tracerProvider), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_start_naming_the_setting_but_not_its_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "my-secret-looking-value",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddChatbotTelemetry(configuration));

        Assert.StartsWith("APPLICATIONINSIGHTS_CONNECTION_STRING is set but is not an Application Insights connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my-secret-looking-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_adds_the_azure_monitor_exporter()
    {
        using var provider = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
        });

        var tracerProvider = Assert.IsType<TracerProvider>(provider.GetService<TracerProvider>(), exactMatch: false);
        Assert.Contains("AzureMonitor", DescribeProcessors(tracerProvider), StringComparison.Ordinal);
    }

    // The SDK keeps its processor chain private; its type names are enough to tell which exporters are wired.
    private static string DescribeProcessors(TracerProvider tracerProvider)
    {
        var processor = tracerProvider.GetType().GetProperty("Processor", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)?.GetValue(tracerProvider);
        return Describe(processor, depth: 0);
    }

    private static string Describe(object? node, int depth)
    {
        if (node is null || depth > 6)
        {
            return "";
        }

        var text = node.GetType().FullName ?? "";
        foreach (var field in node.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
        {
            var value = field.GetValue(node);
            if (value is not null && (value.GetType().FullName ?? "").Contains("OpenTelemetry", StringComparison.Ordinal) || value?.GetType().FullName?.Contains("Azure.Monitor", StringComparison.Ordinal) == true)
            {
                text += " " + Describe(value, depth + 1);
            }
        }

        return text;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddChatbotTelemetry(configuration).BuildServiceProvider();
    }
}
