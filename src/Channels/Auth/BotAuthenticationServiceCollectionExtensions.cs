using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Auth;

/// <summary>Registers Bot Framework authentication (inbound JWT validation and outbound tokens).</summary>
public static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotAuthenticationOptions"/> from the configuration root (validated at start) and registers
    /// <see cref="IRequestAuthenticator"/> and <see cref="IAccessTokenProvider"/> as singletons (replacing earlier registrations), using the
    /// <see cref="BotAuthenticationDefaults.HttpClientName"/> HTTP client.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        // Identity endpoints answer in well under a second; a hung one must not hold a turn for the default 100 s.
        services.AddHttpClient(BotAuthenticationDefaults.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);

        // Explicit registration wins over defaults registered earlier (e.g. a host's local-mode stand-ins added with TryAdd);
        // anything registered later still overrides it, as usual.
        services.RemoveAll<IRequestAuthenticator>();
        services.RemoveAll<IAccessTokenProvider>();
        services.AddSingleton<IRequestAuthenticator>(sp => new JwtRequestAuthenticator(
            sp.GetRequiredService<IOptions<BotAuthenticationOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<JwtRequestAuthenticator>>()));
        services.AddSingleton(CreateAccessTokenProvider);
        return services;
    }

    private static IAccessTokenProvider CreateAccessTokenProvider(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<BotAuthenticationOptions>>();
        var endpoints = AuthenticationEndpoints.From(options.Value);
        if (!endpoints.HasAppId)
        {
            return new NoAccessTokenProvider();
        }

        var time = sp.GetRequiredService<TimeProvider>();
        if (string.Equals(endpoints.AppType, BotAuthenticationDefaults.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityAccessTokenProvider(options, time, sp.GetRequiredService<ILogger<ManagedIdentityAccessTokenProvider>>());
        }

        return new ClientSecretAccessTokenProvider(options, sp.GetRequiredService<IHttpClientFactory>(), time, sp.GetRequiredService<ILogger<ClientSecretAccessTokenProvider>>());
    }
}
