using System.Net;
using System.Text;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16: an event posted to the real Functions host (app id, Cosmos state) reaches the user as exactly one
/// proactive message, sent with the bot's token like any reply; a repeat sends nothing.
/// </summary>
[Collection(ProductionLikeCollection.Name)]
public sealed class EventTests(ProductionLikeFunctionsHost fixture)
{
    private Task<HttpResponseMessage> PostEventAsync(ChannelConversation chat, string id, string key = ProductionLikeFunctionsHost.EventKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/events")
        {
            Content = new StringContent(
                $$"""{ "id": "{{id}}", "name": "order_shipped", "channelId": "{{chat.ChannelId}}", "conversation": "{{chat.Id}}", "payload": { "orderNumber": "AB12345" } }""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Chatbot-Event-Key", key);
        return fixture.SendAsync(request);
    }

    [Fact]
    public async Task An_event_sends_one_proactive_message_with_the_bots_token_and_a_repeat_sends_nothing()
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("webchat", $"event-{Guid.NewGuid():N}", channel.ServiceUrl);
        await fixture.TurnAsync(channel, chat.Message("m-1", "help"), ProductionLikeFunctionsHost.ChannelToken(channel.ServiceUrl));
        channel.Clear();

        using var wrongKey = await PostEventAsync(chat, "shipment-1", "not-the-key");
        using var first = await PostEventAsync(chat, "shipment-1");
        using var repeat = await PostEventAsync(chat, "shipment-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.True(first.StatusCode == HttpStatusCode.Accepted, $"{(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}\n{fixture.HostLog}");
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        var sent = Assert.Single(channel.Requests);
        Assert.Equal("Order AB12345 has shipped.", sent.Activity!.Text);
        Assert.Null(sent.Activity.ReplyToId);
        Assert.StartsWith("Bearer access-token-", sent.Authorization, StringComparison.Ordinal);
    }
}
