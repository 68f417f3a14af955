namespace Chatbot.Storage.DependencyInjection;

/// <summary>Which conversation store to use (configuration <c>Storage:Provider</c>).</summary>
public sealed class StorageProviderOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>The store kinds <see cref="Provider"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Providers = ["Cosmos", "File", "InMemory"];

    /// <summary>
    /// <c>Cosmos</c>, <c>File</c> or <c>InMemory</c> (process memory: benchmarks and demos; lost on restart).
    /// Empty = Cosmos DB when <c>CosmosDb:Endpoint</c> is set, else the file store.
    /// </summary>
    public string? Provider { get; set; }
}
