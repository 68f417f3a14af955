using Chatbot.Channels.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Bot Connector client.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Adds the Connector client with options bound from <paramref name="configuration"/> (the <c>Connector</c> section).</summary>
    public static IHttpClientBuilder AddConnectorClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectorClientOptions>().Bind(configuration);
        return services.AddConnectorClient();
    }

    /// <summary>
    /// Adds <see cref="IConnectorClient"/> as a typed HttpClient client with validated <see cref="ConnectorClientOptions"/>
    /// (checked at start). Needs an <c>IAccessTokenProvider</c> registration. Returns the builder to add handlers.
    /// </summary>
    public static IHttpClientBuilder AddConnectorClient(this IServiceCollection services, Action<ConnectorClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ConnectorClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorClientOptions>, ConnectorClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IServiceUrlAllowList, ServiceUrlAllowList>();

        return services
            .AddHttpClient<IConnectorClient, ConnectorClient>(http =>
            {
                // ConnectorClientOptions.Timeout limits each attempt; the overall call is bounded by retries.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Pooled connections are recycled by the handler itself, so a client captured by a singleton stays
            // correct when DNS changes (the usual typed-client pitfall).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
