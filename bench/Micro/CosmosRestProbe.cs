using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The floor under the Cosmos store's requests (issue 19), bench-only: the same point read, create and conditional
/// replace the store sends, on a plain pooled HttpClient with master-key auth as the public REST reference describes
/// ("Access control on Cosmos DB resources"), and nothing else: no retries, region routing, session tokens, caches or
/// diagnostics. Its CPU per request is what any Cosmos client pays for HTTPS and signing.
/// </summary>
internal sealed class CosmosRestProbe : IStoreProbe
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly HMACSHA256 _signer;
    private readonly string _collectionLink;
    private readonly int? _ttl;

    public CosmosRestProbe(string endpoint, string key, string database, string container, int? ttlSeconds,
        Func<X509Certificate2, X509Chain, SslPolicyErrors, bool> validate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    certificate is X509Certificate2 pinned && chain is not null && validate(pinned, chain, errors),
            },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri(endpoint) };
        _signer = new HMACSHA256(Convert.FromBase64String(key));
        _collectionLink = $"dbs/{database}/colls/{container}";
        _ttl = ttlSeconds;
    }

    /// <summary>The body and ETag of the document, or null when it does not exist.</summary>
    public async Task<(byte[] Body, string ETag)?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var link = $"{_collectionLink}/docs/{id}";
        using var request = Signed(HttpMethod.Get, link, link, id);
        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response, "read");
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), ETagOf(response));
    }

    /// <summary>Creates (no <paramref name="ifMatch"/>) or replaces the document if its ETag still matches; returns the new ETag.</summary>
    public async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> state, string? ifMatch, CancellationToken cancellationToken)
    {
        var link = $"{_collectionLink}/docs/{id}";
        using var request = ifMatch is null
            ? Signed(HttpMethod.Post, $"{_collectionLink}/docs", _collectionLink, id)
            : Signed(HttpMethod.Put, link, link, id);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        request.Headers.TryAddWithoutValidation("Prefer", "return=minimal"); // like EnableContentResponseOnWrite = false
        request.Content = new ByteArrayContent(Envelope(id, state.Span, _ttl)) { Headers = { ContentType = Json } };
        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"write of '{id}' lost a race ({(int)response.StatusCode})");
        }

        EnsureSuccess(response, "write");
        return ETagOf(response);
    }

    public void Dispose()
    {
        _client.Dispose();
        _signer.Dispose();
    }

    /// <summary>The same document the store writes: id, ttl, then the state as one JSON value.</summary>
    public static byte[] Envelope(string id, ReadOnlySpan<byte> state, int? ttlSeconds)
    {
        var head = Encoding.UTF8.GetBytes(ttlSeconds is { } ttl
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"ttl\":{ttl},\"state\":")
            : $"{{\"id\":\"{id}\",\"state\":");
        var document = new byte[head.Length + state.Length + 1];
        head.CopyTo(document, 0);
        state.CopyTo(document.AsSpan(head.Length));
        document[^1] = (byte)'}';
        return document;
    }

    private HttpRequestMessage Signed(HttpMethod method, string path, string resourceLink, string partitionKey)
    {
        var date = DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var payload = $"{method.Method.ToLowerInvariant()}\ndocs\n{resourceLink}\n{date.ToLowerInvariant()}\n\n";
        var signature = Convert.ToBase64String(_signer.ComputeHash(Encoding.UTF8.GetBytes(payload)));
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("authorization", Uri.EscapeDataString($"type=master&ver=1.0&sig={signature}"));
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2018-12-31");
        request.Headers.TryAddWithoutValidation("x-ms-documentdb-partitionkey", $"[\"{partitionKey}\"]");
        return request;
    }

    private static string ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("etag", out var values) ? values.First() : throw new InvalidOperationException("no ETag in the answer");

    private static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}");
    }
}

/// <summary>The point read and conditional write of a bench probe (the store's requests without the store).</summary>
internal interface IStoreProbe : IDisposable
{
    /// <summary>The body and ETag of the document, or null when it does not exist.</summary>
    Task<(byte[] Body, string ETag)?> ReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates (no <paramref name="ifMatch"/>) or replaces the document if its ETag still matches; returns the new ETag.</summary>
    Task<string> WriteAsync(string id, ReadOnlyMemory<byte> state, string? ifMatch, CancellationToken cancellationToken);
}
