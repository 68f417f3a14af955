using System.Net;
using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Cosmos;

/// <summary>
/// Conversation state in Cosmos DB: one item per conversation, partition key = id, point read + conditional
/// create/replace through the stream APIs, so a turn costs one read and at most one write and the state round-trips as bytes.
/// Register as a singleton: it owns the process's one CosmosClient, created on first use.
/// </summary>
internal sealed class CosmosConversationStore : IConversationStore, IDisposable
{
    private readonly CosmosStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lazy<CosmosClient> _client;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly int? _ttl;
    private volatile Container? _container;

    /// <summary>Creates the store; no network traffic happens until the first operation.</summary>
    public CosmosConversationStore(IOptions<CosmosStoreOptions> options, TimeProvider timeProvider, ILogger<CosmosConversationStore>? logger = null)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var errors = new CosmosStoreOptionsValidator().Validate(null, _options);
        if (errors.Failed)
        {
            throw new OptionsValidationException(CosmosStoreOptions.SectionName, typeof(CosmosStoreOptions), errors.Failures);
        }

        // Cosmos rejects ttl 0 on an item; -1 / 0 mean "no per-document expiry", so the field is left out.
        _ttl = _options.TimeToLiveSeconds > 0 ? _options.TimeToLiveSeconds : null;
        _client = new Lazy<CosmosClient>(CreateClient, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var id = DocumentIds.ToDocumentId(key);
        using var scope = new OperationScope(_options.OperationTimeout, _timeProvider, cancellationToken);
        var token = scope.Token;
        try
        {
            var container = await GetContainerAsync(token).ConfigureAwait(false);
            using var response = await container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && !IsOwnerMissing(response))
            {
                return null;
            }

            ThrowOnFailure(response, id, "read");
            // The SDK hands the body over already buffered (a MemoryStream); read it in place instead of copying it again.
            ArraySegment<byte> body;
            if (response.Content is not MemoryStream { Position: 0 } buffered || !buffered.TryGetBuffer(out body))
            {
                var copy = new MemoryStream();
                await response.Content.CopyToAsync(copy, token).ConfigureAwait(false);
                body = new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
            }

            try
            {
                // A shortened id (long keys) could in principle be shared: the stored key must be this conversation's.
                var (storedId, storedKey, state) = DocumentEnvelope.Unwrap(body.AsSpan());
                DocumentEnvelope.EnsureBelongsTo(key, storedId ?? id, storedKey);
                return new StoredDocument(key, state, response.Headers.ETag);
            }
            catch (InvalidDataException ex)
            {
                CosmosStoreLog.Damaged(_logger, id, ex.Message);
                throw new DamagedDocumentException(key, response.Headers.ETag, $"The Cosmos DB item '{id}' is not a conversation document: {ex.Message}.", ex);
            }
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            throw Unavailable(id, "read", ex, scope);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The item is copied whole (its bytes in base64, since they need not be JSON) into a new item
    /// <c>damaged.&lt;UTC time&gt;.&lt;hash of the id&gt;</c> with <c>damagedId</c> and <c>key</c> naming the conversation and no
    /// <c>ttl</c>, then deleted with If-Match. A delete that loses a race leaves the copy behind, which is harmless.
    /// </remarks>
    public async Task<string> SetAsideAsync(string key, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var id = DocumentIds.ToDocumentId(key);
        using var scope = new OperationScope(_options.OperationTimeout, _timeProvider, cancellationToken);
        var token = scope.Token;
        try
        {
            var container = await GetContainerAsync(token).ConfigureAwait(false);
            byte[] damaged;
            using (var response = await container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: token).ConfigureAwait(false))
            {
                if ((response.StatusCode == HttpStatusCode.NotFound && !IsOwnerMissing(response))
                    || (response.IsSuccessStatusCode && !string.Equals(response.Headers.ETag, ifMatch, StringComparison.Ordinal)))
                {
                    CosmosStoreLog.Conflict(_logger, id, (int)response.StatusCode);
                    throw new ConcurrencyConflictException(key);
                }

                ThrowOnFailure(response, id, "read");
                using var copy = new MemoryStream();
                await response.Content.CopyToAsync(copy, token).ConfigureAwait(false);
                damaged = copy.ToArray();
            }

            var now = _timeProvider.GetUtcNow().UtcDateTime;
            var keptId = $"damaged.{now:yyyyMMdd'T'HHmmssfff'Z'}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)).AsSpan(0, 8))}";
            var kept = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["id"] = keptId,
                ["damagedId"] = id,
                ["key"] = key,
                ["setAsideAt"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["contentBase64"] = Convert.ToBase64String(damaged),
            });
            using (var body = new MemoryStream(kept, writable: false))
            using (var created = await container.CreateItemStreamAsync(body, new PartitionKey(keptId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, token).ConfigureAwait(false))
            {
                ThrowOnFailure(created, keptId, "write");
            }

            using (var deleted = await container.DeleteItemStreamAsync(id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = ifMatch }, token).ConfigureAwait(false))
            {
                if (deleted.StatusCode is HttpStatusCode.PreconditionFailed || (deleted.StatusCode == HttpStatusCode.NotFound && !IsOwnerMissing(deleted)))
                {
                    CosmosStoreLog.Conflict(_logger, id, (int)deleted.StatusCode);
                    throw new ConcurrencyConflictException(key);
                }

                ThrowOnFailure(deleted, id, "delete");
            }

            CosmosStoreLog.SetAside(_logger, id, keptId);
            return $"Cosmos DB item '{keptId}'";
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            throw Unavailable(id, "set-aside", ex, scope);
        }
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var id = DocumentIds.ToDocumentId(key);
        StorageLimits.EnsureFits(id, content, _options.MaxDocumentBytes);
        var document = DocumentEnvelope.Wrap(id, content.Span, _ttl, key);
        using var scope = new OperationScope(_options.OperationTimeout, _timeProvider, cancellationToken);
        var token = scope.Token;
        try
        {
            var container = await GetContainerAsync(token).ConfigureAwait(false);
            // Only the ETag is needed back: skipping the echoed body saves bandwidth on every turn.
            var requestOptions = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
            using var body = new MemoryStream(document, writable: false);
            using var response = ifMatch is null
                ? await container.CreateItemStreamAsync(body, new PartitionKey(id), requestOptions, token).ConfigureAwait(false)
                : await container.ReplaceItemStreamAsync(body, id, new PartitionKey(id), requestOptions, token).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.PreconditionFailed:
                case HttpStatusCode.Conflict:
                case HttpStatusCode.NotFound when ifMatch is not null && !IsOwnerMissing(response): // deleted since it was read
                    CosmosStoreLog.Conflict(_logger, id, (int)response.StatusCode);
                    throw new ConcurrencyConflictException(id);
                case HttpStatusCode.RequestEntityTooLarge:
                    throw new DocumentTooLargeException(id, document.Length, StorageLimits.CosmosMaxItemBytes);
            }

