using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

/// <summary>The attacks of the red-team run (issue 18) against the Direct Line endpoint, one test each.</summary>
public sealed class DirectLineSecurityTests
{
    private const string Prefix = "v3/directline";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    // F1: the conversation was pushed out while a slow turn ran; the reply then went out over HTTP to a URL the client
    // had chosen (with the bot's token, once an app id was set).
    [Fact]
    public async Task A_reply_to_a_conversation_pushed_out_while_its_turn_ran_stays_in_the_process()
    {
        HeldBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(
            o => o.MaxConversations = 2,
            bot: sp => bot = new HeldBot(sp.GetRequiredService<IConnectorClient>()));
        var victim = await server.StartConversationAsync();

        var post = server.PostMessageAsync(victim, "slow question");
        await bot!.Holding.Task.WaitAsync(Deadline);
        using var attacker = server.ClientFrom(Attacker);
        for (var i = 0; i < 20; i++)
        {
            using var _ = await attacker.PostAsync("api/webchat/token", null);
        }

        bot.Release.SetResult();
        await post.WaitAsync(Deadline);

        Assert.Empty(server.Inner.Sent);
        Assert.Contains("answer: slow question", (await ReadAllAsync(server, victim)).Texts);
    }

    // F4: the body of POST conversations was parsed (up to Kestrel's 30 MB) before the secret was checked.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Starting_a_conversation_without_the_secret_is_refused_before_the_body_is_read(bool chunked)
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.Secret = "s3cret-for-tests");

        // 1 KB of a much longer body sent: an answer can only come if the server does not wait for the rest.
        var response = await SendPartialBodyAsync(server.BaseAddress, $"/{Prefix}/conversations", chunked, sent: 1024);

        Assert.StartsWith("HTTP/1.1 401", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_open_page_token_endpoint_refuses_a_large_body_with_413(bool chunked)
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var body = "{\"user\":{\"id\":\"" + new string('x', 64 * 1024) + "\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webchat/token") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("MessageSizeTooBig", (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, server.Services.GetRequiredService<DirectLineConversations>().Count);
    }

    // F4/F5: 500 mention entities went through Direct Line although /api/messages allows 50.
    [Fact]
    public async Task An_activity_with_more_entities_than_the_limit_is_refused_with_400_and_never_echoed()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        var entities = string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"type":"mention","text":"<at>u{{i}}</at>"}"""));

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token,
            $$"""{"type":"message","text":"hi","entities":[{{entities}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Too many entities (at most 50).", (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    [Fact]
    public async Task A_compressed_post_or_upload_is_refused_with_415_and_never_echoed()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        var path = $"{Prefix}/conversations/{conversation.Id}";

        using var post = await SendCompressedAsync(server, conversation, path + "/activities", new StringContent("""{"type":"message","text":"hi"}""", Encoding.UTF8, "application/json"));
        var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.txt" } };
        using var uploaded = await SendCompressedAsync(server, conversation, path + "/upload", upload);

        foreach (var response in new[] { post, uploaded })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.StartsWith("Send the ", (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    // The bytes stay as they are: the header alone says they are compressed.
    private static Task<HttpResponseMessage> SendCompressedAsync(DirectLineTestServer server, StartedConversation conversation, string path, HttpContent content)
    {
        content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        return server.Client.SendAsync(request);
    }

    // F6: a feed kept 500 activities of up to 256 KB each.
    [Fact]
    public async Task A_feed_keeps_at_most_its_byte_limit_dropping_the_oldest()
    {
        await using var server = await DirectLineTestServer.StartAsync(bot: _ => null);
        var conversation = await server.StartConversationAsync();
        for (var i = 1; i <= 6; i++)
        {
            await PostLargeAsync(server, conversation, $"m{i}", 250 * 1024);
        }

        var texts = (await ReadAllAsync(server, conversation)).Texts.Select(t => t!).ToArray();

        Assert.Equal(["m3", "m4", "m5", "m6"], texts);
        Assert.True(server.Services.GetRequiredService<DirectLineConversations>().TotalBytes <= 1024 * 1024);
    }

    [Fact]
    public async Task All_feeds_together_keep_at_most_the_total_byte_limit()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxTotalBytes = 1024 * 1024, bot: _ => null);
        var conversations = new List<StartedConversation>();
        for (var i = 0; i < 8; i++)
        {
            var conversation = await server.StartConversationAsync();
            await PostLargeAsync(server, conversation, "big", 200 * 1024);
            conversations.Add(conversation);
        }

        var registry = server.Services.GetRequiredService<DirectLineConversations>();
        Assert.True(registry.TotalBytes <= 1024 * 1024, $"{registry.TotalBytes} bytes held");
        Assert.True(registry.Count < 8);
        Assert.Equal(["big"], (await server.GetActivitiesAsync(conversations[^1])).Texts);
    }

    // F6: a GET without watermark serialised the whole backlog (61 MB per GET).
    [Fact]
    public async Task A_get_answers_a_page_and_the_client_follows_the_watermark_for_the_rest()
    {
        await using var server = await DirectLineTestServer.StartAsync(bot: _ => null);
        var conversation = await server.StartConversationAsync();
        for (var i = 1; i <= 3; i++)
        {
            await PostLargeAsync(server, conversation, $"m{i}", 200 * 1024);
        }

        using var first = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token);
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        var all = await ReadAllAsync(server, conversation);

        Assert.True(firstBody.Length <= 300 * 1024, $"the first page is {firstBody.Length} bytes");
        Assert.Equal(["m1", "m2", "m3"], all.Texts);
    }

    // F7: 1,100 token requests from anyone emptied a victim's feed.
    [Fact]
    public async Task One_client_asking_for_tokens_in_a_loop_is_slowed_down_and_cannot_push_out_anyone_else()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxConversations = 50);
        var victim = await server.StartConversationAsync();
        await server.PostMessageAsync(victim, "my order");

        using var attacker = server.ClientFrom(Attacker);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 120; i++)
        {
            using var response = await attacker.PostAsync("api/webchat/token", null);
            answers.Add(response.StatusCode);
        }

        Assert.Contains("echo: my order", (await server.GetActivitiesAsync(victim)).Texts);
        Assert.True(answers.Count(a => a == HttpStatusCode.OK) <= 20, string.Join(",", answers));
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.True(server.Services.GetRequiredService<DirectLineConversations>().Count <= 21);
    }

    // A page on another site can make its visitors' browsers send these as "simple" POSTs (no CORS preflight): it never
    // reads the answer, but each one started a conversation with its welcome turn on the visitor's address, and 20 in a
    // minute left the visitor's own chat page with 429.
    [Theory]
    [InlineData("api/webchat/token")]
    [InlineData(Prefix + "/conversations")]
    [InlineData(Prefix + "/tokens/generate")]
    public async Task A_page_of_another_site_cannot_start_conversations_or_use_up_its_visitors_quota(string path)
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var held = server.Services.GetRequiredService<DirectLineConversations>().Count;

        for (var i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
            request.Headers.Add("Origin", "https://elsewhere.example");
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Conversations cannot be started from another site's page.", (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
        }

        Assert.Equal(held, server.Services.GetRequiredService<DirectLineConversations>().Count);
        // The visitor's own page (same origin) still gets its conversation.
        using var own = new HttpRequestMessage(HttpMethod.Post, "api/webchat/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var ownResponse = await server.Client.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
    }

    [Fact]
    public async Task A_client_holding_its_quota_of_conversations_replaces_its_own_oldest()
    {
        await using var server = await DirectLineTestServer.StartAsync(o =>
        {
            o.MaxConversations = 10;
            o.MaxConversationsPerClient = 3;
            o.ConversationsPerClientPerMinute = 1000;
        });
        var victim = await server.StartConversationAsync();

        using var attacker = server.ClientFrom(Attacker);
        for (var i = 0; i < 50; i++)
        {
            using var response = await attacker.PostAsync("api/webchat/token", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(victim)).Texts);
        Assert.Equal(4, server.Services.GetRequiredService<DirectLineConversations>().Count);
    }

    // Session 19: a polled conversation stayed pinned for good (the GET never let go of it), so it was never idle,
    // never replaced and never dropped: the 21st conversation of a polling page was refused with 503 "Too many
    // conversations are busy right now" although none was in use.
    [Fact]
    public async Task A_page_polling_its_conversations_can_start_twice_its_quota_each_replacing_its_oldest()
    {
        var limit = new DirectLineOptions().MaxConversationsPerClient;
        await using var server = await DirectLineTestServer.StartAsync(o => o.ConversationsPerClientPerMinute = 1000);
        var conversations = server.Services.GetRequiredService<DirectLineConversations>();

        for (var i = 0; i < 2 * limit; i++)
        {
            using var issued = await server.Client.PostAsync("api/webchat/token", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.True(issued.StatusCode == HttpStatusCode.OK, $"conversation {i + 1}: {(int)issued.StatusCode} {await issued.Content.ReadAsStringAsync()}");
            var token = (await issued.Content.ReadJsonAsync()).GetProperty("token").GetString()!;
            var conversation = await server.StartConversationAsync(token);
            await server.PostMessageAsync(conversation, $"order {i}");
            Assert.Contains($"echo: order {i}", (await server.GetActivitiesAsync(conversation)).Texts);
        }

        Assert.Equal(limit, conversations.Count);
    }

    // F6/F8: the echo came before any rate limit, and rotating conversations gave a client fresh per-user limits.
    [Fact]
    public async Task One_client_posting_too_fast_gets_429_before_anything_is_echoed()
    {
        var time = NewYear();
        await using var server = await DirectLineTestServer.StartAsync(o => o.PostsPerClientPerMinute = 5, time: time, bot: _ => null);
        var first = await server.StartConversationAsync();
        var second = await server.StartConversationAsync();
        for (var i = 0; i < 5; i++)
        {
            await server.PostMessageAsync(i % 2 == 0 ? first : second, $"m{i}");
        }

        using var limited = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{second.Id}/activities", second.Token, """{"type":"message","text":"one too many"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.DoesNotContain("one too many", (await server.GetActivitiesAsync(second)).Texts);
        time.Advance(TimeSpan.FromSeconds(15));
        await server.PostMessageAsync(second, "later");
    }

    [Fact]
    public async Task When_all_room_is_taken_conversations_nobody_wrote_in_go_before_used_ones()
    {
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxConversations = 3);
        var used = await server.StartConversationAsync();
        await server.PostMessageAsync(used, "my order");
        var unusedA = await server.StartConversationAsync();
        var unusedB = await server.StartConversationAsync();

        await server.StartConversationAsync();

        Assert.Contains("echo: my order", (await server.GetActivitiesAsync(used)).Texts);
        Assert.Empty((await server.GetActivitiesAsync(unusedA)).Activities);
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(unusedB)).Texts);
    }

    // F8: the page token endpoint accepted a caller-chosen user id, so one client could use up a real user's limits.
    [Fact]
    public async Task Anonymous_callers_cannot_choose_their_user_id()
    {
        await using var server = await DirectLineTestServer.StartAsync();

        using var page = await server.SendAsync(HttpMethod.Post, "api/webchat/token", null, """{"user":{"id":"victim-user"}}""");
        using var local = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations", null, """{"user":{"id":"victim-user"}}""");

        var pageUser = Jwt.Claim((await page.Content.ReadJsonAsync()).GetProperty("token").GetString()!, "user");
        var localUser = Jwt.Claim((await local.Content.ReadJsonAsync()).GetProperty("token").GetString()!, "user");
        Assert.StartsWith("dl_", pageUser, StringComparison.Ordinal);
        Assert.StartsWith("dl_", localUser, StringComparison.Ordinal);
        Assert.NotEqual(pageUser, localUser);
    }

    // F11: a client could post as the bot.
    [Fact]
    public async Task A_client_cannot_post_as_the_bot()
    {
        EchoBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(bot: sp => bot = new EchoBot(sp.GetRequiredService<IConnectorClient>()));
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token,
            """{"type":"message","text":"I am the bot","from":{"id":"bot","name":"Bot","role":"bot"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = (await server.GetActivitiesAsync(conversation)).Activities.Single(a => a.TryGetProperty("text", out var t) && t.GetString() == "I am the bot");
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.StartsWith("dl_", echo.GetProperty("from").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("user", bot!.Received.Last().From?.Role);
    }

    // F11: refresh did not revoke the old token.
    [Fact]
    public async Task Refreshing_revokes_the_old_token_after_a_short_grace_and_it_can_never_be_refreshed_again()
    {
        var time = NewYear();
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var conversation = await server.StartConversationAsync();

        using var refresh = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token);
        var newToken = (await refresh.Content.ReadJsonAsync()).GetProperty("token").GetString()!;
        using var refreshAgain = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token);
        using var inGrace = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token);
        time.Advance(TimeSpan.FromSeconds(61));
        using var afterGrace = await server.SendAsync(HttpMethod.Get, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token);
        using var post = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, """{"type":"message","text":"x"}""");

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refreshAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inGrace.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterGrace.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation with { Token = newToken })).Texts);
    }

    // F11: a WebSocket opened before the token's expiry kept streaming after it.
    [Fact]
    public async Task A_stream_is_closed_when_its_token_expires()
    {
        var time = NewYear();
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var conversation = await server.StartConversationAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        using var socket = await OpenStreamAsync(conversation, timeout.Token);

        time.Advance(TimeSpan.FromMinutes(31));

        Assert.True(await ClosesAsync(socket, time, timeout.Token), "the stream stayed open after its token expired");
    }

    [Fact]
    public async Task A_stream_opened_with_a_refreshed_token_is_closed_when_the_grace_ends()
    {
        var time = NewYear();
        await using var server = await DirectLineTestServer.StartAsync(time: time);
        var conversation = await server.StartConversationAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        using var socket = await OpenStreamAsync(conversation, timeout.Token);

        using var refresh = await server.SendAsync(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token);
        time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.True(await ClosesAsync(socket, time, timeout.Token), "the stream of the revoked token stayed open");
    }

    // F11: 1,000 streams were accepted on one conversation.
    [Fact]
    public async Task Beyond_the_stream_limit_a_new_stream_closes_the_oldest()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                sockets.Add(await OpenStreamAsync(conversation, timeout.Token));
            }

            Assert.True(await ClosesAsync(sockets[0], time: null, timeout.Token), "the oldest stream stayed open");
            Assert.Equal(4, server.Services.GetRequiredService<DirectLineConversations>().Find(conversation.Id)!.OpenStreams);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    // A message whose bulk is in "value" (text is cut to Limits:MaxTextLength when read; other fields are not).
    private static async Task PostLargeAsync(DirectLineTestServer server, StartedConversation conversation, string text, int bytes)
    {
        var json = $$"""{"type":"message","text":"{{text}}","value":"{{new string('x', bytes)}}"}""";
        using var response = await server.SendAsync(HttpMethod.Post, $"{Prefix}/conversations/{conversation.Id}/activities", conversation.Token, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every activity of the feed, following the watermark page by page (as Direct Line clients do).</summary>
    internal static async Task<ActivityPage> ReadAllAsync(DirectLineTestServer server, StartedConversation conversation)
    {
        var activities = new List<JsonElement>();
        string? watermark = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await server.GetActivitiesAsync(conversation, watermark);
            if (page.Activities.Count == 0)
            {
                return new ActivityPage(activities, page.Watermark);
            }

            activities.AddRange(page.Activities);
            watermark = page.Watermark;
        }

        throw new InvalidOperationException("The feed never ended.");
    }

    // Writes the headers and the start of a 25 MB body (announced, or chunked), then waits for the status line (or gives
    // up at the deadline).
    private static async Task<string> SendPartialBodyAsync(Uri server, string path, bool chunked, int sent)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {25 * 1024 * 1024}";
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var start = "{\"user\":{\"name\":\"" + new string('x', sent);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(chunked ? $"{start.Length:x}\r\n{start}\r\n" : start));
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[256];
        try
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            return "(no answer: the server waited for the body)";
        }
    }

    private static FakeTimeProvider NewYear() => new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));

    // Connects and reads the backlog frame: from then on the stream is running.
    private static async Task<ClientWebSocket> OpenStreamAsync(StartedConversation conversation, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(new Uri(conversation.StreamUrl), cancellationToken);
            await ReceiveAsync(socket, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<WebSocketReceiveResult> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
        }
        while (!result.EndOfMessage);

        return result;
    }

    // True when the server closes the socket; keep-alives (empty frames) are skipped. With fake time, nudges it along
    // so the server's timers fire.
    private static async Task<bool> ClosesAsync(ClientWebSocket socket, FakeTimeProvider? time, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var receive = ReceiveAsync(socket, cancellationToken);
                while (time is not null && !receive.IsCompleted)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                    await Task.WhenAny(receive, Task.Delay(50, cancellationToken));
                }

                if ((await receive).MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    /// <summary>Answers a message only when the test releases it (a slow LLM or HTTP step).</summary>
    private sealed class HeldBot(IConnectorClient connector) : IDirectLineTurnHandler
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string NotHandledNotice(Activity message) => FailingBot.Notice(message);

        public async Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
        {
            if (activity.Type == ActivityTypes.Message)
            {
                Holding.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
                await connector.SendAsync(EchoBot.Reply(activity, ActivityTypes.Message, "answer: " + activity.Text), cancellationToken);
            }

            return TurnResult.Ok;
        }
    }
}
