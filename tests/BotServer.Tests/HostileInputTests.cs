using System.IO.Compression;
using System.Net;
using System.Text;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Red-team inputs through the real BotServer (sample bot, file store, a local channel) that used to get a 500 or
/// change a conversation: each is now a 400 with a reason (or accepted, where the input is legal), and a conversation
/// that is in the middle of a flow keeps its state byte for byte.
/// </summary>
public sealed class HostileInputTests : ChannelServerTest
{
    private const string EventKey = "event-key-for-hostile-input-tests";
    private const string ConversationId = "hostile-1|livechat";
    private LocalConnectorServer _channel = null!;

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Events:Key", EventKey);

    public override async Task InitializeAsync()
    {
        _channel = await LocalConnectorServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _channel.DisposeAsync();
    }

    /// <summary>A message to the test conversation as JSON, with <paramref name="extra"/> (raw JSON members) added.</summary>
    private string Message(string id, string? text, string extra = "", string type = "message") =>
        "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"channelId\":\"emulator\",\"serviceUrl\":\"" + _channel.ServiceUrl + "\","
        + "\"from\":{\"id\":\"user-1\",\"name\":\"User\"},\"recipient\":{\"id\":\"bot-1\"},\"conversation\":{\"id\":\"" + ConversationId + "\"},"
        + "\"locale\":\"en-US\"" + (text is null ? "" : ",\"text\":\"" + text + "\"") + extra + "}";

