using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.Tests.Contract;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Cosmos;

[Collection(CosmosServerCollection.Name)]
public sealed class CosmosConversationStoreTests(CosmosServerFixture server) : ConversationStoreContractTests, IDisposable
{
    // A container per test keeps tests independent on the one shared server.
    private readonly string _container = "c" + Guid.NewGuid().ToString("N");
    private readonly List<IDisposable> _owned = [];
    private CosmosConversationStore? _store;

    protected override IConversationStore CreateStore() => _store ??= NewStore();

    // A second store with its own CosmosClient over the same container: another process's view.
    protected override IConversationStore CreatePeerStore() => NewStore();

    private CosmosConversationStore NewStore(Action<CosmosStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var options = server.CreateOptions(_container, Limit);
        configure?.Invoke(options);
        var store = new CosmosConversationStore(Options.Create(options), time ?? TimeProvider.System);
        _owned.Add(store);
        return store;
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    [Fact]
    public async Task The_item_is_the_state_wrapped_with_its_id_and_ttl_in_a_container_partitioned_by_id()
    {
        var store = NewStore(o => o.TimeToLiveSeconds = 3600);
        await store.WriteAsync("emulator:abc|livechat", Json("""{"turn":1}"""), null, Ct);

        using var client = RawClient();
        var container = client.GetContainer("chatbot-tests", _container);
        var properties = (await container.ReadContainerAsync(cancellationToken: Ct)).Resource;
        Assert.Equal("/id", properties.PartitionKeyPath);
        Assert.Equal(-1, properties.DefaultTimeToLive);

        using var raw = await container.ReadItemStreamAsync("emulator:abc|livechat", new PartitionKey("emulator:abc|livechat"), cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var item = JsonNode.Parse(raw.Content)!;
        Assert.Equal("emulator:abc|livechat", item["id"]!.GetValue<string>());
        Assert.Equal(3600, item["ttl"]!.GetValue<int>());
        Assert.Equal(1, item["state"]!["turn"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task No_ttl_field_is_written_when_expiry_is_off(int ttl)
    {
        var store = NewStore(o => o.TimeToLiveSeconds = ttl);
        await store.WriteAsync("conv-1", Json("{}"), null, Ct);

        using var client = RawClient();
        using var raw = await client.GetContainer("chatbot-tests", _container).ReadItemStreamAsync("conv-1", new PartitionKey("conv-1"), cancellationToken: Ct);
        Assert.Null(JsonNode.Parse(raw.Content)!["ttl"]);
    }

    [Theory]
    [InlineData("""{"id":"conv-1","ttl":60}""")] // no state: written by something else
    [InlineData("""{"id":"conv-1","key":"msteams:someone-else","state":{"turn":5}}""")] // another conversation's
    [InlineData("""{"id":"conv-1","state":{"turn":1},"note":[1,{"deep":[null,true,"x"]}],"newerField":{"a":1}}""")] // readable: unknown fields are skipped
    public async Task An_item_that_is_not_a_conversation_document_is_reported_kept_aside_whole_and_the_conversation_can_start_over(string item)
    {
        var store = NewStore();
        await store.WriteAsync("warm-up", Json("{}"), null, Ct); // creates the container
        using var client = RawClient();
        var container = client.GetContainer("chatbot-tests", _container);
        using (var created = await container.CreateItemStreamAsync(new MemoryStream(Json(item)), new PartitionKey("conv-1"), cancellationToken: Ct))
        {
            Assert.True(created.IsSuccessStatusCode, created.StatusCode.ToString());
        }

        if (item.Contains("newerField", StringComparison.Ordinal))
        {
            Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span));
            return;
        }

        var damaged = await Assert.ThrowsAsync<DamagedDocumentException>(() => store.ReadAsync("conv-1", Ct));
        Assert.Contains("conv-1", damaged.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct));

        var kept = await NewStore().SetAsideAsync("conv-1", damaged.ETag, Ct);

        Assert.Null(await store.ReadAsync("conv-1", Ct));
        var keptId = kept.Split('\'')[1];
        Assert.StartsWith("damaged.", keptId, StringComparison.Ordinal);
        using var raw = await container.ReadItemStreamAsync(keptId, new PartitionKey(keptId), cancellationToken: Ct);
        var copy = JsonNode.Parse(raw.Content)!;
        Assert.Equal("conv-1", copy["damagedId"]!.GetValue<string>());
        Assert.Null(copy["ttl"]);
        var original = JsonNode.Parse(Convert.FromBase64String(copy["contentBase64"]!.GetValue<string>()))!;
        Assert.Equal(JsonNode.Parse(item)!["id"]!.GetValue<string>(), original["id"]!.GetValue<string>());
        Assert.Equal(JsonNode.Parse(item)!["key"]?.GetValue<string>(), original["key"]?.GetValue<string>());
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await NewStore().ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_turn_costs_one_point_read_and_one_conditional_write_on_the_wire()
    {
        var store = NewStore();
        await store.WriteAsync("warm-up", Json("{}"), null, Ct); // the first call also resolves account and container

        var before = await server.DocumentRequestsAsync(_container);
        var missing = await store.ReadAsync("conv-1", Ct);                                   // new conversation
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), missing?.ETag, Ct);
        var current = await store.ReadAsync("conv-1", Ct);                                   // next turn
        await store.WriteAsync("conv-1", Json("""{"turn":2}"""), current!.ETag, Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(                               // a lost race: no retry
            () => store.WriteAsync("conv-1", Json("""{"turn":3}"""), etag, Ct));
        var after = await server.DocumentRequestsAsync(_container);

        Assert.Equal(2, after.GetValueOrDefault("GET") - before.GetValueOrDefault("GET"));
        Assert.Equal(1, after.GetValueOrDefault("POST") - before.GetValueOrDefault("POST"));
        Assert.Equal(2, after.GetValueOrDefault("PUT") - before.GetValueOrDefault("PUT"));
    }

    [Fact]
    public async Task Throttling_beyond_the_sdk_retries_is_unavailable_and_nothing_is_written()
    {
        var store = NewStore(o =>
        {
            o.MaxRetryAttemptsOnRateLimitedRequests = 2;
            o.MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(1);
        });
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await server.InjectFaultAsync(_container, 429, count: 1000);
        try
        {
            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));
            Assert.Contains("429", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("conv-1", Ct));
        }
        finally
        {
            await server.ClearFaultsAsync();
        }

        var read = await store.ReadAsync("conv-1", Ct);
        Assert.Equal(etag, read!.ETag);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString(read.Content.Span));
    }

    [Fact]
    public async Task A_throttled_request_that_succeeds_within_the_sdk_retries_is_invisible_to_the_caller()
    {
        var store = NewStore(o => o.MaxRetryAttemptsOnRateLimitedRequests = 5);
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await server.InjectFaultAsync(_container, 429, count: 2);

        var read = await store.ReadAsync("conv-1", Ct);

        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString(read!.Content.Span));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(410)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_service_outage_is_unavailable_and_nothing_is_written(int status)
    {
        var store = NewStore();
        var etag = await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await server.InjectFaultAsync(_container, status, count: 1000);
        try
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("conv-1", Json("""{"turn":2}"""), etag, Ct));
        }
        finally
        {
            await server.ClearFaultsAsync();
        }

        Assert.Equal(etag, (await store.ReadAsync("conv-1", Ct))!.ETag);
    }

    // operations.md, "Database or container missing: 404": the turn is unavailable (503, the channel retries) and the log
    // says what to do; nothing is created behind the operator's back without CosmosDb:CreateIfMissing.
    [Fact]
    public async Task A_container_that_does_not_exist_is_unavailable_and_the_reason_says_what_to_do()
    {
        var store = NewStore(o => (o.Container, o.CreateIfMissing) = ("missing-" + Guid.NewGuid().ToString("N"), false));

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
        {
            var read = await store.ReadAsync("conv-1", Ct);
            await store.WriteAsync("conv-1", Json("""{"turn":1}"""), read?.ETag, Ct);
        });

        Assert.Contains("does not exist (404); create it (infra/bicep) or set CosmosDb:CreateIfMissing", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_that_outlives_its_budget_is_unavailable_not_a_hang()
    {
        var time = new FakeTimeProvider();
        var store = NewStore(o => o.OperationTimeout = TimeSpan.FromSeconds(5), time);
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        await server.InjectFaultAsync(_container, 0, count: 1000); // the server never answers
        try
        {
            var read = store.ReadAsync("conv-1", Ct);
            time.Advance(TimeSpan.FromSeconds(6));

            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => read);
            Assert.Contains("CosmosDb:OperationTimeout", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            await server.ClearFaultsAsync();
        }
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        var store = NewStore();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync("conv-1", cts.Token));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_unavailable()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connections are refused

        var store = NewStore(o =>
        {
            o.Endpoint = $"https://127.0.0.1:{port}/";
            o.OperationTimeout = TimeSpan.FromSeconds(20);
        });

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("conv-1", Ct));
    }

    [Fact]
    public async Task A_missing_container_without_create_if_missing_is_unavailable_with_what_to_do()
    {
        var store = NewStore(o =>
        {
            o.CreateIfMissing = false;
            o.Container = "missing" + Guid.NewGuid().ToString("N");
        });

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("conv-1", Json("{}"), null, Ct));
        Assert.Contains("CreateIfMissing", ex.Message, StringComparison.Ordinal);
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("conv-1", Ct));
        Assert.Contains("container does not exist", read.Message, StringComparison.Ordinal);
        var replace = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync("conv-1", Json("{}"), "\"etag\"", Ct));
        Assert.Contains("container does not exist", replace.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_that_disappears_is_created_again_by_the_next_operation_when_create_if_missing_is_set()
    {
        var store = NewStore();
        await store.WriteAsync("conv-1", Json("""{"turn":1}"""), null, Ct);
        using (var client = RawClient())
        {
            await client.GetContainer("chatbot-tests", _container).DeleteContainerAsync(cancellationToken: Ct); // e.g. the test server restarted empty
        }

        // The operation that finds it gone fails as unavailable (the channel retries); the next one creates it again.
        var gone = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("conv-1", Ct));
        Assert.Contains("created again on the next operation", gone.Message, StringComparison.Ordinal);
        Assert.Null(await store.ReadAsync("conv-1", Ct));
        await store.WriteAsync("conv-1", Json("""{"turn":2}"""), null, Ct);
        Assert.Contains("\"turn\":2", Encoding.UTF8.GetString((await store.ReadAsync("conv-1", Ct))!.Content.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_sharing_a_container_lose_no_update_under_contention()
    {
        // Two stores with separate CosmosClients stand for two serverless instances; each increment is one turn.
        const int documents = 3;
        const int incrementsPerDocument = 30;
        var first = new CountingStore(NewStore());
        var second = new CountingStore(NewStore());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new List<Task<int>>();
        for (var d = 0; d < documents; d++)
        {
            for (var i = 0; i < incrementsPerDocument; i++)
            {
                var store = i % 2 == 0 ? first : second;
                var id = $"conv-{d}";
                tasks.Add(Task.Run(async () =>
                {
                    await start.Task;
                    return await IncrementAsync(store, id, Ct);
                }, Ct));
            }
        }

        start.SetResult();
        var attempts = await Task.WhenAll(tasks);

        for (var d = 0; d < documents; d++)
        {
            var read = await first.ReadAsync($"conv-{d}", Ct);
            Assert.Equal(incrementsPerDocument, JsonNode.Parse(read!.Content.Span)!["count"]!.GetValue<int>());
        }

        var writes = first.Writes + second.Writes;
        var conflicts = first.Conflicts + second.Conflicts;
        Assert.Equal(documents * incrementsPerDocument, writes);
        Assert.Equal(attempts.Sum() - attempts.Length, conflicts);
    }

    [Fact]
    public void Invalid_options_fail_at_construction_naming_the_setting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => NewStore(o =>
        {
            o.Endpoint = "http://insecure";
            o.Container = "a/b";
        }));

        Assert.Contains("CosmosDb:Endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CosmosDb:Container", ex.Message, StringComparison.Ordinal);
    }

    private CosmosClient RawClient()
    {
        var options = server.CreateOptions(_container);
        return new CosmosClient(options.Endpoint, options.Key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = options.ServerCertificateValidation,
        });
    }

    /// <summary>Counts successful and conflicting writes of one store instance.</summary>
    private sealed class CountingStore(IConversationStore inner) : DelegatingConversationStore(inner)
    {
        private int _writes;
        private int _conflicts;

        public int Writes => Volatile.Read(ref _writes);

        public int Conflicts => Volatile.Read(ref _conflicts);

        public override async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
        {
            try
            {
                var etag = await Inner.WriteAsync(id, content, ifMatch, cancellationToken);
                Interlocked.Increment(ref _writes);
                return etag;
            }
            catch (ConcurrencyConflictException)
            {
                Interlocked.Increment(ref _conflicts);
                throw;
            }
        }
    }

    // The chaos test's store restart: a connection reset while the SDK's HTTP pool was connecting escaped as a bare
    // SocketException (ENOTCONN) and the turn answered 500 instead of a retryable 503.
    [Fact]
    public void A_connection_the_store_drops_is_a_store_that_cannot_be_reached_now()
    {
        Assert.True(CosmosConversationStore.IsTransient(new System.Net.Sockets.SocketException(107), CancellationToken.None));
        Assert.True(CosmosConversationStore.IsTransient(new HttpRequestException("reset"), CancellationToken.None));
        Assert.False(CosmosConversationStore.IsTransient(new InvalidOperationException("a bug of ours"), CancellationToken.None));
    }
}
