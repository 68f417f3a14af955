using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

// Not "...Tests.Connector": that namespace would shadow Chatbot.Channels.Connector for sibling test folders.
namespace Chatbot.Channels.Tests.ConnectorTests;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string TeamsConversation = "19:0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a@thread.tacv2;messageid=1722102011187";
    private const string EmulatorConversation = "2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9|livechat";

    private readonly TimerWatchingTimeProvider _time = new();
    private readonly Mock<IAccessTokenProvider> _tokens = new();
    private readonly HttpClient _http = new();
    private FakeChannelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChannelServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_is_posted_to_the_replied_activity_inside_the_service_url_path()
    {
        var client = CreateClient();

        var response = await client.SendAsync(Reply(ServiceUrl("amer/"), TeamsConversation, replyToId: "1722102011187"), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            "/amer/v3/conversations/19%3A0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a%40thread.tacv2%3Bmessageid%3D1722102011187/activities/1722102011187",
            request.RawTarget);
        Assert.Equal("activity-1", response.Id);
    }

    [Theory]
    [InlineData("amer")]
    [InlineData("amer/")]
    public async Task The_service_url_path_is_kept_with_or_without_a_trailing_slash(string path)
    {
        var client = CreateClient();

        await client.SendAsync(Reply(ServiceUrl(path), "c1", replyToId: null), CancellationToken.None);

        Assert.Equal("/amer/v3/conversations/c1/activities", Assert.Single(_server.Requests).RawTarget);
    }

    [Fact]
    public async Task Emulator_ids_with_a_pipe_are_escaped()
    {
        var client = CreateClient();

        await client.SendAsync(Reply(ServiceUrl(""), EmulatorConversation, replyToId: "a b/c"), CancellationToken.None);

        Assert.Equal(
            "/v3/conversations/2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9%7Clivechat/activities/a%20b%2Fc",
            Assert.Single(_server.Requests).RawTarget);
    }

    [Theory]
    [InlineData("..", "r1")]
    [InlineData(".", "r1")]
    [InlineData("c1", "..")]
    public async Task An_id_that_is_a_url_dot_segment_is_never_sent_to_another_path_of_the_service(string conversationId, string replyToId)
    {
        // Uri.EscapeDataString leaves dots alone and System.Uri then removes "/.." with the segment before it: the reply
        // to conversation ".." went to /amer/v3/activities/r1, the one to activity ".." to /amer/v3/conversations/c1/.
        var client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Reply(ServiceUrl("amer/"), conversationId, replyToId), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteAsync(ServiceUrl("amer/"), conversationId, replyToId, CancellationToken.None));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_body_is_the_activity_as_json()
    {
        var client = CreateClient();
        var reply = Reply(ServiceUrl(""), "c1", replyToId: "r1");
        reply.Text = "Hello ünïcödé";

        await client.SendAsync(reply, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("Hello ünïcödé", body["text"]!.GetValue<string>());
        Assert.Equal("r1", body["replyToId"]!.GetValue<string>());
        Assert.Equal("bot", body["from"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_puts_and_delete_deletes_the_activity()
    {
        var client = CreateClient();
        var sent = Reply(ServiceUrl("emea/"), TeamsConversation, replyToId: null);
        sent.Id = "1:abc";

        await client.UpdateAsync(sent, CancellationToken.None);
        await client.DeleteAsync(ServiceUrl("emea/"), TeamsConversation, "1:abc", CancellationToken.None);

        Assert.Collection(
            _server.Requests,
            r => Assert.Equal(("PUT", "/emea/v3/conversations/19%3A0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a%40thread.tacv2%3Bmessageid%3D1722102011187/activities/1%3Aabc"), (r.Method, r.RawTarget)),
            r => Assert.Equal(("DELETE", "/emea/v3/conversations/19%3A0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a%40thread.tacv2%3Bmessageid%3D1722102011187/activities/1%3Aabc"), (r.Method, r.RawTarget)));
    }

    [Fact]
    public async Task Reply_and_typing_shortcuts_route_to_the_activity_and_to_the_conversation()
    {
        var client = CreateClient();
        var incoming = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "in-1",
            ServiceUrl = ServiceUrl("amer/"),
            ChannelId = "emulator",
            From = new ChannelAccount { Id = "user" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = EmulatorConversation },
        };

        await client.SendTypingAsync(incoming, CancellationToken.None);
        await client.ReplyAsync(incoming, "Hello", CancellationToken.None);

        Assert.Collection(
            _server.Requests,
            r =>
            {
                Assert.Equal("/amer/v3/conversations/2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9%7Clivechat/activities", r.RawTarget);
                Assert.Equal("typing", JsonNode.Parse(r.Body)!["type"]!.GetValue<string>());
            },
            r =>
            {
                Assert.Equal("/amer/v3/conversations/2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9%7Clivechat/activities/in-1", r.RawTarget);
                var body = JsonNode.Parse(r.Body)!;
                Assert.Equal("Hello", body["text"]!.GetValue<string>());
                Assert.Equal("bot", body["from"]!["id"]!.GetValue<string>());
                Assert.Equal("user", body["recipient"]!["id"]!.GetValue<string>());
            });
    }

    [Theory]
    [InlineData(200, """{"id":"x-200"}""", "x-200")]
    [InlineData(201, """{"id":"x-201"}""", "x-201")]
    [InlineData(202, null, null)]
    [InlineData(200, "", null)]
    [InlineData(200, "not json", null)]
    [InlineData(200, "{}", null)]
    public async Task Every_success_status_counts_with_or_without_an_id(int status, string? body, string? expectedId)
    {
        _server.Enqueue(status, body);
        var client = CreateClient();

        var response = await client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal(expectedId, response.Id);
    }

    [Fact]
    public async Task No_token_means_no_authorization_header()
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        var client = CreateClient();

        await client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal(string.Empty, Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task A_token_is_sent_as_bearer_and_asked_for_the_activitys_service_url()
    {
        var serviceUrl = ServiceUrl("amer/");
        _tokens.Setup(t => t.GetTokenAsync(serviceUrl, It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        var client = CreateClient();

        await client.SendAsync(Reply(serviceUrl, "c1", "r1"), CancellationToken.None);

        Assert.Equal("Bearer secret-token", Assert.Single(_server.Requests).Authorization);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Client_errors_fail_at_once_with_the_status_and_the_connectors_reason(int status)
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        _server.Enqueue(status, """{"error":{"code":"BadArgument","message":"Activity resulted into multiple skype activities"}}""");
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("BadArgument: Activity resulted into multiple skype activities", error.Reason);
        Assert.DoesNotContain("secret-token", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.True(_time.NoPendingTimers);
    }

    [Fact]
    public async Task A_reason_without_the_connectors_error_shape_falls_back_to_the_status_text()
    {
        _server.Enqueue(404, "<html>nope</html>");
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Equal("Not Found", error.Reason);
        Assert.Equal("The channel answered 404 (NotFound): Not Found", error.Message);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Throttling_and_unavailability_are_retried_after_the_retry_after_delay(int status)
    {
        _server.Enqueue(status, retryAfter: "3");
        var client = CreateClient();

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(3), await _time.NextTimerAsync());
        Assert.Single(_server.Requests);
        _time.Advance(TimeSpan.FromSeconds(3));
        var response = await send;
        Assert.Equal("activity-1", response.Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        _server.Enqueue(429, retryAfter: _time.GetUtcNow().AddSeconds(5).ToString("R"));
        var client = CreateClient();

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(5));
        await send;
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_date_in_the_past_retries_at_once()
    {
        _server.Enqueue(503, retryAfter: _time.GetUtcNow().AddMinutes(-1).ToString("R"));
        var client = CreateClient();

        var response = await client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal("activity-1", response.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(_time.NoPendingTimers);
    }

    [Fact]
    public async Task Retries_and_failures_are_logged_without_the_token()
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        _server.Enqueue(429, retryAfter: "0");
        _server.Enqueue(403, """{"error":{"code":"Forbidden","message":"no"}}""");
        var logger = new ListLogger();
        var client = new ConnectorClient(_http, _tokens.Object, Options.Create(new ConnectorClientOptions()), LocalMode, _time, logger);

        await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Collection(
            logger.Messages,
            m => Assert.Equal("Warning: Connector POST to 127.0.0.1 failed (status 429, attempt 1); retrying in 0 ms.", m),
            m => Assert.Equal("Error: Connector POST to 127.0.0.1 failed (status 403) after 2 attempt(s).", m));
        Assert.DoesNotContain(logger.Messages, m => m.Contains("secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_retry_after_the_backoff_grows_exponentially_with_jitter()
    {
        _server.Enqueue(503);
        _server.Enqueue(503);
        _server.Enqueue(503);
        var client = CreateClient(o => (o.BaseDelay, o.MaxDelay, o.MaxRetries) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 3));

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await _time.NextTimerAsync());
            _time.Advance(delays[^1]);
        }

        await send;
        Assert.Equal(4, _server.Requests.Count);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3)); // capped by MaxDelay
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue(503, """{"error":{"code":"ServiceError","message":"busy"}}""", retryAfter: "1");
        }

        var client = CreateClient(o => o.MaxRetries = 2);

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            _time.Advance(await _time.NextTimerAsync());
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceError: busy (gave up after 3 attempts)", error.Reason);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_delay_ends_the_call_instead_of_stalling_the_turn()
    {
        _server.Enqueue(429, retryAfter: "120");
        var client = CreateClient(o => o.MaxDelay = TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("asked to retry after 120 s", error.Reason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_slow_channel_times_out_and_an_update_is_retried()
    {
        var firstAborted = NeverAnswerOnce();
        var client = CreateClient(o => (o.Timeout, o.BaseDelay) = (TimeSpan.FromSeconds(5), TimeSpan.Zero));
        var update = Reply(ServiceUrl(""), "c1", replyToId: null);
        update.Id = "a1";

        var send = client.UpdateAsync(update, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        await _server.WaitForRequestsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync()); // the second attempt's own timeout
        var response = await send;
        Assert.Equal("activity-1", response.Id);
        await firstAborted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["PUT", "PUT"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_reply_that_timed_out_is_not_sent_twice()
    {
        var firstAborted = NeverAnswerOnce();
        var client = CreateClient(o => (o.Timeout, o.BaseDelay) = (TimeSpan.FromSeconds(5), TimeSpan.Zero));

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        await _server.WaitForRequestsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => send);
        Assert.Null(error.StatusCode);
        Assert.Equal("No answer within 5 s. Not retried: the channel may already have delivered it.", error.Reason);
        await firstAborted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_cut_off_answer_fails_a_reply_but_retries_a_delete()
    {
        _server.Enqueue(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        _server.Enqueue(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var client = CreateClient(o => o.BaseDelay = TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));
        await client.DeleteAsync(ServiceUrl(""), "c1", "a1", CancellationToken.None);

        Assert.EndsWith("Not retried: the channel may already have delivered it.", error.Reason, StringComparison.Ordinal);
        Assert.Equal(["POST", "DELETE", "DELETE"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task An_answer_cut_off_inside_its_body_fails_a_reply_but_retries_a_delete()
    {
        for (var i = 0; i < 2; i++)
        {
            _server.Enqueue(async context =>
            {
                // Status and headers arrive, then the connection breaks 10 bytes into a body of 100.
                context.Response.ContentLength = 100;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync("{\"id\":\"act"u8.ToArray());
                await context.Response.Body.FlushAsync();
                context.Abort();
            });
        }

        var client = CreateClient(o => o.BaseDelay = TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));
        await client.DeleteAsync(ServiceUrl(""), "c1", "a1", CancellationToken.None);

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.EndsWith("Not retried: the channel may already have delivered it.", error.Reason, StringComparison.Ordinal);
        Assert.Equal(["POST", "DELETE", "DELETE"], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Network_errors_are_retried()
    {
        using var flaky = new FailFirstHandler(new SocketsHttpHandler());
        using var http = new HttpClient(flaky);
        var client = CreateClient(http: http, configure: o => o.BaseDelay = TimeSpan.Zero);

        var response = await client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal("activity-1", response.Id);
        Assert.Equal(2, flaky.Calls);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_unreachable_channel_gives_a_transient_error_without_a_status()
    {
        var closedPort = _server.BaseAddress.Port;
        await _server.DisposeAsync();
        _server = await FakeChannelServer.StartAsync();
        var client = CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(Reply($"http://127.0.0.1:{closedPort}/", "c1", "r1"), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.StartsWith("Network error", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_turn_stops_the_retries_with_a_cancellation_not_an_error()
    {
        _server.Enqueue(503, retryAfter: "2");
        using var cts = new CancellationTokenSource();
        var client = CreateClient();

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), cts.Token);
        await _time.NextTimerAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Cancelling_the_turn_while_a_reply_is_in_flight_is_a_cancellation_not_a_timeout_even_with_a_per_attempt_timeout()
    {
        var aborted = NeverAnswerOnce();
        using var cts = new CancellationTokenSource();
        var client = CreateClient(o => (o.Timeout, o.BaseDelay) = (TimeSpan.FromSeconds(5), TimeSpan.Zero));

        var send = client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), cts.Token);
        await _server.WaitForRequestsAsync(1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await aborted; // the request itself was given up, not left running
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task With_an_app_id_and_nothing_configured_a_service_url_outside_the_bot_framework_hosts_gets_neither_a_call_nor_the_token()
    {
        // F1/F2 of the red-team run: a forged serviceUrl received "Authorization: Bearer <bot token>".
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        var client = CreateClient(identity: ProductionMode);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Equal("serviceUrl host '127.0.0.1' is not in Connector:AllowedServiceUrlHosts.", error.Reason);
        Assert.Empty(_server.Requests);
        _tokens.Verify(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/amer/", "smba.trafficmanager.net")]
    [InlineData("http://directline.botframework.com/", "directline.botframework.com")]
    [InlineData("http://channel.example.com:8080/", "channel.example.com")]
    public void With_an_app_id_plain_http_is_refused_even_for_a_listed_host(string serviceUrl, string host)
    {
        // Every call in production mode carries the bot's token; over http anyone on the path could read and replay it.
        var policy = new ServiceUrlPolicy(["*.botframework.com", "smba.trafficmanager.net", "channel.example.com"], allowLoopback: false);

        Assert.Equal($"serviceUrl 'http://{host}…' is not https, and the bot's token is sent only over https (or to loopback); it is never called.", policy.Check(new Uri(serviceUrl)));
        Assert.Null(policy.Check(new Uri(serviceUrl.Replace("http:", "https:", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/", false)]
    [InlineData("http://localhost:5000/", false)]
    [InlineData("http://smba.trafficmanager.net/amer/", true)]
    public void Plain_http_stays_allowed_to_listed_loopback_hosts_and_in_local_mode(string serviceUrl, bool localMode)
    {
        var policy = new ServiceUrlPolicy(localMode ? [] : ["127.0.0.1", "localhost"], allowLoopback: localMode);

        Assert.Null(policy.Check(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc/")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch/")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/")]
    [InlineData("https://directline.botframework.com/")]
    [InlineData("https://europe.webchat.botframework.com/")]
    [InlineData("https://directline.botframework.azure.us/")]
    public void The_default_list_allows_the_bot_framework_and_teams_hosts(string serviceUrl)
    {
        var policy = new ServiceUrlPolicy([], allowLoopback: false);

        Assert.Null(policy.Check(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("https://botframework.com.evil.example/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://evil.trafficmanager.net/")] // anyone can register a Traffic Manager name
    [InlineData("http://localhost:3978/")]
    [InlineData("http://127.0.0.1:3978/")]
    public void The_default_list_refuses_lookalikes_and_loopback_when_an_app_id_is_set(string serviceUrl)
    {
        var policy = new ServiceUrlPolicy([], allowLoopback: false);

        Assert.NotNull(policy.Check(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("http://localhost:3978/")]
    [InlineData("http://127.0.0.1:52311/")]
    [InlineData("http://[::1]:3978/")]
    [InlineData("http://LOCALHOST:3978/")]
    public void Local_mode_allows_the_emulators_loopback_service_url(string serviceUrl)
    {
        var policy = new ServiceUrlPolicy([], allowLoopback: true);

        Assert.Null(policy.Check(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("http://2130706433:3978/", "not written in canonical form")]
    [InlineData("http://0x7f.1:3978/", "not written in canonical form")]
    [InlineData("http://017700000001:3978/", "not written in canonical form")]
    [InlineData("http://127.1/", "not written in canonical form")]
    [InlineData("http://0251.0376.0251.0376/", "not written in canonical form")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://169.254.1.1/", "link-local")]
    [InlineData("http://100.100.100.200/", "metadata")]
    [InlineData("http://0.0.0.0:3978/", "not a unicast address")]
    [InlineData("http://[::ffff:127.0.0.1]/", "IPv6 literal")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "not written in canonical form")]
    [InlineData("http://[fd00:ec2::254]/", "IPv6 literal")]
    [InlineData("http://[fe80::1]/", "IPv6 literal")]
    [InlineData("http://[::1%25eth0]/", "not written in canonical form")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "metadata")]
    [InlineData("http://metadata/", "metadata")]
    [InlineData("http://localhost./", "ends with a dot")]
    [InlineData("http://127.0.0.1./", "ends with a dot")]
    [InlineData("http://1.2.3.4.5/", "numeric")]
    [InlineData("http://evil.localhost/", "loopback name")]
    [InlineData("http://user:pass@localhost:3978/", "user information")]
    public void Numeric_link_local_metadata_and_ipv6_forms_are_refused_even_in_local_mode_and_even_when_listed(string serviceUrl, string reason)
    {
        var uri = new Uri(serviceUrl);
        var policy = new ServiceUrlPolicy(["localhost", "127.0.0.1", "169.254.169.254", "*.internal", "metadata", uri.Host.Trim('[', ']')], allowLoopback: true);

        var refused = policy.Check(uri);

        Assert.NotNull(refused);
        Assert.Contains(reason, refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_local_mode_a_numeric_spelling_of_loopback_is_refused_before_calling_out()
    {
        var client = CreateClient();
        var numeric = $"http://2130706433:{_server.BaseAddress.Port}/";

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(numeric, "c1", "r1"), CancellationToken.None));

        Assert.Equal("serviceUrl host '2130706433' is not written in canonical form (numeric, hex, octal or encoded host names are refused).", error.Reason);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("*.botframework.com")]
    [InlineData("smba.trafficmanager.net")]
    [InlineData("localhost")]
    public async Task A_service_url_outside_the_allowed_hosts_is_refused_before_calling_out(string allowed)
    {
        var client = CreateClient(o => o.AllowedServiceUrlHosts = [allowed], identity: ProductionMode);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("serviceUrl host '127.0.0.1' is not in Connector:AllowedServiceUrlHosts.", error.Reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_listed_host_is_called_with_the_token()
    {
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("secret-token");
        var client = CreateClient(o => o.AllowedServiceUrlHosts = ["*.botframework.com", "127.0.0.1"], identity: ProductionMode);

        await client.SendAsync(Reply(ServiceUrl(""), "c1", "r1"), CancellationToken.None);

        Assert.Equal("Bearer secret-token", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task Every_send_is_checked_against_the_allowed_hosts_a_refused_url_stays_refused_and_an_accepted_one_keeps_its_path()
    {
        var client = CreateClient(o => o.AllowedServiceUrlHosts = ["*.botframework.com"], identity: ProductionMode);
        var refused = ServiceUrl("");
        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(refused, "c1", "r1"), CancellationToken.None));
            Assert.Equal("serviceUrl host '127.0.0.1' is not in Connector:AllowedServiceUrlHosts.", error.Reason);
        }

        Assert.Empty(_server.Requests);

        // Local mode: the same loopback URL is accepted; sent twice, both calls keep the service URL's path.
        var local = CreateClient();
        await local.SendAsync(Reply(ServiceUrl("amer/"), "c1", replyToId: null), CancellationToken.None);
        await local.SendAsync(Reply(ServiceUrl("amer/"), "c2", replyToId: "r2"), CancellationToken.None);
        await local.SendAsync(Reply(ServiceUrl("emea"), "c3", replyToId: null), CancellationToken.None);

        Assert.Equal(
            ["/amer/v3/conversations/c1/activities", "/amer/v3/conversations/c2/activities/r2", "/emea/v3/conversations/c3/activities"],
            _server.Requests.Select(r => r.RawTarget));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/")]
    public async Task A_missing_or_non_http_service_url_is_refused(string? serviceUrl)
    {
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(Reply(serviceUrl!, "c1", "r1"), CancellationToken.None));

        Assert.Equal("The activity has no valid http(s) serviceUrl.", error.Reason);
    }

    [Fact]
    public async Task An_activity_without_a_conversation_is_a_programming_error()
    {
        var client = CreateClient();
        var activity = new Activity { Type = ActivityTypes.Message, ServiceUrl = ServiceUrl("") };

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(activity, CancellationToken.None));
        Assert.Empty(_server.Requests);
    }

    // The next request gets no answer until the client gives up on it; the task completes when it did.
    private Task NeverAnswerOnce()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Enqueue(async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                aborted.TrySetResult();
            }
        });
        return aborted.Task;
    }

    // Local mode (no app id) lets the client call the fake channel on 127.0.0.1, as the Emulator's localhost.
    private static IOptions<BotAuthenticationOptions> LocalMode => Options.Create(new BotAuthenticationOptions());

    private static IOptions<BotAuthenticationOptions> ProductionMode => Options.Create(new BotAuthenticationOptions { MicrosoftAppId = "00000000-0000-0000-0000-00000000b07" });

    private ConnectorClient CreateClient(Action<ConnectorClientOptions>? configure = null, HttpClient? http = null, IOptions<BotAuthenticationOptions>? identity = null)
    {
        // No per-attempt timeout unless a test asks: the only timers left are the retry delays the test watches.
        var options = new ConnectorClientOptions { Timeout = Timeout.InfiniteTimeSpan };
        configure?.Invoke(options);
        return new ConnectorClient(http ?? _http, _tokens.Object, Options.Create(options), identity ?? LocalMode, _time, NullLogger<ConnectorClient>.Instance);
    }

    private string ServiceUrl(string path) => $"{_server.BaseAddress.ToString().TrimEnd('/')}/{path}";

    private static Activity Reply(string serviceUrl, string conversationId, string? replyToId) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "bot" },
        Recipient = new ChannelAccount { Id = "user" },
        Conversation = new ConversationAccount { Id = conversationId },
        ReplyToId = replyToId,
        Text = "hi",
    };

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<ConnectorClient>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel,
            Microsoft.Extensions.Logging.EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter) => Messages.Add($"{logLevel}: {formatter(state, exception)}");
    }

    private sealed class FailFirstHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            ++Calls == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "connection reset")
                : base.SendAsync(request, cancellationToken);
    }
}