    private Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json", string path = "/api/messages") =>
        PostAsync(Encoding.UTF8.GetBytes(body), contentType, path);

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType = "application/json", string path = "/api/messages")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (path == "/api/events") request.Headers.Add("X-Chatbot-Event-Key", EventKey);
        return Client.SendAsync(request);
    }

    private async Task<byte[]?> StoredAsync(string conversationId = ConversationId) =>
        (await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For("emulator", conversationId), CancellationToken.None))?.Content.ToArray();

    /// <summary>The conversation is inside the order status flow, waiting for an order number.</summary>
    private async Task<byte[]> MidFlowAsync()
    {
        var started = await PostAsync(Message("seed-1", "where is my order"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var state = await StoredAsync();
        Assert.NotNull(state);
        Assert.Contains("order_status", Encoding.UTF8.GetString(state), StringComparison.Ordinal);
        return state;
    }

    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        // Free-form fields the reader keeps as JSON and the turn reads later: the dialogs (card submits), the
        // mention cleanup, Teams file info, the invoke handlers.
        { "card submit value", "message", ",\"value\":{\"order_id\":\"\\uD800\"}" },
        { "button value", "message", ",\"value\":{\"chatbot.button\":\"\\uDC00\",\"value\":\"x\"}" },
        { "mention entity", "message", ",\"entities\":[{\"type\":\"mention\",\"text\":\"\\uD800\",\"mentioned\":{\"id\":\"bot-1\"}}]" },
        { "Teams file info", "message", ",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.teams.file.download.info\",\"name\":\"a.pdf\",\"content\":{\"downloadUrl\":\"\\uD800\"}}]" },
        { "Action.Execute data", "invoke", ",\"name\":\"adaptiveCard/action\",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"chatbot.submit\",\"data\":{\"chatbot.form\":\"\\uD800\"}}}" },
        { "token exchange", "invoke", ",\"name\":\"signin/tokenExchange\",\"value\":{\"id\":\"\\uDBFF\",\"connectionName\":\"c\"}" },
        { "high surrogate followed by a plain escape", "message", ",\"channelData\":{\"x\":\"\\uD83D\\u0041\"}" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task A_lone_surrogate_escape_anywhere_in_the_body_gets_400_and_leaves_the_conversation_as_it_was(string where, string type, string extra)
    {
        var before = await MidFlowAsync();
        _channel.Clear();

        using var response = await PostAsync(Message("bad-1", null, extra, type));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{where}: {(int)response.StatusCode}");
        Assert.Contains("unpaired UTF-16 surrogate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Escaped_surrogate_pairs_and_an_escaped_backslash_before_u_are_ordinary_text()
    {
        // "\\uD800" is a backslash and the letters uD800, not an escape; "\uD83D\uDE00" is one emoji.
        using var response = await PostAsync(Message("ok-1", "hi \\uD83D\\uDE00 \\\\uD800", ",\"value\":{\"note\":\"\\uD83D\\uDE00\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForRequestsAsync(1);
        Assert.NotEmpty(_channel.Messages);
    }

    public static TheoryData<string, string> LongAddresses => new()
    {
        { "conversation.id", "\"conversation\":{\"id\":\"" + new string('c', 100_000) + "\"}" },
        { "from.id", "\"from\":{\"id\":\"" + new string('u', 100_000) + "\"}" },
        { "from.name", "\"from\":{\"id\":\"u\",\"name\":\"" + new string('n', 100_000) + "\"}" },
        { "recipient.id", "\"recipient\":{\"id\":\"" + new string('b', 100_000) + "\"}" },
        { "channelId", "\"channelId\":\"" + new string('e', 100_000) + "\"" },
        { "conversation.tenantId", "\"conversation\":{\"id\":\"long-tenant\",\"tenantId\":\"" + new string('t', 100_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(LongAddresses))]
    public async Task An_address_field_too_long_to_store_gets_400_naming_it_and_nothing_is_stored(string field, string member)
    {
        // Later members win: the long one replaces the ordinary one.
        var body = Message("long-1", "hi").TrimEnd('}') + "," + member + "}";

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"The activity's '{field}' is longer than {ActivityReader.MaxAddressLength} characters.", await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories));
        Assert.Empty(_channel.Requests);
    }

    [Theory]
    [InlineData("conversation.id", ".")]
    [InlineData("conversation.id", "..")]
    [InlineData("id", "..")]
    [InlineData("id", ".")]
    public async Task An_id_that_is_a_url_dot_segment_gets_400_and_no_reply_goes_anywhere(string field, string value)
    {
        // The reply URL is {serviceUrl}/v3/conversations/{conversation.id}/activities/{id}; "." and ".." there are dot
        // segments, so the bot used to answer 200 and post its reply (with its token, in production) to another path
        // of the channel's service: conversation ".." to /v3/activities/{id}, activity ".." to /v3/conversations/{id}/.
        var body = field == "id"
            ? Message(value, "help")
            : Message("dot-1", "help").Replace(ConversationId, value, StringComparison.Ordinal);

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{field}' cannot be '.' or '..'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories));
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task An_address_of_ordinary_teams_length_is_accepted()
    {
        var conversation = "a:1" + new string('x', 300);
        var body = Message("teams-1", "hi").Replace(ConversationId, conversation, StringComparison.Ordinal);

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await StoredAsync(conversation));
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    public async Task A_quoted_utf8_charset_is_accepted(string contentType)
    {
        using var response = await PostAsync(Message("cs-1", "hi"), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_with_a_utf8_byte_order_mark_is_read_like_one_without()
    {
        using var response = await PostAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Message("bom-1", "hi"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForRequestsAsync(1);
        Assert.NotNull(await StoredAsync());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("gzip, identity")]
    public async Task A_compressed_body_gets_415_asking_for_it_uncompressed_and_leaves_the_conversation_as_it_was(string encoding)
    {
        var before = await MidFlowAsync();
        _channel.Clear();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Message("gz-1", "AB12345")));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content });

        // It used to be read as it came: "The body is not valid UTF-8." (400), which sends the sender looking in the wrong place.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Send the activity uncompressed (no Content-Encoding).", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.TryGetValues("Accept-Encoding", out var accepted), "no Accept-Encoding on the 415");
        Assert.Equal(["identity"], accepted);
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task A_body_declared_identity_encoded_is_read_as_it_is()
    {
        var content = new StringContent(Message("id-1", "hi"), Encoding.UTF8, "application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", "Identity");

        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForRequestsAsync(1);
        Assert.NotNull(await StoredAsync());
    }

    private static string Shipped(string id, string payload) =>
        "{\"id\":\"" + id + "\",\"name\":\"order_shipped\",\"channelId\":\"emulator\",\"conversation\":\"" + ConversationId + "\",\"payload\":" + payload + "}";

    [Fact]
    public async Task An_event_whose_payload_has_a_lone_surrogate_or_invalid_utf8_gets_400_and_changes_nothing()
    {
        var before = await MidFlowAsync();
        _channel.Clear();

        using var surrogate = await PostAsync(Shipped("ev-1", "{\"orderNumber\":\"\\uD800\"}"), path: "/api/events");
        using var utf8 = await PostAsync([.. Encoding.UTF8.GetBytes(Shipped("ev-2", "{\"orderNumber\":\"AB")), 0xFF, .. "12345\"}}"u8.ToArray()], path: "/api/events");

        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.Contains("unpaired UTF-16 surrogate", await surrogate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, utf8.StatusCode);
        Assert.Equal("The body is not valid UTF-8.", await utf8.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task An_event_with_something_after_the_json_gets_400_and_one_with_a_byte_order_mark_runs()
    {
        await PostAsync(Message("seed-2", "hello"));
        _channel.Clear();
        var valid = Shipped("ev-3", "{\"orderNumber\":\"AB12345\",\"estimatedDelivery\":\"2026-12-01\"}");

        using var trailing = await PostAsync(valid + " {}", path: "/api/events");
        using var bom = await PostAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], path: "/api/events");

        Assert.Equal(HttpStatusCode.BadRequest, trailing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bom.StatusCode);
        Assert.Single(_channel.Messages);
    }

    [Theory]
    [InlineData("https://evil.example.com/", "serviceUrl host 'evil.example.com' is not in Connector:AllowedServiceUrlHosts.")]
    [InlineData("http://2130706433:3978/", "not written in canonical form")]
    [InlineData("http://169.254.169.254/", "never called")]
    public async Task A_message_whose_serviceUrl_the_bot_may_not_call_gets_400_and_runs_no_turn(string serviceUrl, string reason)
    {
        var before = await MidFlowAsync();
        _channel.Clear();

        using var response = await PostAsync(Message("evil-1", "AB12345").Replace(_channel.ServiceUrl, serviceUrl, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("The activity's serviceUrl is not one this bot answers to: ", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        // The order number was not taken: the conversation still waits for it, as before.
        Assert.Equal(before, await StoredAsync());
    }
}
