using System.Runtime.CompilerServices;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.File;
using Chatbot.Storage.InMemory;
using Chatbot.Storage.Remembering;
using Chatbot.Storage.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.DependencyInjection;

/// <summary>Registers the conversation store chosen by configuration.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationStore"/> (a singleton): <c>Storage:Provider</c> when set (<c>Cosmos</c>,
    /// <c>File</c>, <c>InMemory</c>), else Cosmos DB when <c>CosmosDb:Endpoint</c> is set, else the file store under
    /// <c>Storage:FilePath</c> (relative to the content root). Options are validated at start. Also registers
    /// <see cref="ConversationStoreDescription"/> for the startup log. The file and Cosmos stores are wrapped in a circuit
    /// breaker (<c>Storage:CircuitBreaker</c>) whose state <see cref="IConversationStoreHealth"/> reports; the in-memory store,
    /// which cannot be unavailable, is not. Telemetry is the
    /// caller's wrapper, not the store's.
    /// </summary>
    public static IServiceCollection AddConversationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageProviderOptions>().Bind(configuration.GetSection(StorageProviderOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageProviderOptions>, StorageProviderOptionsValidator>());
        services.AddOptions<StoreCircuitBreakerOptions>().Bind(configuration.GetSection(StoreCircuitBreakerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreCircuitBreakerOptions>, StoreCircuitBreakerOptionsValidator>());
        services.AddOptions<RememberOptions>().Bind(configuration.GetSection(RememberOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RememberOptions>, RememberOptionsValidator>());

        // Chosen while composing (an unknown provider falls through to the default here and fails validation at start).
        var provider = configuration[$"{StorageProviderOptions.SectionName}:Provider"];
        var cosmos = string.IsNullOrWhiteSpace(provider)
            ? !string.IsNullOrWhiteSpace(configuration[$"{CosmosStoreOptions.SectionName}:Endpoint"])
            : provider.Equals("Cosmos", StringComparison.OrdinalIgnoreCase);

        if (string.Equals(provider, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<InMemoryStoreOptions>().Bind(configuration.GetSection(InMemoryStoreOptions.SectionName)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InMemoryStoreOptions>, InMemoryStoreOptionsValidator>());
            services.TryAddSingleton(sp => new InMemoryConversationStore(
                sp.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton(sp => new ConversationStoreDescription("in-memory", Describe(sp.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value)));
            // No circuit breaker: the breaker counts only StoreUnavailableException, which process memory never throws, so it
            // could never open and would only cost a Polly pipeline per operation (three per turn).
            services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
            services.TryAddSingleton<IConversationStoreHealth>(AlwaysAvailableStoreHealth.Instance);
        }
        else if (cosmos)
        {
            AddCosmosStore(services, configuration);
        }
        else
        {
            services.AddOptions<FileStoreOptions>()
                .Bind(configuration.GetSection(FileStoreOptions.SectionName))
                .PostConfigure<IServiceProvider>((options, sp) =>
                {
                    if (string.IsNullOrWhiteSpace(options.FilePath)) return; // the validator names it
                    var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
                    options.FilePath = Path.GetFullPath(Path.Combine(root, options.FilePath));
                })
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileStoreOptions>, FileStoreOptionsValidator>());
            services.TryAddSingleton<FileConversationStore>();
            services.TryAddSingleton(sp => new ConversationStoreDescription(
                "file",
                $"local files in {sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.FilePath} (set CosmosDb:Endpoint to use Cosmos DB)"));
            AddStore<FileConversationStore>(services);
        }

        return services;
    }

    private static string Describe(InMemoryStoreOptions options) =>
        $"process memory (Storage:Provider=InMemory; conversations are lost on restart; at most {options.MaxDocuments} conversations"
        + $" and {options.MaxBytes / (1024 * 1024.0):0.#} MB, least recently used first out; "
        + (options.TimeToLiveSeconds > 0 ? $"ttl {options.TimeToLiveSeconds} s)" : "no ttl)");

    // A method of its own, not inlined: the Cosmos SDK assembly is then loaded only when Cosmos is chosen, not at every
    // start that composes the file or in-memory store (bench/RESULTS.md, issue 19 session 8).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddCosmosStore(IServiceCollection services, IConfiguration configuration)
    {
        // Bound as OptionsBuilder.Bind binds without the binding generator (reflection): the generated binder is one method
        // for every options type of this assembly, and CosmosStoreOptions' ConnectionMode in it loaded the Cosmos SDK
        // (1 MB) whenever the file or in-memory store's options were bound (bench/RESULTS.md, issue 19 session 24).
        var section = configuration.GetSection(CosmosStoreOptions.SectionName);
        services.AddOptions<CosmosStoreOptions>().ValidateOnStart();
        services.AddSingleton<IOptionsChangeTokenSource<CosmosStoreOptions>>(new ConfigurationChangeTokenSource<CosmosStoreOptions>(Options.DefaultName, section));
        services.AddSingleton<IConfigureOptions<CosmosStoreOptions>>(new NamedConfigureFromConfigurationOptions<CosmosStoreOptions>(Options.DefaultName, section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosStoreOptions>, CosmosStoreOptionsValidator>());
        services.TryAddSingleton<CosmosConversationStore>();
        services.TryAddSingleton(sp => new ConversationStoreDescription(
            "cosmos", CosmosConversationStore.Describe(sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value)));
        AddStore<CosmosConversationStore>(services);
    }

    // The chosen store behind its circuit breaker (Storage:CircuitBreaker), behind the copy of each conversation's last
    // version (Storage:Remember, off unless turned on), which serves no copy while the breaker is open; readiness
    // reads the breaker's state. A store registered before this call (tests, custom hosts) is used as it is, and counts
    // as available.
    private static void AddStore<TStore>(IServiceCollection services)
        where TStore : class, IConversationStore
    {
        services.TryAddSingleton<IConversationStore>(sp =>
        {
            IConversationStore store = sp.GetRequiredService<TStore>();
            var breaker = sp.GetRequiredService<IOptions<StoreCircuitBreakerOptions>>().Value;
            if (breaker.Enabled)
            {
                store = new CircuitBreakingConversationStore(store, breaker, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<CircuitBreakingConversationStore>>());
            }

            var remember = sp.GetRequiredService<IOptions<RememberOptions>>().Value;
            return remember.Enabled == true ? new RememberingConversationStore(store, remember, store as IConversationStoreHealth) : store;
        });
        services.TryAddSingleton<IConversationStoreHealth>(sp =>
        {
            var store = sp.GetRequiredService<IConversationStore>();
            return (store is RememberingConversationStore remembering ? remembering.Wrapped : store) as IConversationStoreHealth ?? AlwaysAvailableStoreHealth.Instance;
        });
    }
}
