using System.Net;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Channels.Tests.Auth;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// BotServer in production mode (an app id; channel tokens checked against the local token issuer's keys, the bot's
/// own token from its token endpoint): the shapes of the <c>Authorization</c> header a channel, a proxy or an attacker
/// may send. Each wrong one is a 401 with a short reason and a <c>WWW-Authenticate</c> challenge, never a 5xx, and runs
/// no turn: nothing stored, nothing sent.
/// </summary>
public sealed class ChannelTokenEdgeTests : ChannelServerTest
{
    private LocalIdentityServer _identity = null!;

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("MicrosoftAppType", "MultiTenant")
            .WithSetting("MicrosoftAppId", LocalIdentityServer.ClientId)
            .WithSetting("MicrosoftAppPassword", LocalIdentityServer.ClientSecret)
            .WithSetting("ToBotFromChannelOpenIdMetadataUrl", _identity.ChannelMetadataUrl)
            .WithSetting("ToBotFromEmulatorOpenIdMetadataUrl", _identity.EmulatorMetadataUrl)
            .WithSetting("ToChannelFromBotLoginUrl", _identity.LoginUrl)
            .WithSetting("Connector:AllowedServiceUrlHosts:0", "127.0.0.1")
            // The issuer's certificate is a test one: trust exactly it, as a deployed app trusts the public ones.
            .WithServices(s => s.AddHttpClient("Chatbot.Auth").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == TestKeys.Certificate.Thumbprint,
            }));

    public override async Task InitializeAsync()
    {
        _identity = await LocalIdentityServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private string Token() => TokenMinter.Sign(
        new(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow)) { ["aud"] = LocalIdentityServer.ClientId, ["serviceurl"] = Channel.ServiceUrl },
        TestKeys.Channel1);

    private async Task<HttpResponseMessage> PostAsync(params string[] authorization)
    {
        var activity = Chat.Message("m-1", "help");
        activity.ChannelId = "webchat"; // endorsed by the issuer's channel key
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new ByteArrayContent(ActivitySerializer.SerializeToUtf8Bytes(activity)) { Headers = { { "Content-Type", "application/json" } } },
        };
        foreach (var value in authorization) request.Headers.TryAddWithoutValidation("Authorization", value);
        return await Client.SendAsync(request);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("bearer ")]
    [InlineData("BEARER   ")]
    public async Task A_valid_channel_token_is_accepted_whatever_the_case_of_the_scheme_and_the_reply_carries_the_bots_token(string scheme)
    {
        using var response = await PostAsync(scheme + Token());

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await Channel.WaitForRequestsAsync(1);
        var reply = Assert.Single(Channel.Requests);
        Assert.StartsWith("Bearer access-token-", reply.Authorization, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RejectedHeaders => new()
    {
        { "none", "missing Authorization header" },
        { "doubled", "malformed token" },
        { "basic", "Authorization header is not a Bearer token" },
        { "scheme only", "Authorization header is not a Bearer token" },
        { "20 KB", "token too large" },
        { "alg none", "unsupported signing algorithm" },
        { "another bot's token", "invalid audience" },
        { "another channel's serviceUrl", "serviceurl claim does not match the activity's serviceUrl" },
        { "HS256 with the public key as secret", "unsupported signing algorithm" },
        { "no kid", "token has no key id" },
        { "unknown kid", "unknown signing key" },
        { "nbf beyond the clock skew", "token not yet valid" },
        { "aud list without the app id", "invalid audience" },
        { "no serviceurl claim", "token has no serviceurl claim" },
    };

    [Theory]
    [MemberData(nameof(RejectedHeaders))]
    public async Task A_wrong_authorization_header_gets_401_with_a_short_reason_and_runs_no_turn(string kind, string reason)
    {
        var token = Token();
        var claims = new Dictionary<string, object?>(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow)) { ["aud"] = LocalIdentityServer.ClientId, ["serviceurl"] = Channel.ServiceUrl };
        string[] headers = kind switch
        {
            "none" => [],
            "doubled" => ["Bearer " + token, "Bearer " + token],
            "basic" => ["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:password"))],
            "scheme only" => ["Bearer"],
            "20 KB" => ["Bearer " + token + new string('A', 20 * 1024)],
            "alg none" => ["Bearer " + TokenMinter.Unsigned(claims, TestKeys.Channel1.Kid)],
            "another bot's token" => ["Bearer " + TokenMinter.Sign(new(claims) { ["aud"] = "another-bot" }, TestKeys.Channel1)],
            "another channel's serviceUrl" => ["Bearer " + TokenMinter.Sign(new(claims) { ["serviceurl"] = "https://smba.trafficmanager.net/amer/" }, TestKeys.Channel1)],
            "HS256 with the public key as secret" => ["Bearer " + TokenMinter.Hs256WithPublicKey(claims, TestKeys.Channel1)],
            "no kid" => ["Bearer " + TokenMinter.Sign(claims, TestKeys.Channel1, kid: "")],
            "unknown kid" => ["Bearer " + TokenMinter.Sign(claims, TestKeys.Channel2)],
            "nbf beyond the clock skew" => ["Bearer " + TokenMinter.Sign(new(claims) { ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds() }, TestKeys.Channel1)],
            "aud list without the app id" => ["Bearer " + TokenMinter.Sign(new(claims) { ["aud"] = new[] { "https://api.botframework.com", "another-bot" } }, TestKeys.Channel1)],
            "no serviceurl claim" => ["Bearer " + TokenMinter.Sign(claims.Where(c => c.Key != "serviceurl").ToDictionary(), TestKeys.Channel1)],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await PostAsync(headers);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories));
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task The_emulator_of_a_deployed_bot_may_chat_but_not_send_an_agent_hubs_handoff_status()
    {
        // Local mode lets the Emulator play the agent hub; a deployed bot does not (red6, S24-5): an Emulator token
        // is had by whoever holds the app's password, and the Emulator is a user's tool, not a hub.
        var token = "Bearer " + TokenMinter.Sign(
            new(TokenMinter.EmulatorV2Claims(DateTimeOffset.UtcNow)) { ["aud"] = LocalIdentityServer.ClientId, ["azp"] = LocalIdentityServer.ClientId },
            TestKeys.Emulator);
        var emulator = new ChannelConversation("emulator", "3f2a9c1e-emulator|livechat", Channel.ServiceUrl);
        async Task<HttpResponseMessage> Post(Chatbot.Channels.Activities.Activity activity)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new ByteArrayContent(ActivitySerializer.SerializeToUtf8Bytes(activity)) { Headers = { { "Content-Type", "application/json" } } },
            };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            return await Client.SendAsync(request);
        }

        using (var chat = await Post(emulator.Message("m-1", "I want to talk to a human")))
        {
            Assert.True(chat.StatusCode == HttpStatusCode.OK, $"{(int)chat.StatusCode} {await chat.Content.ReadAsStringAsync()}");
        }

        await Channel.WaitForRequestsAsync(1);
        Channel.Clear();
        var stored = Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var status = emulator.Message("h-1", "");
        (status.Type, status.Text, status.Name, status.Value) = ("event", null, "handoff.status", System.Text.Json.JsonSerializer.SerializeToElement(new { state = "accepted" }));

        using var refused = await Post(status);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Only the agent hub may send 'handoff.status', and channel 'emulator' is not one (Handoff:HubChannelIds).", await refused.Content.ReadAsStringAsync());
        Assert.Equal(stored, Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText).ToList());
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task A_token_whose_audience_is_a_list_holding_the_app_id_is_accepted()
    {
        // RFC 7519 4.1.3: aud may be an array of audiences; the token is for this bot when its app id is one of them.
        var claims = new Dictionary<string, object?>(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow))
        {
            ["aud"] = new[] { "https://api.botframework.com", LocalIdentityServer.ClientId }, ["serviceurl"] = Channel.ServiceUrl,
        };

        using var response = await PostAsync("Bearer " + TokenMinter.Sign(claims, TestKeys.Channel1));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_flood_of_tokens_with_unknown_kids_costs_the_issuer_one_refetch_not_one_per_request()
    {
        // An unknown kid may be a key the issuer rotated to: the key set is fetched again once, and then not for five
        // minutes, whatever kids the next requests name; otherwise anyone could make the bot hammer the issuer.
        using (var warm = await PostAsync("Bearer " + Token()))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var fetches = _identity.ChannelKeyFetches;
        var claims = new Dictionary<string, object?>(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow)) { ["aud"] = LocalIdentityServer.ClientId, ["serviceurl"] = Channel.ServiceUrl };
        for (var i = 0; i < 30; i++)
        {
            using var response = await PostAsync("Bearer " + TokenMinter.Sign(claims, TestKeys.Channel2, kid: "rotated-" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unknown signing key", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(fetches + 1, _identity.ChannelKeyFetches);
        Assert.Empty(Channel.Requests.Skip(1));
    }

    [Fact]
    public async Task A_signed_token_whose_expiry_is_past_the_calendars_end_is_answered_not_a_500()
    {
        // Adding the clock skew to an exp read as DateTime.MaxValue threw out of the authenticator: 500.
        var claims = new Dictionary<string, object?>(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow))
        {
            ["aud"] = LocalIdentityServer.ClientId, ["serviceurl"] = Channel.ServiceUrl, ["exp"] = 999_999_999_999_999L,
        };

        using var response = await PostAsync("Bearer " + TokenMinter.Sign(claims, TestKeys.Channel1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // An issuer that fails, or answers 200 with a proxy's or a maintenance page's JSON (which threw out of the key cache:
    // 500), on a cold cache: the token could not be checked. That is our dependency failing, not a bad token: 503 with
    // Retry-After, so the channel posts the message again (it was a 401, and channels drop a message answered 4xx).
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.OK, "[]")]
    public async Task An_issuer_that_does_not_answer_or_answers_garbage_on_a_cold_cache_gives_503_with_retry_after_and_runs_no_turn(HttpStatusCode status, string? body)
    {
        _identity.ChannelMetadataStatus = status;
        _identity.ChannelMetadataBody = body;

        using var response = await PostAsync("Bearer " + Token());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("The token could not be checked (signing keys unavailable); retry.", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task Cached_keys_keep_working_while_the_issuer_answers_garbage_and_an_unknown_kid_gets_503_with_retry_after()
    {
        using (var warm = await PostAsync("Bearer " + Token()))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // The refetch an unknown kid triggers finds a broken issuer (it threw out of the key cache: 500). The kid may be
        // the issuer's rotated-to key: it could not be checked, so the channel is told to retry (a 401 dropped the message).
        _identity.ChannelMetadataBody = "\"down for maintenance\"";
        var unknownKid = TokenMinter.Sign(
            new(TokenMinter.ChannelClaims(DateTimeOffset.UtcNow)) { ["aud"] = LocalIdentityServer.ClientId, ["serviceurl"] = Channel.ServiceUrl },
            TestKeys.Channel2);
        var sent = Channel.Requests.Count;
        using (var unknown = await PostAsync("Bearer " + unknownKid))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(10), unknown.Headers.RetryAfter?.Delta);
            Assert.Equal("The token could not be checked (unknown signing key and the key set could not be refreshed); retry.", await unknown.Content.ReadAsStringAsync());
            Assert.Equal(sent, Channel.Requests.Count); // no turn ran
        }

        using (var cached = await PostAsync("Bearer " + Token()))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_issuer_failing_for_a_while_gets_a_retryable_answer_and_the_redelivery_replies_once()
    {
        // The bot cannot get its own token to reply: the channel must be told to retry (not 200 with nothing sent,
        // not a 500), and the redelivery after the issuer recovered sends the replies once.
        _identity.TokenEndpointStatus = HttpStatusCode.ServiceUnavailable;
        using (var failed = await PostAsync("Bearer " + Token()))
        {
            Assert.True(failed.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)failed.StatusCode} {await failed.Content.ReadAsStringAsync()}");
        }

        Assert.DoesNotContain(Channel.Requests, r => r.AnsweredStatus == 200 && r.Activity?.Type == "message");

        _identity.TokenEndpointStatus = HttpStatusCode.OK;
        using (var redelivered = await PostAsync("Bearer " + Token()))
        {
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        using (var again = await PostAsync("Bearer " + Token()))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var replies = Channel.Messages.Select(m => m.Id).ToList();
        Assert.NotEmpty(replies);
        Assert.Equal(replies.Distinct(), replies);
    }
}
