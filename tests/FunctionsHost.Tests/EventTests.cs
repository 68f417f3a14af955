using System.Net;
using System.Text;
using Azure.Storage.Queues;
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

    [Fact]
    public async Task A_queued_event_reaches_the_user_once_with_the_bots_token()
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("webchat", $"queued-{Guid.NewGuid():N}", channel.ServiceUrl);
        await fixture.TurnAsync(channel, chat.Message("m-1", "help"), ProductionLikeFunctionsHost.ChannelToken(channel.ServiceUrl));
        channel.Clear();
        var queue = new QueueClient(fixture.Azurite.ConnectionString, FunctionsHostFixture.SampleSettings()["Events__Queue"],
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(
            $$"""{ "id": "queued-1", "name": "order_shipped", "channelId": "{{chat.ChannelId}}", "conversation": "{{chat.Id}}", "payload": { "orderNumber": "CD67890" } }""");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (channel.Requests.Count == 0 || (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for the queued event\n{fixture.HostLog}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        var sent = Assert.Single(channel.Requests);
        Assert.Equal(("Order CD67890 has shipped.", 200), (sent.Activity!.Text, sent.AnsweredStatus));
        Assert.StartsWith("Bearer access-token-", sent.Authorization, StringComparison.Ordinal);
    }
}
