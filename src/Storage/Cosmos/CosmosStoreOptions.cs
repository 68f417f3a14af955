using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Azure.Cosmos;

namespace Chatbot.Storage.Cosmos;

/// <summary>Options of the Cosmos DB store (configuration section <c>CosmosDb</c>).</summary>
public sealed class CosmosStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "CosmosDb";

    /// <summary>Account endpoint, e.g. <c>https://myaccount.documents.azure.com:443/</c>; set = use Cosmos DB.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Account key; absent = Entra ID (DefaultAzureCredential, or the managed identity below).</summary>
    public string? Key { get; set; }

    /// <summary>Client id of a user-assigned managed identity to authenticate with (when no key).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Database name.</summary>
    public string Database { get; set; } = "chatbot";

    /// <summary>Container name (partition key path <c>/id</c>).</summary>
    public string Container { get; set; } = "conversations";

    /// <summary>Create the database and container on first use (production creates them with Bicep).</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>Per-document <c>ttl</c> in seconds; -1 or 0 = no per-document expiry (the container default applies).</summary>
    public int TimeToLiveSeconds { get; set; } = 30 * 24 * 60 * 60;

    /// <summary>Largest state accepted, in bytes (checked before writing).</summary>
    public int MaxDocumentBytes { get; set; } = StorageLimits.DefaultMaxDocumentBytes;

    /// <summary>Direct (TCP, production default) or Gateway (HTTPS only; emulators and the test server).</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    /// <summary>Talk only to <see cref="Endpoint"/>, never to the regional endpoints the account advertises.</summary>
    public bool LimitToEndpoint { get; set; }

    /// <summary>Timeout of one network request inside the SDK.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Budget of one store operation including the SDK's retries; past it the store reports itself unavailable.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the SDK retries a throttled (429) request before the store reports itself unavailable.</summary>
    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 3;

    /// <summary>The longest the SDK waits in total across 429 retries.</summary>
    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Test hook (set in code, not configuration): an extra server certificate check, e.g. pinning a test server's
    /// self-signed certificate, applied to this client only instead of disabling validation globally.
    /// </summary>
    public Func<X509Certificate2, X509Chain, SslPolicyErrors, bool>? ServerCertificateValidation { get; set; }

    /// <summary>Test hook (set in code): the HttpClient the SDK uses in Gateway mode.</summary>
    public Func<HttpClient>? HttpClientFactory { get; set; }
}
