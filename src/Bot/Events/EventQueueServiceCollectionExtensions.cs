using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Chatbot.Bot.Events;

/// <summary>Registers the <see cref="IEventQueue"/> that delayed events (reminders, expiry) go to, per host.</summary>
public static class EventQueueServiceCollectionExtensions
{
    /// <summary>The setting that makes BotServer use (and read) a Storage queue instead of its in-process one.</summary>
    public const string ConnectionStringKey = "Queues:ConnectionString";

    /// <summary>
    /// BotServer: with <c>Queues:ConnectionString</c>, the Storage queue <c>Events:Queue</c> (written for delayed events
    /// and read by a polling service, with the Functions trigger's retry and poison rules); without it, an in-process
    /// queue (lost on restart: for development and single-instance hosts).
    /// </summary>
    public static IServiceCollection AddChatbotEventQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringKey] is { Length: > 0 } connectionString)
        {
            services.TryAddSingleton(QueueClients(connectionString, QueueName(configuration)));
            services.TryAddSingleton<IEventQueue, AzureStorageEventQueue>();
            services.AddHostedService<AzureQueueEventReader>();
            return services;
        }

        services.TryAddSingleton<InProcessEventQueue>();
        services.TryAddSingleton<IEventQueue>(sp => sp.GetRequiredService<InProcessEventQueue>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InProcessEventQueue>());
        return services;
    }

    // A connection string the Storage client cannot parse is an operator's mistake: a settings error that says which
    // setting and what it should look like, not a FormatException from inside the Storage SDK.
    private static EventQueueClients QueueClients(string connectionString, string queue)
    {
        try
        {
            return EventQueueClients.FromConnectionString(connectionString, queue);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(ConnectionStringKey, typeof(EventQueueClients),
            [
                $"{ConnectionStringKey} is no Storage connection string ({ex.Message}). Write it as "
                + "\"DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net\", or "
                + "\"UseDevelopmentStorage=true\" for Azurite, or remove it to keep delayed events in the process.",
            ]);
        }
    }

    /// <summary>
    /// Functions host: the Storage queue <c>Events:Queue</c> in the trigger's own account (<c>AzureWebJobsStorage</c>
    /// settings, connection string or identity); the <c>EventQueue</c> trigger runs what is due. Nothing is
    /// registered without those settings (the host does not start without them anyway).
    /// </summary>
    public static IServiceCollection AddChatbotFunctionsEventQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (EventQueueClients.FromWebJobsStorage(configuration, QueueName(configuration)) is { } clients)
        {
            services.TryAddSingleton(clients);
            services.TryAddSingleton<IEventQueue, AzureStorageEventQueue>();
        }

        return services;
    }

    private static string QueueName(IConfiguration configuration) =>
        configuration[$"{EventOptions.SectionName}:Queue"] is { Length: > 0 } name ? name : new EventOptions().Queue;
}
