using Chatbot.Channels.Connector;
using Chatbot.Channels.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>Registers the built-in Direct Line endpoint's services.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Direct Line services, options from <paramref name="configuration"/> (the <c>DirectLine</c> section,
    /// validated at start), and wraps the registered <see cref="IConnectorClient"/> so replies to Direct Line
    /// conversations land in their feeds. Call it after the connector client is registered.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DirectLineOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DirectLineOptions.SectionName));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());
        services.AddActivityLimits(configuration); // posted activities get the same limits as /api/messages
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineConversations>();
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineHandlers>();
        DecorateConnectorClient(services);
        return services;
    }

    private static void DecorateConnectorClient(IServiceCollection services)
    {
        // Wrap once, however often AddDirectLine is called.
        if (services.Any(d => d.ServiceType == typeof(ConnectorDecorated)))
        {
            return;
        }

        services.AddSingleton<ConnectorDecorated>();

        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IConnectorClient));
        if (inner is not null)
        {
            services.Remove(inner);
        }

        services.Add(ServiceDescriptor.Describe(typeof(IConnectorClient), sp => new DirectLineConnectorClient(
            inner is null ? null : (IConnectorClient)CreateInner(sp, inner),
            sp.GetRequiredService<DirectLineConversations>(),
            sp.GetRequiredService<IOptions<DirectLineOptions>>(),
            sp.GetRequiredService<TimeProvider>()), inner?.Lifetime ?? ServiceLifetime.Singleton));
    }

    private static object CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private sealed class ConnectorDecorated;
}
