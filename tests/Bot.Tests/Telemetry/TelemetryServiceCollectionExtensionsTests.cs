using Moq;
using Chatbot.Bot.Telemetry;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Chatbot.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>What AddChatbotTelemetry and AddChatbotTracingDecorators register, from configuration.</summary>
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

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void Decorators_wrap_registered_services_and_keep_their_lifetime()
    {
        var services = new ServiceCollection();
        services.AddChatbotTelemetry(new ConfigurationBuilder().Build());
        services.AddSingleton<IConversationStore, InMemoryConversationStore>();
        services.AddScoped<IDialogEngine>(_ => new Mock<IDialogEngine>().Object);

        services.AddChatbotTracingDecorators();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        var store = provider.GetRequiredService<IConversationStore>();
        Assert.IsType<TracingConversationStore>(store);
        Assert.Same(store, provider.GetRequiredService<IConversationStore>());
        using var scope = provider.CreateScope();
        Assert.IsType<TracingDialogEngine>(scope.ServiceProvider.GetRequiredService<IDialogEngine>());
        Assert.Equal(ServiceLifetime.Scoped, services.Single(d => d.ServiceType == typeof(IDialogEngine)).Lifetime);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddChatbotTelemetry(configuration).BuildServiceProvider();
    }
}
