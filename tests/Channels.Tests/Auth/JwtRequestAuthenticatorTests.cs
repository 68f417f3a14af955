using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Microsoft.Extensions.Options;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.Auth;

public sealed class JwtRequestAuthenticatorTests : IAsyncLifetime
{
    private LocalIdentityServer _server = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CapturingLogger<JwtRequestAuthenticator> _logger = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    public async Task InitializeAsync() => _server = await LocalIdentityServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private JwtRequestAuthenticator Create(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TokenMinter.AppId,
            MicrosoftAppPassword = "unused",
            ToBotFromChannelOpenIdMetadataUrl = _server.ChannelMetadataUrl,
            ToBotFromEmulatorOpenIdMetadataUrl = _server.EmulatorMetadataUrl,
        };
        configure?.Invoke(options);
        return new JwtRequestAuthenticator(Options.Create(options), new PinnedHttpClientFactory(TestKeys.Certificate), _time, _logger);
    }

    private static Activity TeamsActivity(string channelId = "msteams", string? serviceUrl = TokenMinter.ServiceUrl) =>
        new() { Type = "message", ChannelId = channelId, ServiceUrl = serviceUrl, Id = "1" };

    private static Activity EmulatorActivity() =>
        new() { Type = "message", ChannelId = "emulator", ServiceUrl = "http://localhost:51234", Id = "1" };

    private string ChannelToken(Action<Dictionary<string, object?>>? change = null, TestKey? key = null, string alg = "RS256")
    {
        var claims = TokenMinter.ChannelClaims(Now);
        change?.Invoke(claims);
        return TokenMinter.Sign(claims, key ?? TestKeys.Channel1, alg);
    }

    private async Task<AuthenticationResult> Authenticate(string? header, Activity? activity = null, JwtRequestAuthenticator? authenticator = null) =>
        await (authenticator ?? Create()).AuthenticateAsync(header, activity ?? TeamsActivity(), CancellationToken.None);

    private const string RotationUnseen = "unknown signing key and the key set could not be refreshed";

    private static void AssertRejected(AuthenticationResult result, string reason)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.FailureReason);
        Assert.Null(result.CallerId);

        // Only keys that could not be fetched mean "not checked" (answered 503, the channel retries); every other reason
        // is a token checked and found wrong (401).
        Assert.Equal(reason is "signing keys unavailable" or RotationUnseen, result.CouldNotVerify);
    }

    // ---------- accepted ----------

    [Fact]
    public async Task Valid_channel_token_is_accepted_with_the_azure_caller_id()
    {
        var result = await Authenticate("Bearer " + ChannelToken());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(TokenMinter.AppId, result.AppId);
        Assert.Equal("urn:botframework:azure", result.CallerId);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Channel_tokens_signed_with_RS384_and_RS512_are_accepted(string alg)
    {
        var result = await Authenticate("Bearer " + ChannelToken(alg: alg));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Caller_id_comes_from_the_verified_token_not_from_the_wire()
    {
        var activity = TeamsActivity();
        activity.CallerId = "urn:botframework:aadappid:attacker";

        var result = await Authenticate("Bearer " + ChannelToken(), activity);

        Assert.Equal("urn:botframework:azure", result.CallerId);
    }

    [Fact]
    public async Task Bearer_scheme_is_case_insensitive()
    {
        var result = await Authenticate("bearer " + ChannelToken());

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task ServiceUrl_differing_only_by_a_trailing_slash_is_accepted()
    {
        var result = await Authenticate("Bearer " + ChannelToken(), TeamsActivity(serviceUrl: "https://smba.trafficmanager.net/amer"));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Token_expired_less_than_five_minutes_ago_is_accepted_as_clock_skew()
    {
        var token = ChannelToken(c => { c["nbf"] = Now.AddHours(-1).ToUnixTimeSeconds(); c["exp"] = Now.AddMinutes(-4).ToUnixTimeSeconds(); });

        Assert.True((await Authenticate("Bearer " + token)).Succeeded);
    }

    [Fact]
    public async Task Token_valid_from_less_than_five_minutes_ahead_is_accepted_as_clock_skew()
    {
        var token = ChannelToken(c => c["nbf"] = Now.AddMinutes(4).ToUnixTimeSeconds());

        Assert.True((await Authenticate("Bearer " + token)).Succeeded);
    }

    [Fact]
    public async Task Emulator_v1_token_is_accepted()
    {
        var token = TokenMinter.Sign(TokenMinter.EmulatorV1Claims(Now), TestKeys.Emulator);

        var result = await Authenticate("Bearer " + token, EmulatorActivity());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(TokenMinter.AppId, result.AppId);
        Assert.Null(result.CallerId);
    }

    [Fact]
    public async Task Emulator_v2_token_is_accepted()
    {
        var token = TokenMinter.Sign(TokenMinter.EmulatorV2Claims(Now), TestKeys.Emulator);

        var result = await Authenticate("Bearer " + token, EmulatorActivity());

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Emulator_token_from_the_bots_own_tenant_is_accepted_for_a_single_tenant_bot()
    {
        var claims = TokenMinter.EmulatorV2Claims(Now);
        claims["iss"] = "https://login.microsoftonline.com/my-tenant-id/v2.0";
        var authenticator = Create(o => { o.MicrosoftAppType = "SingleTenant"; o.MicrosoftAppTenantId = "my-tenant-id"; });

        var result = await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity(), authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task No_app_id_and_no_header_is_accepted_as_anonymous_local_mode()
    {
        var result = await Authenticate(null, EmulatorActivity(), Create(o => o.MicrosoftAppId = null));

        Assert.Same(AuthenticationResult.Anonymous, result);
    }

    [Fact]
    public async Task Government_cloud_uses_the_government_issuer_and_caller_id()
    {
        var authenticator = Create(o => o.ChannelService = "https://botframework.azure.us");

        var result = await Authenticate("Bearer " + ChannelToken(c => c["iss"] = "https://api.botframework.us"), authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("urn:botframework:azureusgov", result.CallerId);
    }

    // ---------- key caching and rotation ----------

    [Fact]
    public async Task Real_shaped_jwks_with_certificates_extra_members_and_junk_entries_is_read()
    {
        var jwk = TestKeys.Channel1.ToJwk("msteams");
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=login.botframework.com", TestKeys.Channel1.Rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(365));
        jwk["x5t"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(certificate.GetCertHash());
        jwk["x5c"] = new System.Text.Json.Nodes.JsonArray(Convert.ToBase64String(certificate.RawData));
        jwk["issuer"] = "https://api.botframework.com";
        jwk["somethingNew"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = true };
        _server.ChannelKeys =
        [
            JsonValue.Create("not a key"),
            JsonValue.Create(42),
            new System.Text.Json.Nodes.JsonObject { ["kty"] = "EC", ["crv"] = "P-256" },
            new System.Text.Json.Nodes.JsonObject { ["kty"] = "RSA", ["kid"] = "broken", ["endorsements"] = "msteams" },
            jwk,
        ];

        var result = await Authenticate("Bearer " + ChannelToken());

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Keys_are_fetched_once_for_many_requests()
    {
        var authenticator = Create();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);
        }

        Assert.Equal(1, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Concurrent_requests_on_a_cold_cache_fetch_the_keys_once()
    {
        var authenticator = Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(1, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Channel_and_emulator_keys_are_cached_separately()
    {
        var authenticator = Create();

        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        await Authenticate("Bearer " + TokenMinter.Sign(TokenMinter.EmulatorV2Claims(Now), TestKeys.Emulator), EmulatorActivity(), authenticator);
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        Assert.Equal(1, _server.ChannelKeyFetches);
        Assert.Equal(1, _server.EmulatorKeyFetches);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_rejection()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create().AuthenticateAsync("Bearer " + ChannelToken(), TeamsActivity(), cancelled.Token));
    }

    [Fact]
    public async Task Keys_are_refetched_after_a_day()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        _time.Advance(TimeSpan.FromHours(24));
        var result = await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Rotated_key_that_appears_after_refresh_is_accepted()
    {
        var authenticator = Create();
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);

        _server.ChannelKeys = [TestKeys.Channel1.ToJwk("msteams"), TestKeys.Channel2.ToJwk("msteams")];
        var result = await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Unknown_kid_is_rejected_after_exactly_one_refresh()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        var result = await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator);

        AssertRejected(result, "unknown signing key");
        Assert.Equal(2, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Unknown_kid_on_first_request_is_rejected_after_the_initial_fetch_only()
    {
        var result = await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2));

        AssertRejected(result, "unknown signing key");
        Assert.Equal(1, _server.ChannelKeyFetches);
    }

    [Fact]
    public async Task Refresh_on_unknown_kid_is_rate_limited_to_once_per_five_minutes()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        for (var i = 0; i < 10; i++)
        {
            AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), "unknown signing key");
        }

        Assert.Equal(2, _server.ChannelKeyFetches);

        _time.Advance(TimeSpan.FromMinutes(5));
        _server.ChannelKeys = [TestKeys.Channel2.ToJwk("msteams")];
        Assert.True((await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator)).Succeeded);
        Assert.Equal(3, _server.ChannelKeyFetches);
    }

    // The issuer rotated its keys and is down while we hold yesterday's set: the new kid is not a bad token but one we
    // cannot check yet (it was a 401, and a channel drops a message answered 4xx). Known kids keep verifying meanwhile.
    [Fact]
    public async Task A_rotated_key_while_the_issuer_is_down_is_unverifiable_and_accepted_once_the_issuer_is_back()
    {
        var authenticator = Create();
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.ServiceUnavailable;

        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), RotationUnseen);
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);

        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.OK;
        _server.ChannelKeys = [TestKeys.Channel1.ToJwk("msteams"), TestKeys.Channel2.ToJwk("msteams")];
        _time.Advance(TimeSpan.FromSeconds(10)); // the failed-fetch pause, not the five minutes between unknown-kid refreshes
        var redelivered = await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator);

        Assert.True(redelivered.Succeeded, redelivered.FailureReason);
    }

    // Junk kids during an outage must not turn into a fetch each: one per failed-fetch pause (10 s), as on a cold cache.
    [Fact]
    public async Task Unknown_kids_while_the_issuer_is_down_refetch_at_most_once_per_ten_seconds()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.InternalServerError;

        for (var i = 0; i < 10; i++)
        {
            AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), RotationUnseen);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2, _server.ChannelMetadataRequests); // the first fetch and one refetch; the next is due at 10 s

        _time.Advance(TimeSpan.FromSeconds(1));
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), RotationUnseen);
        Assert.Equal(3, _server.ChannelMetadataRequests);
    }

    // A kid still missing from a set fetched just now is a token the issuer did not sign: 401, even after an outage.
    [Fact]
    public async Task An_unknown_kid_after_the_issuer_is_back_is_a_bad_token_again()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.InternalServerError;
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), RotationUnseen);

        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.OK;
        _time.Advance(TimeSpan.FromSeconds(10));

        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), "unknown signing key");
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), "unknown signing key");
        Assert.Equal(3, _server.ChannelMetadataRequests); // the refetch that succeeded is the one of the next five minutes
    }

    [Fact]
    public async Task Unreachable_metadata_rejects_with_keys_unavailable()
    {
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.InternalServerError;

        AssertRejected(await Authenticate("Bearer " + ChannelToken()), "signing keys unavailable");
    }

    // An issuer behind a proxy or in maintenance can answer 200 with anything: a JSON array, a string, a page. Each is
    // an unavailable key set (401 with the reason), never an exception out of the request (it was: a 500 for every
    // activity); a key set whose entries are all unreadable holds no key the token could name.
    [Theory]
    [InlineData("metadata", "[]", "signing keys unavailable")]
    [InlineData("metadata", "\"down for maintenance\"", "signing keys unavailable")]
    [InlineData("metadata", "null", "signing keys unavailable")]
    [InlineData("metadata", "<html><body>502 Bad Gateway</body></html>", "signing keys unavailable")]
    [InlineData("metadata", "{\"jwks_uri\": 42}", "signing keys unavailable")]
    [InlineData("keys", "[]", "signing keys unavailable")]
    [InlineData("keys", "{\"keys\": {}}", "signing keys unavailable")]
    [InlineData("keys", "{\"keys\": [42, \"x\", null, [], {\"kid\": 7}]}", "unknown signing key")]
    public async Task An_issuer_answering_200_with_a_document_of_the_wrong_shape_rejects_with_a_reason(string document, string body, string reason)
    {
        if (document == "metadata") _server.ChannelMetadataBody = body;
        else _server.ChannelKeysBody = body;

        AssertRejected(await Authenticate("Bearer " + ChannelToken()), reason);
    }

    [Fact]
    public async Task Cached_keys_keep_working_when_the_issuer_starts_answering_garbage_and_an_unknown_kid_is_unverifiable()
    {
        var authenticator = Create();
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);
        _server.ChannelMetadataBody = "[]";

        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Channel2), authenticator: authenticator), RotationUnseen);
        _time.Advance(TimeSpan.FromHours(25));
        var asked = _server.ChannelMetadataRequests;
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded); // the day-old keys, after a failed daily refetch
        Assert.Equal(asked + 1, _server.ChannelMetadataRequests);
    }

    // A published key whose numbers are not a usable RSA key (a corrupted or truncated JWKS) fails the token that names it.
    [Theory]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"channel-key-1\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"endorsements\":[\"msteams\"]}")]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"channel-key-1\",\"n\":\"!!not base64!!\",\"e\":\"AQAB\",\"endorsements\":[\"msteams\"]}")]
    [InlineData("{\"kty\":\"EC\",\"kid\":\"channel-key-1\",\"crv\":\"P-256\",\"x\":\"AQAB\",\"y\":\"AQAB\",\"endorsements\":[\"msteams\"]}")]
    [InlineData("{\"kty\":\"RSA\",\"kid\":\"channel-key-1\",\"endorsements\":[\"msteams\"]}")]
    public async Task A_corrupted_published_key_rejects_the_token_with_a_reason(string jwk)
    {
        _server.ChannelKeysBody = "{\"keys\": [" + jwk + "]}";

        var result = await Authenticate("Bearer " + ChannelToken());

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.FailureReason));
    }

    [Fact]
    public async Task Failed_fetch_is_not_retried_on_every_request_but_is_retried_later()
    {
        var authenticator = Create();
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.InternalServerError;
        for (var i = 0; i < 5; i++)
        {
            AssertRejected(await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator), "signing keys unavailable");
        }

        Assert.Equal(1, _server.ChannelMetadataRequests);

        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.OK;
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task Previous_keys_keep_working_when_the_daily_refetch_fails()
    {
        var authenticator = Create();
        await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        _server.ChannelMetadataStatus = System.Net.HttpStatusCode.ServiceUnavailable;
        _time.Advance(TimeSpan.FromHours(25));

        var result = await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task A_hung_issuer_on_a_cold_cache_costs_one_fetch_timeout_and_the_requests_queued_behind_it_get_keys_unavailable()
    {
        var authenticator = Create();
        _server.HangChannelMetadata = true;
        var first = Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        await _server.ChannelMetadataHanging.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(0, 3).Select(_ => Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).ToArray();

        _time.Advance(TimeSpan.FromSeconds(15)); // the fetch's own time limit

        // Each queued request used to start its own fetch (the 10 s retry pause was counted from the start of a fetch
        // that had hung for 15 s), so the last channel request waited 4 x 15 s. The guard only catches that hang.
        foreach (var result in await Task.WhenAll([first, .. queued]).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            AssertRejected(result, "signing keys unavailable");
        }

        Assert.Equal(1, _server.ChannelMetadataRequests);
    }

    [Fact]
    public async Task While_the_daily_refetch_hangs_requests_go_on_with_the_previous_keys()
    {
        var authenticator = Create();
        Assert.True((await Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).Succeeded);
        _server.HangChannelMetadata = true;
        _time.Advance(TimeSpan.FromHours(25));

        var first = Authenticate("Bearer " + ChannelToken(), authenticator: authenticator);
        await _server.ChannelMetadataHanging.WaitAsync(TimeSpan.FromSeconds(30));
        var others = Enumerable.Range(0, 3).Select(_ => Authenticate("Bearer " + ChannelToken(), authenticator: authenticator)).ToArray();
        _time.Advance(TimeSpan.FromSeconds(2)); // how long a turn waits for fresh keys when it has day-old ones

        // Before, every turn waited for the hung fetch (15 s, longer than a channel waits for the bot's answer). The
        // 10 s guard is far below that and far above the milliseconds these take; the fake clock never reaches 15 s.
        foreach (var result in await Task.WhenAll([first, .. others]).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.True(result.Succeeded, result.FailureReason);
        }

        Assert.Equal(2, _server.ChannelMetadataRequests); // the first fetch and the one shared daily refetch
    }

    // ---------- rejected: lifetime ----------

    [Fact]
    public async Task Expired_token_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => { c["nbf"] = Now.AddHours(-2).ToUnixTimeSeconds(); c["exp"] = Now.AddHours(-1).ToUnixTimeSeconds(); })), "token expired");

    [Fact]
    public async Task Token_expired_just_beyond_the_five_minute_skew_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => { c["nbf"] = Now.AddHours(-1).ToUnixTimeSeconds(); c["exp"] = Now.AddMinutes(-5).AddSeconds(-1).ToUnixTimeSeconds(); })), "token expired");

    [Fact]
    public async Task Token_not_yet_valid_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["nbf"] = Now.AddMinutes(10).ToUnixTimeSeconds())), "token not yet valid");

    [Fact]
    public async Task Token_valid_from_just_beyond_the_skew_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["nbf"] = Now.AddMinutes(5).AddSeconds(2).ToUnixTimeSeconds())), "token not yet valid");

    [Fact]
    public async Task Token_without_exp_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c.Remove("exp"))), "token has no expiry");

    public static TheoryData<string, string, string?> OddLifetimes => new()
    {
        // claim, its JSON value, the reason (null: accepted)
        { "exp", "999999999999999", null }, // past the calendar's end: never expires, signed by the issuer
        { "nbf", "-999999999999999", null }, // before the calendar's start
        { "exp", "1.5", "token expired" },
        { "exp", "\"tomorrow\"", "malformed token" },
        { "exp", "{\"at\":1}", "malformed token" },
    };

    [Theory]
    [MemberData(nameof(OddLifetimes))]
    public async Task A_signed_token_with_an_odd_lifetime_gets_a_reason_not_an_exception(string claim, string json, string? reason)
    {
        // Only the issuer can sign these, but the check must still answer, never throw: an exp at the calendar's end
        // threw ArgumentOutOfRangeException when the skew was added to it, which the endpoint answered with a 500.
        var result = await Authenticate("Bearer " + ChannelToken(c => c[claim] = JsonNode.Parse(json)));

        Assert.Equal((reason is null, reason), (result.Succeeded, result.FailureReason));
    }

    // ---------- rejected: issuer, audience ----------

    [Fact]
    public async Task Wrong_issuer_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["iss"] = "https://evil.example.com")), "invalid issuer");

    [Fact]
    public async Task Issuer_with_an_extra_trailing_slash_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["iss"] = "https://api.botframework.com/")), "invalid issuer");

    [Fact]
    public async Task Public_cloud_issuer_is_rejected_by_a_government_bot() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), authenticator: Create(o => o.ChannelService = "https://botframework.azure.us")), "invalid issuer");

    [Fact]
    public async Task Missing_issuer_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c.Remove("iss"))), "invalid issuer");

    [Fact]
    public async Task Wrong_audience_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["aud"] = "some-other-bot")), "invalid audience");

    // RFC 7519 4.1.3: aud may be an array; the token is for this bot when the app id is one of its entries.
    [Fact]
    public async Task Audience_list_holding_the_app_id_is_accepted()
    {
        var result = await Authenticate("Bearer " + ChannelToken(c => c["aud"] = new[] { "https://api.botframework.com", TokenMinter.AppId }));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Audience_list_without_the_app_id_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c["aud"] = new[] { "a", "b" })), "invalid audience");

    [Fact]
    public async Task Missing_audience_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c.Remove("aud"))), "invalid audience");

    // ---------- rejected: algorithm and signature ----------

    [Fact]
    public async Task Alg_none_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + TokenMinter.Unsigned(TokenMinter.ChannelClaims(Now), TestKeys.Channel1.Kid)), "unsupported signing algorithm");

    [Fact]
    public async Task HS256_signed_with_the_public_key_as_secret_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + TokenMinter.Hs256WithPublicKey(TokenMinter.ChannelClaims(Now), TestKeys.Channel1)), "unsupported signing algorithm");

    [Fact]
    public async Task Signature_by_a_forged_key_with_a_known_kid_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Forger)), "invalid signature");

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var claims = TokenMinter.ChannelClaims(Now);
        claims["serviceurl"] = "https://evil.example.com/";
        var tampered = TokenMinter.WithPayload(ChannelToken(), claims);

        AssertRejected(await Authenticate("Bearer " + tampered, TeamsActivity(serviceUrl: "https://evil.example.com/")), "invalid signature");
    }

    [Fact]
    public async Task Stripped_signature_is_rejected()
    {
        var token = ChannelToken();

        AssertRejected(await Authenticate("Bearer " + token[..(token.LastIndexOf('.') + 1)]), "invalid signature");
    }

    [Fact]
    public async Task Token_without_kid_is_rejected()
    {
        var token = TokenMinter.Sign(TokenMinter.ChannelClaims(Now), TestKeys.Channel1, kid: "");

        AssertRejected(await Authenticate("Bearer " + token), "token has no key id");
    }

    [Fact]
    public async Task Channel_token_signed_by_an_emulator_key_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(key: TestKeys.Emulator)), "unknown signing key");

    // ---------- rejected: channel-specific claims ----------

    [Fact]
    public async Task Missing_serviceurl_claim_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(c => c.Remove("serviceurl"))), "token has no serviceurl claim");

    [Fact]
    public async Task Mismatched_serviceurl_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), TeamsActivity(serviceUrl: "https://evil.example.com/amer/")), "serviceurl claim does not match the activity's serviceUrl");

    [Fact]
    public async Task ServiceUrl_differing_in_case_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), TeamsActivity(serviceUrl: "https://SMBA.trafficmanager.net/amer/")), "serviceurl claim does not match the activity's serviceUrl");

    [Fact]
    public async Task Activity_without_serviceUrl_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), TeamsActivity(serviceUrl: null)), "activity has no serviceUrl");

    [Fact]
    public async Task Channel_not_endorsed_by_the_signing_key_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), TeamsActivity(channelId: "slack")), "signing key is not endorsed for this channel");

    // A header may name its key by the certificate thumbprint alone (RFC 7515 4.1.7). Before: 401 "token has no key id"
    // for a token signed by a published, endorsed key. The key it names keeps every rule, endorsements included; the kid
    // differs from the x5t here, so the key is found by its x5t, not by chance.
    [Fact]
    public async Task A_token_naming_its_key_only_by_x5t_is_accepted_and_held_to_that_keys_endorsements()
    {
        var jwk = TestKeys.Channel1.ToJwk("msteams");
        jwk["x5t"] = "thumbprint-of-channel-key-1";
        _server.ChannelKeys = [jwk];
        var token = TokenMinter.SignWithThumbprint(TokenMinter.ChannelClaims(Now), TestKeys.Channel1, "thumbprint-of-channel-key-1");
        var authenticator = Create();

        var result = await Authenticate("Bearer " + token, authenticator: authenticator);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("urn:botframework:azure", result.CallerId);
        AssertRejected(await Authenticate("Bearer " + token, TeamsActivity(channelId: "slack"), authenticator), "signing key is not endorsed for this channel");
    }

    [Fact]
    public async Task A_token_whose_x5t_names_no_published_key_or_is_signed_by_another_key_is_rejected()
    {
        var jwk = TestKeys.Channel1.ToJwk("msteams");
        jwk["x5t"] = "thumbprint-of-channel-key-1";
        _server.ChannelKeys = [jwk];
        var authenticator = Create();

        AssertRejected(
            await Authenticate("Bearer " + TokenMinter.SignWithThumbprint(TokenMinter.ChannelClaims(Now), TestKeys.Channel1, "some-other-thumbprint"), authenticator: authenticator),
            "unknown signing key");
        AssertRejected(
            await Authenticate("Bearer " + TokenMinter.SignWithThumbprint(TokenMinter.ChannelClaims(Now), TestKeys.Forger, "thumbprint-of-channel-key-1"), authenticator: authenticator),
            "invalid signature");
    }

    [Fact]
    public async Task Channel_key_without_endorsements_is_rejected()
    {
        _server.ChannelKeys = [TestKeys.Channel1.ToJwk(null)];

        AssertRejected(await Authenticate("Bearer " + ChannelToken()), "signing key is not endorsed for this channel");
    }

    [Fact]
    public async Task Activity_without_channelId_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + ChannelToken(), new Activity { Type = "message", ServiceUrl = TokenMinter.ServiceUrl }), "activity has no channelId");

    // ---------- rejected: header shape ----------

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "Authorization header is not a Bearer token")]
    [InlineData("Bearer", "Authorization header is not a Bearer token")]
    [InlineData("Bearer    ", "empty bearer token")]
    [InlineData("Bearer garbage", "malformed token")]
    [InlineData("Bearer aaa.bbb.ccc", "malformed token")]
    [InlineData("Bearer ....", "malformed token")]
    [InlineData("Bearer e30.e30.e30", "invalid issuer")]
    [InlineData("Bearer a.b.c.d.e", "malformed token")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "malformed token")]
    [InlineData("Token abc.def.ghi", "Authorization header is not a Bearer token")]
    public async Task Malformed_header_is_rejected(string header, string reason) =>
        AssertRejected(await Authenticate(header), reason);

    [Fact]
    public async Task Thousand_generated_hostile_headers_are_all_rejected_without_throwing()
    {
        var random = new Random(20261127);
        var authenticator = Create();
        var valid = ChannelToken();
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\0\u00e9\ud83d";

        for (var i = 0; i < 1000; i++)
        {
            string header = (i % 4) switch
            {
                // random junk after the scheme
                0 => "Bearer " + new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()),
                // one character of a valid token flipped
                1 => "Bearer " + Flip(valid, random),
                // a valid token cut short
                2 => "Bearer " + valid[..random.Next(0, valid.Length)],
                // base64url segments of random JSON-ish bytes
                _ => "Bearer " + string.Join('.', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomBytes(random)))),
            };

            var result = await authenticator.AuthenticateAsync(header, TeamsActivity(), CancellationToken.None);

            Assert.False(result.Succeeded, $"case {i} was accepted: {header}");
            Assert.False(string.IsNullOrEmpty(result.FailureReason));
        }
    }

    private static string Flip(string token, Random random)
    {
        var chars = token.ToCharArray();
        // Never the last character: its low bits are base64url padding, so flipping them may not change the signature.
        var at = random.Next(chars.Length - 1);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return random.Next(3) == 0 ? System.Text.Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"channel-key-1\",\"iss\":\"https://api.botframework.com\"}") : bytes;
    }

    [Fact]
    public async Task Oversized_token_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + new string('a', 20_000)), "token too large");

    [Fact]
    public async Task Missing_header_is_rejected_when_an_app_id_is_configured() =>
        AssertRejected(await Authenticate(null), "missing Authorization header");

    [Fact]
    public async Task Present_token_is_rejected_when_no_app_id_is_configured()
    {
        var result = await Authenticate("Bearer " + ChannelToken(), authenticator: Create(o => o.MicrosoftAppId = null));

        AssertRejected(result, "a token was sent but no MicrosoftAppId is configured, so no audience can match");
        Assert.Equal(0, _server.ChannelKeyFetches);
    }

    // ---------- rejected: emulator ----------

    [Fact]
    public async Task Emulator_v1_token_with_wrong_appid_is_rejected()
    {
        var claims = TokenMinter.EmulatorV1Claims(Now);
        claims["appid"] = "another-app";

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "appid claim does not match the bot's app id");
    }

    [Fact]
    public async Task Emulator_v1_token_carrying_azp_instead_of_appid_is_rejected()
    {
        var claims = TokenMinter.EmulatorV1Claims(Now);
        claims.Remove("appid");
        claims["azp"] = TokenMinter.AppId;

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "appid claim does not match the bot's app id");
    }

    [Fact]
    public async Task Emulator_v2_token_with_wrong_azp_is_rejected()
    {
        var claims = TokenMinter.EmulatorV2Claims(Now);
        claims["azp"] = "another-app";

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "azp claim does not match the bot's app id");
    }

    [Fact]
    public async Task Emulator_token_with_unknown_version_is_rejected()
    {
        var claims = TokenMinter.EmulatorV2Claims(Now);
        claims["ver"] = "3.0";

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "unsupported token version");
    }

    [Fact]
    public async Task Emulator_token_with_wrong_audience_is_rejected()
    {
        var claims = TokenMinter.EmulatorV2Claims(Now);
        claims["aud"] = "https://graph.microsoft.com";

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "invalid audience");
    }

    [Fact]
    public async Task Emulator_issuer_signed_by_a_channel_key_is_rejected() =>
        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(TokenMinter.EmulatorV2Claims(Now), TestKeys.Channel1), EmulatorActivity()), "unknown signing key");

    [Fact]
    public async Task Foreign_tenant_emulator_token_is_rejected_by_a_multi_tenant_bot()
    {
        var claims = TokenMinter.EmulatorV2Claims(Now);
        claims["iss"] = "https://login.microsoftonline.com/my-tenant-id/v2.0";

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "invalid issuer");
    }

    [Fact]
    public async Task Expired_emulator_token_is_rejected()
    {
        var claims = TokenMinter.EmulatorV1Claims(Now);
        claims["nbf"] = Now.AddHours(-2).ToUnixTimeSeconds();
        claims["exp"] = Now.AddHours(-1).ToUnixTimeSeconds();

        AssertRejected(await Authenticate("Bearer " + TokenMinter.Sign(claims, TestKeys.Emulator), EmulatorActivity()), "token expired");
    }

    // ---------- secret hygiene ----------

    [Fact]
    public async Task Rejected_token_is_logged_with_its_reason_but_never_its_text()
    {
        var token = ChannelToken(c => c["aud"] = "some-other-bot");
        var parts = token.Split('.');

        var result = await Authenticate("Bearer " + token);

        Assert.False(result.Succeeded);
        var log = _logger.AllText;
        Assert.Contains("invalid audience", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        foreach (var part in parts)
        {
            Assert.DoesNotContain(part, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_channel_id_is_logged_shortened_and_without_line_breaks()
    {
        var activity = TeamsActivity(channelId: "evil\nFAKE LOG LINE" + new string('x', 500));

        await Authenticate("Bearer " + ChannelToken(), activity);

        var line = Assert.Single(_logger.Lines, l => l.Contains("Rejected", StringComparison.Ordinal));
        Assert.DoesNotContain("\n", line.Split(" | ")[0], StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_token_is_not_logged_either()
    {
        const string Junk = "Bearer secretlooking.junkvalue.xyz123";

        await Authenticate(Junk);

        Assert.Contains("malformed token", _logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secretlooking", _logger.AllText, StringComparison.Ordinal);
    }
}
