using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Serialization;

/// <summary>Registers the inbound activity limits.</summary>
public static class LimitsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LimitsOptions"/> to the <c>Limits</c> section of <paramref name="configuration"/> (when given) and
    /// validates them at start. Safe to call more than once (the Bot and the Direct Line endpoint both do).
    /// </summary>
    public static IServiceCollection AddActivityLimits(this IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LimitsOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(LimitsOptions.SectionName));
        }

        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<LimitsOptions>) && d.ImplementationType == typeof(LimitsOptionsValidator)))
        {
            options.ValidateOnStart();
            services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        }

        return services;
    }
}
