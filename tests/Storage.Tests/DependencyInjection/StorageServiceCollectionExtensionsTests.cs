using Chatbot.Storage.Cosmos;
using Chatbot.Storage.DependencyInjection;
using Chatbot.Storage.File;
using Chatbot.Storage.InMemory;
using Chatbot.Storage.Remembering;
using Chatbot.Storage.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace Chatbot.Storage.Tests.DependencyInjection;

public sealed class StorageServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, string? contentRoot = null)
    {
        var services = new ServiceCollection();
        if (contentRoot is not null)
        {
            var environment = new Mock<IHostEnvironment>();
            environment.SetupGet(e => e.ContentRootPath).Returns(contentRoot);
            services.AddSingleton(environment.Object);
        }

        services.AddConversationStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    // The chosen store, behind the circuit breaker the file and Cosmos stores get (and, by default for Cosmos DB only,
    // behind the remembered copies).
    private static IConversationStore Chosen(ServiceProvider provider)
    {
        var store = provider.GetRequiredService<IConversationStore>();
        return Assert.IsType<CircuitBreakingConversationStore>(store is RememberingConversationStore remembering ? remembering.Wrapped : store).Wrapped;
    }

    [Fact]
    public void The_circuit_breaker_can_be_turned_off_and_readiness_then_knows_nothing_against_the_store()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "File", ["Storage:CircuitBreaker:Enabled"] = "false" }, Path.GetTempPath());

        Assert.IsType<FileConversationStore>(provider.GetRequiredService<IConversationStore>());
        Assert.True(provider.GetRequiredService<IConversationStoreHealth>().IsAvailable);
    }

    [Theory]
    [InlineData("https://acct.documents.azure.com:443/", null, false)]  // off unless turned on, for either store
    [InlineData("https://acct.documents.azure.com:443/", "true", true)]
    [InlineData(null, null, false)]
    [InlineData(null, "true", true)]
    public void Remembered_copies_are_off_unless_turned_on_and_readiness_reads_the_circuit_breaker(string? endpoint, string? enabled, bool remembered)
    {
        using var provider = Build(new() { ["CosmosDb:Endpoint"] = endpoint, ["Storage:Remember:Enabled"] = enabled }, Path.GetTempPath());

        var store = provider.GetRequiredService<IConversationStore>();
        Assert.Equal(remembered, store is RememberingConversationStore);
        var breaker = Assert.IsType<CircuitBreakingConversationStore>(store is RememberingConversationStore remembering ? remembering.Wrapped : store);
        Assert.Same(breaker, provider.GetRequiredService<IConversationStoreHealth>());
    }

    [Theory]
    [InlineData("Storage:Remember:MaxDocuments", "0", "Storage:Remember:MaxDocuments must be between 1 and 1000000")]
    [InlineData("Storage:Remember:MaxBytes", "1000", "Storage:Remember:MaxBytes must be between 65536 and 4294967296")]
    public void Remember_settings_out_of_range_stop_the_start_naming_the_setting(string setting, string value, string message)
    {
        using var provider = Build(new() { ["Storage:Provider"] = "File", [setting] = value }, Path.GetTempPath());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RememberOptions>>().Value);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_memory_store_has_no_circuit_breaker_because_it_cannot_be_unavailable()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory" });

        var store = provider.GetRequiredService<IConversationStore>();
        Assert.IsType<InMemoryConversationStore>(store);
        Assert.Same(provider.GetRequiredService<InMemoryConversationStore>(), store);
        Assert.True(provider.GetRequiredService<IConversationStoreHealth>().IsAvailable);
    }

    [Fact]
    public async Task The_in_memory_store_takes_its_bounds_from_Storage_InMemory_and_names_them_in_the_description()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory", ["Storage:InMemory:MaxDocuments"] = "2", ["Storage:InMemory:TimeToLiveSeconds"] = "60" });

        var store = provider.GetRequiredService<IConversationStore>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            await store.WriteAsync(id, "{}"u8.ToArray(), null, CancellationToken.None);
        }

        Assert.Null(await store.ReadAsync("a", CancellationToken.None)); // the least recently used of three, over the bound of two
        Assert.NotNull(await store.ReadAsync("c", CancellationToken.None));
        var description = provider.GetRequiredService<ConversationStoreDescription>().Text;
        Assert.Contains("at most 2 conversations", description, StringComparison.Ordinal);
        Assert.Contains("ttl 60 s", description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_memory_defaults_are_the_documented_ones()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory" });

        var options = provider.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value;
        Assert.Equal((2_592_000, 10_000, 16L * 1024 * 1024), (options.TimeToLiveSeconds, options.MaxDocuments, options.MaxBytes));
    }

    [Theory]
    [InlineData("Storage:InMemory:TimeToLiveSeconds", "-2", "Storage:InMemory:TimeToLiveSeconds must be a number of seconds, or -1 / 0 for no expiry")]
    [InlineData("Storage:InMemory:MaxDocuments", "0", "Storage:InMemory:MaxDocuments must be between 1 and 10000000")]
    [InlineData("Storage:InMemory:MaxBytes", "1000", "Storage:InMemory:MaxBytes must be between 65536 and")]
    public void In_memory_settings_out_of_range_stop_the_start_naming_the_setting(string setting, string value, string message)
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory", [setting] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:CircuitBreaker:FailureRatio", "0", "Storage:CircuitBreaker:FailureRatio must be more than 0 and at most 1")]
    [InlineData("Storage:CircuitBreaker:MinimumThroughput", "1", "Storage:CircuitBreaker:MinimumThroughput must be at least 2")]
    [InlineData("Storage:CircuitBreaker:SamplingDuration", "00:00:00.100", "Storage:CircuitBreaker:SamplingDuration must be between")]
    [InlineData("Storage:CircuitBreaker:BreakDuration", "00:00:00", "Storage:CircuitBreaker:BreakDuration must be between")]
    public void Circuit_breaker_settings_out_of_range_stop_the_start_naming_the_setting(string setting, string value, string message)
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory", [setting] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StoreCircuitBreakerOptions>>().Value);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_cosmos_endpoint_means_the_file_store_under_the_content_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "content-root-" + Guid.NewGuid().ToString("N"));
        using var provider = Build([], root);

        var file = Assert.IsType<FileConversationStore>(Chosen(provider));
        Assert.Equal(Path.Combine(root, ".local", "state"), file.Folder);
        var description = provider.GetRequiredService<ConversationStoreDescription>();
        Assert.Equal("file", description.Kind);
        Assert.Contains(file.Folder, description.Text, StringComparison.Ordinal);
        Assert.Same(provider.GetRequiredService<IConversationStore>(), provider.GetRequiredService<IConversationStore>());
    }

    [Fact]
    public void Storage_settings_configure_the_file_store()
    {
        var folder = Path.Combine(Path.GetTempPath(), "explicit-" + Guid.NewGuid().ToString("N"));
        using var provider = Build(new() { ["Storage:FilePath"] = folder, ["Storage:MaxDocumentBytes"] = "1000" }, "/somewhere/else");

        Assert.Equal(folder, provider.GetRequiredService<FileConversationStore>().Folder);
        Assert.Equal(1000, provider.GetRequiredService<IOptions<FileStoreOptions>>().Value.MaxDocumentBytes);
    }

    [Fact]
    public void A_cosmos_endpoint_selects_cosmos_with_the_documented_setting_names_and_no_secret_in_the_description()
    {
        using var provider = Build(new()
        {
            ["CosmosDb:Endpoint"] = "https://acct.documents.azure.com:443/",
            ["CosmosDb:Key"] = "c2VjcmV0LWtleQ==",
            ["CosmosDb:Database"] = "db1",
            ["CosmosDb:Container"] = "conv1",
            ["CosmosDb:CreateIfMissing"] = "true",
            ["CosmosDb:TimeToLiveSeconds"] = "86400",
            ["CosmosDb:MaxDocumentBytes"] = "8192",
            ["CosmosDb:ConnectionMode"] = "Gateway",
            ["CosmosDb:LimitToEndpoint"] = "true",
            ["CosmosDb:RequestTimeout"] = "00:00:03",
        });

        var options = provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
        Assert.Equal(("db1", "conv1", true, 86400, 8192), (options.Database, options.Container, options.CreateIfMissing, options.TimeToLiveSeconds, options.MaxDocumentBytes));
        Assert.Equal(Microsoft.Azure.Cosmos.ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
        Assert.IsType<CosmosConversationStore>(Chosen(provider)); // creating it does no I/O
        var description = provider.GetRequiredService<ConversationStoreDescription>();
        Assert.Equal("cosmos", description.Kind);
        Assert.Contains("https://acct.documents.azure.com:443/", description.Text, StringComparison.Ordinal);
        Assert.Contains("account key", description.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleQ==", description.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_defaults_are_the_documented_ones()
    {
        using var provider = Build(new() { ["CosmosDb:Endpoint"] = "https://acct.documents.azure.com:443/" });

        var options = provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
        Assert.Equal(("chatbot", "conversations", false, 30 * 24 * 3600, 64 * 1024), (options.Database, options.Container, options.CreateIfMissing, options.TimeToLiveSeconds, options.MaxDocumentBytes));
        Assert.Equal(Microsoft.Azure.Cosmos.ConnectionMode.Direct, options.ConnectionMode);
        Assert.Null(options.Key);
        Assert.Contains("Entra ID", provider.GetRequiredService<ConversationStoreDescription>().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_identity_client_id_is_named_in_the_description()
    {
        using var provider = Build(new()
        {
            ["CosmosDb:Endpoint"] = "https://acct.documents.azure.com:443/",
            ["CosmosDb:ManagedIdentityClientId"] = "11111111-2222-3333-4444-555555555555",
        });

        Assert.Contains("managed identity 11111111-2222-3333-4444-555555555555",
            provider.GetRequiredService<ConversationStoreDescription>().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_cosmos_settings_fail_when_the_options_are_first_used_with_every_problem_named()
    {
        using var provider = Build(new()
        {
            ["CosmosDb:Endpoint"] = "acct.documents.azure.com",
            ["CosmosDb:Key"] = "not base64!",
            ["CosmosDb:Database"] = "a#b",
            ["CosmosDb:TimeToLiveSeconds"] = "-5",
            ["CosmosDb:MaxDocumentBytes"] = "0",
            ["CosmosDb:OperationTimeout"] = "00:00:00",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CosmosStoreOptions>>().Value);

        foreach (var setting in new[] { "CosmosDb:Endpoint", "CosmosDb:Key", "CosmosDb:Database", "CosmosDb:TimeToLiveSeconds", "CosmosDb:MaxDocumentBytes", "CosmosDb:OperationTimeout" })
        {
            Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Storage_Provider_InMemory_keeps_state_in_process_and_says_so()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "InMemory", ["CosmosDb:Endpoint"] = "https://acct.documents.azure.com:443/" });

        Assert.IsType<InMemoryConversationStore>(provider.GetRequiredService<IConversationStore>());
        var description = provider.GetRequiredService<ConversationStoreDescription>();
        Assert.Equal("in-memory", description.Kind);
        Assert.DoesNotContain("local files", description.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_Provider_File_wins_over_a_cosmos_endpoint()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "file", ["CosmosDb:Endpoint"] = "https://acct.documents.azure.com:443/" }, Path.GetTempPath());

        Assert.IsType<FileConversationStore>(Chosen(provider));
    }

    [Theory]
    [InlineData("Storage:Provider", "Redis", "Storage:Provider must be one of Cosmos, File, InMemory")]
    [InlineData("Storage:LockTimeout", "00:00:00", "Storage:LockTimeout must be a positive time span")]
    [InlineData("Storage:MaxDocumentBytes", "0", "Storage:MaxDocumentBytes must be positive")]
    public async Task Bad_storage_settings_stop_the_host_at_start_naming_the_setting(string key, string value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddConversationStore(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_stop_the_host_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CosmosDb:Endpoint"] = "http://not-https" });
        builder.Services.AddConversationStore(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("CosmosDb:Endpoint must be an absolute https URL", ex.Message, StringComparison.Ordinal);
    }
}
