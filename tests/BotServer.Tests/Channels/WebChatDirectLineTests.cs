using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// Issue 12: what Web Chat posts to BotServer's own Direct Line 3.0 (the webchat/join event, postBack and messageBack
/// clicks, with their clientActivityID), and what the user then sees in the feed, with the sample bot.
/// </summary>
public sealed class WebChatDirectLineTests : IAsyncLifetime
{
    private BotServerHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotServerHost().WithSetting("Turn:TypingDelay", "00:00:00");
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>A fixture as the Web Chat client posts it: without what the Direct Line service adds (id, conversation, channel, addresses).</summary>
    private static string AsClientPosts(string name)
    {
        var payload = ChannelPayloads.Load(name, "");
        foreach (var field in (string[])["id", "conversation", "channelId", "serviceUrl", "recipient", "timestamp"]) payload.Remove(field);
        return payload.ToJsonString();
    }

    [Fact]
    public async Task Join_event_postBack_and_messageBack_through_Direct_Line_are_echoed_and_the_clicks_answered()
    {
        var (conversationId, token, streamUrl) = await _client.StartDirectLineAsync();
        Assert.StartsWith("ws", streamUrl, StringComparison.Ordinal);
        var welcome = Assert.Single(await FeedAsync(conversationId, token));
        Assert.StartsWith("Hi! I am the Contoso Shop assistant.", (string?)welcome["text"], StringComparison.Ordinal);

        using (var join = await _client.PostActivityAsync(conversationId, token, AsClientPosts("webchat-event-join")))
        {
            Assert.Equal(HttpStatusCode.OK, join.StatusCode);
            Assert.True(JsonDocument.Parse(await join.Content.ReadAsStringAsync()).RootElement.TryGetProperty("id", out _));
        }

        using (var postBack = await _client.PostActivityAsync(conversationId, token, AsClientPosts("webchat-message-postBack")))
        {
            Assert.Equal(HttpStatusCode.OK, postBack.StatusCode);
        }

        var messageBack = JsonNode.Parse(AsClientPosts("webchat-message-messageBack"))!.AsObject();
        (messageBack["text"], messageBack["channelData"]!["messageBack"]!["displayText"]) = ("laptop", "Laptop");
        using (var click = await _client.PostActivityAsync(conversationId, token, messageBack.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        }

        var feed = await FeedAsync(conversationId, token);
        var fromUser = feed.Where(a => (string?)a["from"]?["role"] == "user").ToList();
        Assert.Equal(["1730798441583x8v2k1m0q", "1730798460021k4n8b2c6x", "1730798470555r7t1y5u9i"], fromUser.Select(a => (string?)a["channelData"]?["clientActivityID"] ?? "").ToArray());
        var bot = feed.Where(a => (string?)a["from"]?["role"] != "user" && (string?)a["type"] == "message").Select(a => (string?)a["text"]).ToArray();
        Assert.Equal(3, bot.Length); // the welcome, then one answer per click; the join event is answered by nothing
        Assert.Equal("Which product would you like?", bot[1]);
        Assert.Equal("How many would you like?", bot[2]);
    }

    private async Task<List<JsonNode>> FeedAsync(string conversationId, string token)
    {
        using var response = await _client.DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray().Select(a => a!)];
    }

}
