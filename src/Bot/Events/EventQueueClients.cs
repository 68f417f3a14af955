using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Chatbot.Bot.Events;

/// <summary>The Storage event queue and its poison queue, with base64 bodies as the Functions queue extension reads and writes them.</summary>
internal sealed class EventQueueClients
{
    private EventQueueClients(QueueServiceClient service, string queue)
    {
        Events = service.GetQueueClient(queue);
        Poison = service.GetQueueClient(EventQueueRetry.PoisonQueue(queue));
    }

    public QueueClient Events { get; }

    public QueueClient Poison { get; }

    private static QueueClientOptions Options => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>With a connection string (Azurite, or an account whose keys are allowed).</summary>
    public static EventQueueClients FromConnectionString(string connectionString, string queue) =>
        new(new QueueServiceClient(connectionString, Options), queue);

    /// <summary>With an identity (the function app's managed identity in Azure): no key anywhere.</summary>
    public static EventQueueClients FromIdentity(Uri queueServiceUri, TokenCredential credential, string queue) =>
        new(new QueueServiceClient(queueServiceUri, credential, Options), queue);

    /// <summary>
    /// The Functions trigger's own storage settings, so delayed events go to the account the trigger reads:
    /// <c>AzureWebJobsStorage</c> as a connection string (local, Azurite), else identity-based
    /// <c>AzureWebJobsStorage__queueServiceUri</c> or <c>__accountName</c>, with <c>__clientId</c> for a
    /// user-assigned identity (what infra/bicep sets). Null when neither is set.
    /// </summary>
    public static EventQueueClients? FromWebJobsStorage(Microsoft.Extensions.Configuration.IConfiguration configuration, string queue)
    {
        var section = configuration.GetSection("AzureWebJobsStorage");
        if (section.Value is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString, queue);
        }

        var uri = section["queueServiceUri"] is { Length: > 0 } explicitUri ? new Uri(explicitUri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.queue.core.windows.net/")
            : null;
        if (uri is null) return null;
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] is { Length: > 0 } id ? id : null });
        return FromIdentity(uri, credential, queue);
    }
}