            ThrowOnFailure(response, id, "write");
            return response.Headers.ETag;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            // A write that timed out may still have been applied by the service later. No update is lost (a later
            // conditional write against the old ETag gets 412), but a redelivery of the same activity can find this
            // write in the state without a writer that will act on it: the caller must handle that (Bot's state
            // wrapper does, by the delivery lease; docs/exactly-once.md, D1).
            throw Unavailable(id, "write", ex, scope);
        }
    }

    /// <summary>False: a note would cost a request like a replace (Cosmos has no cheaper side write here), so callers replace the document.</summary>
    public bool KeepsNotes => false;

    public Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Cosmos DB store keeps no notes (KeepsNotes is false): replace the document instead.");

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // A shortened id is the SHA-256 of the key: deleting by it never reaches another conversation's document.
        var id = DocumentIds.ToDocumentId(key);
        using var scope = new OperationScope(_options.OperationTimeout, _timeProvider, cancellationToken);
        var token = scope.Token;
        try
        {
            var container = await GetContainerAsync(token).ConfigureAwait(false);
            using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(id), cancellationToken: token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NotFound || IsOwnerMissing(response))
            {
                ThrowOnFailure(response, id, "delete");
            }
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            throw Unavailable(id, "delete", ex, scope);
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        _initGate.Dispose();
    }

    /// <summary>A short, secret-free description for the startup log.</summary>
    internal static string Describe(CosmosStoreOptions options)
    {
        var auth = options.Key is not null ? "account key"
            : options.ManagedIdentityClientId is not null ? $"managed identity {options.ManagedIdentityClientId}"
            : "Entra ID (DefaultAzureCredential)";
        var ttl = options.TimeToLiveSeconds > 0 ? $"ttl {options.TimeToLiveSeconds} s" : "no per-document ttl";
        return $"Cosmos DB {options.Endpoint} database '{options.Database}' container '{options.Container}' ({options.ConnectionMode} mode, {auth}, {ttl})";
    }

    private CosmosClient CreateClient()
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "chatbot",
            ConnectionMode = _options.ConnectionMode,
            LimitToEndpoint = _options.LimitToEndpoint,
            RequestTimeout = _options.RequestTimeout,
            MaxRetryAttemptsOnRateLimitedRequests = _options.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = _options.MaxRetryWaitTimeOnRateLimitedRequests,
            EnableContentResponseOnWrite = false,
            // Off the hot path: the SDK's own operation spans duplicate the store span our telemetry wrapper already
            // records, and nothing is sent to the service. Said explicitly, since SDK defaults have changed across versions.
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions
            {
                DisableDistributedTracing = true,
                DisableSendingMetricsToService = true,
            },
        };
        if (_options.ServerCertificateValidation is { } validate)
        {
            clientOptions.ServerCertificateCustomValidationCallback = validate;
        }

        if (_options.HttpClientFactory is { } factory)
        {
            clientOptions.HttpClientFactory = factory;
        }

        if (_options.Key is { } key)
        {
            return new CosmosClient(_options.Endpoint, key, clientOptions);
        }

        TokenCredential credential = _options.ManagedIdentityClientId is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new CosmosClient(_options.Endpoint, credential, clientOptions);
    }

    private async ValueTask<Container> GetContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is { } ready)
        {
            return ready;
        }

        var client = _client.Value;
        if (!_options.CreateIfMissing)
        {
            // No I/O: the first point operation resolves the account and container.
            return _container = client.GetContainer(_options.Database, _options.Container);
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_container is { } created)
            {
                return created;
            }

            var database = (await client.CreateDatabaseIfNotExistsAsync(_options.Database, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Database;
            // Default TTL -1: nothing expires by default, but the per-document ttl is honoured.
            var properties = new ContainerProperties(_options.Container, "/id") { DefaultTimeToLive = -1 };
            var container = (await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Container;
            CosmosStoreLog.ContainerReady(_logger, _options.Database, _options.Container);
            return _container = container;
        }
        finally
        {
            _initGate.Release();
        }
    }

    // 404 with substatus 1003 means the database or container is missing, not the document.
    private static bool IsOwnerMissing(ResponseMessage response) => response.Headers["x-ms-substatus"] == "1003";

    // The SDK's error message carries the whole diagnostics JSON; the first line says what happened.
    private static string Brief(string? message)
    {
        var line = (message ?? string.Empty).Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private void ThrowOnFailure(ResponseMessage response, string id, string operation)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.StatusCode == HttpStatusCode.NotFound && _options.CreateIfMissing)
        {
            // The database or container was deleted after it was created here: the next operation creates it again.
            _container = null;
        }

        var status = (int)response.StatusCode;
        var reason = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "throttled (429) beyond the configured retries; raise the throughput or CosmosDb:MaxRetryAttemptsOnRateLimitedRequests",
            HttpStatusCode.Unauthorized => "the credentials were rejected (401); check CosmosDb:Key or the identity",
            HttpStatusCode.Forbidden => "access denied (403); grant the identity the Cosmos DB Built-in Data Contributor role or check the firewall",
            HttpStatusCode.NotFound when _options.CreateIfMissing => "the database or container does not exist (404); it is created again on the next operation (CosmosDb:CreateIfMissing)",
            HttpStatusCode.NotFound => "the database or container does not exist (404); create it (infra/bicep) or set CosmosDb:CreateIfMissing",
            HttpStatusCode.BadRequest => $"the request was rejected (400): {Brief(response.ErrorMessage)}",
            _ => $"status {status}: {Brief(response.ErrorMessage)}",
        };
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException($"Cosmos DB {operation} of '{id}' failed: {reason}");
        }

        // Throttling, outages, timeouts, auth and missing containers: the turn fails as a whole and the channel retries later.
        throw new CosmosUnavailableResponse(status, $"Cosmos DB {operation} of '{id}' failed: {reason}");
    }

    // A bare SocketException can escape the SDK unwrapped: a connection reset while HttpClient's pool was still
    // connecting (ENOTCONN from Socket.RemoteEndPoint, seen in the chaos test's store restart) answered 500.
    internal static bool IsTransient(Exception ex, CancellationToken callerToken) => ex switch
    {
        System.Net.Sockets.SocketException => true,
        CosmosUnavailableResponse => true,
        OperationCanceledException => !callerToken.IsCancellationRequested, // our timeout, not the caller's cancellation
        CosmosException => true,
        HttpRequestException or TimeoutException or IOException => true,
        Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException => true,
        _ => false,
    };

    private StoreUnavailableException Unavailable(string id, string operation, Exception ex, OperationScope scope)
    {
        var message = ex switch
        {
            CosmosUnavailableResponse response => response.Message,
            OperationCanceledException when scope.TimedOut =>
                $"Cosmos DB {operation} of '{id}' did not finish within {_options.OperationTimeout.TotalSeconds:0.#} s (CosmosDb:OperationTimeout).",
            CosmosException cosmos => $"Cosmos DB {operation} of '{id}' failed with status {(int)cosmos.StatusCode}: {Brief(cosmos.Message)}",
            _ => $"Cosmos DB {operation} of '{id}' failed: {Brief(ex.Message)}",
        };
        CosmosStoreLog.Unavailable(_logger, operation, id, ex);
        return new StoreUnavailableException(message, ex);
    }

    /// <summary>Carries a failed status out of the response handling into the single mapping to <see cref="StoreUnavailableException"/>.</summary>
    private sealed class CosmosUnavailableResponse(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }

    /// <summary>The operation's own timeout linked with the caller's token; tells the two apart.</summary>
    private sealed class OperationScope : IDisposable
    {
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenSource _linked;

        public OperationScope(TimeSpan budget, TimeProvider timeProvider, CancellationToken callerToken)
        {
            _timeout = new CancellationTokenSource(budget, timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
        }

        public CancellationToken Token => _linked.Token;

        public bool TimedOut => _timeout.IsCancellationRequested;

        public void Dispose()
        {
            _linked.Dispose();
            _timeout.Dispose();
        }
    }
}
