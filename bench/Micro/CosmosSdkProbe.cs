using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Azure.Cosmos;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The Cosmos SDK alone (issue 19), bench-only: the store's three requests per turn straight on a CosmosClient, with the
/// client options the store sets plus one variant at a time, so each SDK knob is measured without our adapter and the
/// adapter's own cost is the store's CPU minus this. Variants (joined by '+' after <c>sdk</c>): <c>eventual</c>
/// (ConsistencyLevel.Eventual), <c>nolimit</c> (LimitToEndpoint false: the account's advertised endpoints),
/// <c>factory</c> (one shared SocketsHttpHandler through HttpClientFactory) and <c>tracing</c> (distributed tracing left on).
/// </summary>
internal sealed class CosmosSdkProbe : IStoreProbe
{
    private readonly CosmosClient _client;
    private readonly Container _container;
    private readonly SocketsHttpHandler? _handler;
    private readonly int? _ttl;

    public CosmosSdkProbe(string endpoint, string key, string database, string container, int? ttlSeconds,
        Func<X509Certificate2, X509Chain, SslPolicyErrors, bool> validate, IReadOnlySet<string> variants)
    {
        if (variants.FirstOrDefault(v => v is not ("eventual" or "nolimit" or "factory" or "tracing")) is { } unknown)
        {
            throw new ArgumentException($"unknown SDK variant '{unknown}' (eventual, nolimit, factory, tracing)");
        }

        var options = new CosmosClientOptions
        {
            ApplicationName = "chatbot",
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = !variants.Contains("nolimit"),
            RequestTimeout = TimeSpan.FromSeconds(5),
            EnableContentResponseOnWrite = false,
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions
            {
                DisableDistributedTracing = !variants.Contains("tracing"),
                DisableSendingMetricsToService = true,
            },
            ServerCertificateCustomValidationCallback = validate,
        };
        if (variants.Contains("eventual")) options.ConsistencyLevel = ConsistencyLevel.Eventual;
        if (variants.Contains("factory"))
        {
            _handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                        certificate is X509Certificate2 pinned && chain is not null && validate(pinned, chain, errors),
                },
            };
            options.HttpClientFactory = () => new HttpClient(_handler, disposeHandler: false);
            options.ServerCertificateCustomValidationCallback = null; // the SDK refuses both; the handler validates
        }

        _client = new CosmosClient(endpoint, key, options);
        _container = _client.GetContainer(database, container);
        _ttl = ttlSeconds;
    }

    public async Task<(byte[] Body, string ETag)?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var body = new MemoryStream();
        await response.Content.CopyToAsync(body, cancellationToken);
        return (body.ToArray(), response.Headers.ETag);
    }

    public async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> state, string? ifMatch, CancellationToken cancellationToken)
    {
        var requestOptions = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var body = new MemoryStream(CosmosRestProbe.Envelope(id, state.Span, _ttl), writable: false);
        using var response = ifMatch is null
            ? await _container.CreateItemStreamAsync(body, new PartitionKey(id), requestOptions, cancellationToken)
            : await _container.ReplaceItemStreamAsync(body, id, new PartitionKey(id), requestOptions, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag;
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler?.Dispose();
    }
}
