using Chatbot.Storage.Cosmos;
using Chatbot.Storage.File;
using Chatbot.Storage.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.DependencyInjection;

/// <summary>Registers the conversation store chosen by configuration.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationStore"/> (a singleton wrapped with metrics): Cosmos DB when <c>CosmosDb:Endpoint</c>
    /// is set (options validated at start), else the file store under <c>Storage:FilePath</c> (relative to the content root).
    /// Also registers <see cref="ConversationStoreDescription"/> for the startup log.
    /// </summary>
    public static IServiceCollection AddConversationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        if (!string.IsNullOrWhiteSpace(configuration[$"{CosmosStoreOptions.SectionName}:Endpoint"]))
        {
            services.AddOptions<CosmosStoreOptions>().Bind(configuration.GetSection(CosmosStoreOptions.SectionName)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosStoreOptions>, CosmosStoreOptionsValidator>());
            services.TryAddSingleton<CosmosConversationStore>();
            services.TryAddSingleton(sp => new ConversationStoreDescription(
                "cosmos", CosmosConversationStore.Describe(sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value)));
            AddStore<CosmosConversationStore>(services);
        }
        else
        {
            services.AddOptions<FileStoreOptions>()
                .Bind(configuration.GetSection(FileStoreOptions.SectionName))
                .PostConfigure<IServiceProvider>((options, sp) =>
                {
                    var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
                    options.FilePath = Path.GetFullPath(Path.Combine(root, options.FilePath));
                })
                .Validate(o => !string.IsNullOrWhiteSpace(o.FilePath), "Storage:FilePath must not be empty.")
                .Validate(o => o.MaxDocumentBytes > 0, "Storage:MaxDocumentBytes must be positive.")
                .Validate(o => o.LockTimeout > TimeSpan.Zero, "Storage:LockTimeout must be a positive time span such as 00:00:10.")
                .ValidateOnStart();
            services.TryAddSingleton<FileConversationStore>();
            services.TryAddSingleton(sp => new ConversationStoreDescription(
                "file",
                $"local files in {sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.FilePath} (set CosmosDb:Endpoint to use Cosmos DB)"));
            AddStore<FileConversationStore>(services);
        }

        return services;
    }

    private static void AddStore<TStore>(IServiceCollection services)
        where TStore : class, IConversationStore
        => services.TryAddSingleton<IConversationStore>(sp => new MeteredConversationStore(
            sp.GetRequiredService<TStore>(), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
}
