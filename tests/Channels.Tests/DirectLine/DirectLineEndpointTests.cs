using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineEndpointTests
{
    private const string Prefix = "v3/directline";

    [Fact]
    public async Task Starting_a_conversation_in_local_mode_returns_a_token_and_stream_and_the_welcome_is_in_the_feed()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        var conversation = await server.StartConversationAsync();

        Assert.Equal(201, conversation.Status);
        Assert.Equal(1800, conversation.ExpiresIn);
        Assert.StartsWith($"ws://{server.BaseAddress.Authority}/v3/directline/conversations/{conversation.Id}/stream?t=", conversation.StreamUrl);
        var page = await server.GetActivitiesAsync(conversation);
        Assert.Equal(["Welcome!"], page.Texts);
        Assert.False(string.IsNullOrEmpty(page.Watermark));
    }

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", null, "de-DE")]
    [InlineData("en;q=0.5, fr-CH", null, "fr-CH")]
    [InlineData("*", null, null)]
    [InlineData("de-DE", "{\"locale\":\"en-GB\"}", "en-GB")]
    [InlineData("de-DE", "{\"locale\":\"<script>\"}", "de-DE")] // no tag in the body: the browser's (it was kept as given)
    [InlineData("de-DE", "{\"locale\":\"fr-FR\\u0000x\"}", "fr-FR")]
    [InlineData("en_GB", null, "en-GB")]
    public async Task The_welcome_turn_carries_the_browsers_language_unless_the_start_body_names_one(string acceptLanguage, string? body, string? expected)
    {
        await using var server = await DirectLineTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/conversations");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bot = (EchoBot)server.Services.GetRequiredService<IDirectLineTurnHandler>();
        var welcome = Assert.Single(bot.Received, a => a.Type == "conversationUpdate");
        Assert.Equal(expected, welcome.Locale);
    }

    [Fact]
    public async Task A_posted_activity_is_echoed_with_its_clientActivityID_server_id_and_timestamp_before_the_reply()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        var afterWelcome = (await server.GetActivitiesAsync(conversation)).Watermark;

        var id = await server.PostMessageAsync(conversation, "hello", clientActivityId: "client-1");

        var page = await server.GetActivitiesAsync(conversation, afterWelcome);
        Assert.Equal(["message", "typing", "message"], page.Activities.Select(a => a.GetProperty("type").GetString()));
        var echo = page.Activities[0];
        Assert.Equal(id, echo.GetProperty("id").GetString());
        Assert.Equal("hello", echo.GetProperty("text").GetString());
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(conversation.Id, echo.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("Ann", echo.GetProperty("from").GetProperty("name").GetString());
        Assert.StartsWith("dl_", echo.GetProperty("from").GetProperty("id").GetString());
        Assert.True(echo.TryGetProperty("timestamp", out _));
        var reply = page.Activities[2];
        Assert.Equal("echo: hello", reply.GetProperty("text").GetString());
        Assert.Equal(id, reply.GetProperty("replyToId").GetString());
        Assert.Equal("bot", reply.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_bot_gets_the_activity_on_channel_directline_with_the_in_process_service_url_whatever_the_host_header_says()
    {
        EchoBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(bot: sp => bot = new EchoBot(sp.GetRequiredService<Chatbot.Channels.Connector.IConnectorClient>()));
        var conversation = await server.StartConversationAsync();

        // F1: the service URL used to be built from Host, which the client chooses.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities")
        {
            Content = new StringContent("""{"type":"message","text":"hi"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", conversation.Token);
        request.Headers.Host = "attacker.example:4444";
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(bot);
        Assert.Equal(["conversationUpdate", "message"], bot.Received.Select(a => a.Type));
        var message = bot.Received[1];
        Assert.Equal("directline", message.ChannelId);
        Assert.Equal("https://directline.invalid/v3/directline/", message.ServiceUrl);
        Assert.All(bot.Received, a => Assert.DoesNotContain("attacker", a.ServiceUrl, StringComparison.Ordinal));
        Assert.Equal(conversation.Id, message.Conversation?.Id);
        var welcome = bot.Received[0];
        Assert.Equal(welcome.From?.Id, Assert.Single(welcome.MembersAdded!).Id);
        Assert.Equal(message.From?.Id, welcome.From?.Id);
        Assert.Equal(["hi", "echo: hi"], (await server.GetActivitiesAsync(conversation)).Texts.Where(t => t is "hi" or "echo: hi"));
        Assert.Empty(server.Inner.Sent);
    }

    [Fact]
    public async Task Timestamps_strictly_increase_and_watermarks_advance_even_when_the_clock_stands_still()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var conversation = await server.StartConversationAsync();
        var watermarks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await server.PostMessageAsync(conversation, $"m{i}");
            watermarks.Add((await server.GetActivitiesAsync(conversation)).Watermark);
        }

        var page = await server.GetActivitiesAsync(conversation);
        var stamps = page.Activities.Select(a => a.GetProperty("timestamp").GetDateTimeOffset()).ToArray();
        Assert.Equal(10, stamps.Length);
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second:O} is not after {pair.First:O}"));
        Assert.Equal(watermarks.Distinct().Count(), watermarks.Count);
        Assert.All(watermarks, w => Assert.False(string.IsNullOrEmpty(w)));
    }

    [Fact]
    public async Task Polling_with_the_latest_watermark_returns_nothing_new_and_a_stale_watermark_returns_the_whole_feed()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        await server.PostMessageAsync(conversation, "one");
        var all = await server.GetActivitiesAsync(conversation);

        var none = await server.GetActivitiesAsync(conversation, all.Watermark);
        var fromAnEarlierServerRun = await server.GetActivitiesAsync(conversation, "999999");
        var unreadable = await server.GetActivitiesAsync(conversation, "not-a-number");

        Assert.Empty(none.Activities);
        Assert.Equal(all.Watermark, none.Watermark);
        Assert.Equal(all.Texts, fromAnEarlierServerRun.Texts);
        Assert.Equal(all.Texts, unreadable.Texts);
    }

    [Fact]
    public async Task Requests_without_a_token_with_a_forged_token_or_for_another_conversation_are_refused()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var mine = await server.StartConversationAsync();
        var other = await server.StartConversationAsync();
        var forged = mine.Token[..^4] + (mine.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var missing = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{mine.Id}/activities", null);
        using var garbage = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{mine.Id}/activities", "garbage");
        using var tampered = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{mine.Id}/activities", forged);
        using var crossed = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{other.Id}/activities", mine.Token);
        using var crossedPost = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{other.Id}/activities", mine.Token, """{"type":"message","text":"x"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossedPost.StatusCode);
        var error = await crossed.Content.ReadJsonAsync();
        Assert.Equal("The token is for another conversation.", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Single((await server.GetActivitiesAsync(other)).Activities);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime_and_refreshing_it_in_time_keeps_the_conversation_going()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var conversation = await server.StartConversationAsync();

        time.Advance(TimeSpan.FromMinutes(20));
        using var refresh = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = await refresh.Content.ReadJsonAsync();
        Assert.Equal(conversation.Id, refreshed.GetProperty("conversationId").GetString());
        var newToken = refreshed.GetProperty("token").GetString()!;

        time.Advance(TimeSpan.FromMinutes(15));
        using var expired = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token);
        using var expiredRefresh = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token);
        var stillWorks = await server.GetActivitiesAsync(conversation with { Token = newToken });

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("TokenExpired", (await expired.Content.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, expiredRefresh.StatusCode);
        Assert.Equal(["Welcome!"], stillWorks.Texts);
    }

    [Fact]
    public async Task With_a_secret_configured_tokens_are_generated_only_for_the_secret_and_the_welcome_comes_exactly_once()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.Secret = "s3cret-for-tests");

        using var anonymous = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/generate", null);
        using var wrong = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/generate", "not-the-secret");
        using var anonymousStart = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations", null);
        using var generated = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/generate", "s3cret-for-tests", """{"user":{"id":"dl_ann","name":"Ann"}}""");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStart.StatusCode);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var body = await generated.Content.ReadJsonAsync();
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal("dl_ann", Jwt.Claim(token, "user"));

        var first = await server.StartConversationAsync(token);
        var again = await server.StartConversationAsync(token);

        Assert.Equal(body.GetProperty("conversationId").GetString(), first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(201, first.Status);
        Assert.Equal(200, again.Status);
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(first)).Texts);
    }

    [Fact]
    public async Task Reconnecting_returns_a_new_stream_url_that_resumes_after_the_watermark()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}?watermark=3", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadJsonAsync();
        Assert.Equal(conversation.Id, body.GetProperty("conversationId").GetString());
        Assert.EndsWith("&watermark=3", body.GetProperty("streamUrl").GetString());
    }

    [Theory]
    [InlineData("{not json", "application/json", 400, "The body is not valid JSON at line 1, byte 2.")]
    [InlineData("""{"text":"no type"}""", "application/json", 400, "The activity has no 'type'.")]
    [InlineData("[]", "application/json", 400, "The body must be a JSON object (an activity).")]
    [InlineData("", "application/json", 400, "The body is empty; expected a JSON activity.")]
    [InlineData("""{"type":"message"}""", "text/plain", 415, "Send the activity as application/json.")]
    public async Task Bad_activities_get_a_clear_4xx(string body, string contentType, int status, string message)
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, body, contentType);

        Assert.Equal(status, (int)response.StatusCode);
        var error = await response.Content.ReadJsonAsync();
        Assert.Equal(message, error.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_activity_over_the_size_limit_is_refused_with_413()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxActivityBytes = 2048);
        var conversation = await server.StartConversationAsync();
        var big = JsonSerializer.Serialize(new { type = "message", text = new string('x', 4096) }, TestJson.Reflection);

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    [Fact]
    public async Task A_feed_keeps_only_its_newest_activities()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxActivitiesPerConversation = 10, bot: _ => null);
        var conversation = await server.StartConversationAsync();
        for (var i = 1; i <= 12; i++)
        {
            await server.PostMessageAsync(conversation, $"m{i}");
        }

        var page = await server.GetActivitiesAsync(conversation);

        Assert.Equal(Enumerable.Range(3, 10).Select(i => $"m{i}"), page.Texts);
        Assert.Equal("12", page.Watermark);
    }

    [Fact]
    public async Task Beyond_the_conversation_limit_the_least_recently_used_feed_is_dropped()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxConversations = 2);
        var first = await server.StartConversationAsync();
        var second = await server.StartConversationAsync();

        var third = await server.StartConversationAsync();

        // The first one's token still works, but its backlog is gone (its dialog state would live in the store).
        Assert.Empty((await server.GetActivitiesAsync(first)).Activities);
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(third)).Texts);
        Assert.True(server.Services.GetRequiredService<DirectLineConversations>().Count <= 2);
        _ = second;
    }

    // Web Chat shows the echo as sent and takes a 5xx on the post as sent too (it never posts again): before, a failed
    // turn (the store down: 503) left the user's message in the feed with no answer, dropped without a word. The words
    // are the bot's, asked for with the message's locale (the dialogs' texts: Bot.Tests HostNoticeTests).
    [Theory]
    [InlineData(503, "en-US", "not handled (en-US)")]
    [InlineData(500, "de-DE", "not handled (de-DE)")]
    public async Task When_the_turn_fails_the_post_answers_its_status_and_the_feed_asks_the_user_to_send_again(int status, string locale, string notice)
    {
        await using var server = await DirectLineTestServer.StartAsync(bot: _ => new FailingBot(status));
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, $$"""{"type":"message","text":"hi","locale":"{{locale}}"}""");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status == 503 ? TimeSpan.FromSeconds(5) : null, response.Headers.RetryAfter?.Delta);
        var error = (await response.Content.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("BotError", error.GetProperty("code").GetString());
        var page = await server.GetActivitiesAsync(conversation);
        Assert.Equal(["hi", notice], page.Texts);
        var said = page.Activities[^1];
        Assert.Equal("bot", said.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal(page.Activities[^2].GetProperty("id").GetString(), said.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task A_bot_that_throws_gets_a_neutral_500_without_details()
    {
        await using var server = await DirectLineTestServer.StartAsync(bot: _ => new ThrowingBot());
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, """{"type":"message","text":"hi"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("boom", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_activity_gets_the_same_limits_as_api_messages()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        var entities = string.Join(",", Enumerable.Repeat("""{"type":"mention"}""", 51));

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, $$"""{"type":"message","text":"hi","entities":[{{entities}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Too many entities (at most 50).", (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    [Fact]
    public async Task The_websocket_stream_pushes_the_backlog_then_new_activities_as_activity_sets()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri(conversation.StreamUrl), timeout.Token);

        var first = await ReceiveSetAsync(socket, timeout.Token);
        Assert.Equal(["Welcome!"], first.Texts);

        var id = await server.PostMessageAsync(conversation, "over the socket");
        var received = new List<JsonElement>();
        string watermark = first.Watermark;
        while (received.Count < 3)
        {
            var set = await ReceiveSetAsync(socket, timeout.Token);
            received.AddRange(set.Activities);
            Assert.True(long.Parse(set.Watermark, CultureInfo.InvariantCulture) > long.Parse(watermark, CultureInfo.InvariantCulture));
            watermark = set.Watermark;
        }

        Assert.Equal(id, received[0].GetProperty("id").GetString());
        Assert.Equal("echo: over the socket", received[2].GetProperty("text").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [Fact]
    public async Task A_stream_url_with_a_token_for_another_conversation_is_refused()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var mine = await server.StartConversationAsync();
        var other = await server.StartConversationAsync();
        using var socket = new ClientWebSocket();

        var url = other.StreamUrl[..other.StreamUrl.IndexOf("?t=", StringComparison.Ordinal)] + "?t=" + Uri.EscapeDataString(mine.Token);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    private static async Task<ActivityPage> ReceiveSetAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (message.Length > 0)
            {
                return ActivityPage.Parse(Encoding.UTF8.GetString(message.ToArray()));
            }
        }
    }


    [Fact]
    public async Task The_page_token_endpoint_works_without_the_secret_unless_turned_off()
    {
        await using (var server = await DirectLineTestServer.StartAsync(o => o.Secret = "s3cret-for-tests"))
        {
            using var response = await server.SendAsync(HttpMethod.Post, "api/webchat/token", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = (await response.Content.ReadJsonAsync()).GetProperty("token").GetString()!;
            Assert.Equal(201, (await server.StartConversationAsync(token)).Status);
        }

        await using (var server = await DirectLineTestServer.StartAsync(o => o.EnablePageTokens = false))
        {
            using var response = await server.SendAsync(HttpMethod.Post, "api/webchat/token", null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task With_the_secret_an_unknown_conversation_is_404_and_a_plain_get_of_the_stream_is_400()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.Secret = "s3cret-for-tests");
        using var generated = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/generate", "s3cret-for-tests");
        var token = (await generated.Content.ReadJsonAsync()).GetProperty("token").GetString()!;
        var conversation = await server.StartConversationAsync(token);

        using var unknown = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/nope/activities", "s3cret-for-tests");
        using var known = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/activities", "s3cret-for-tests");
        using var plainStream = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/stream?t={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, plainStream.StatusCode);
    }
}
