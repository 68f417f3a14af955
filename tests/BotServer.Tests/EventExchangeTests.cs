using System.Net;
using System.Text;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16: POST /api/events through the real BotServer, the sample bot's order_shipped event and a local Connector
/// playing the channel: one proactive message per event id, refusals with a reason and no state change.
/// </summary>
public sealed class EventExchangeTests : ChannelServerTest
{
    private const string Key = "event-key-for-tests";
    private const string ConversationId = "c0ffee00-c6b5-11ec-9d64-0242ac120002|livechat";

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Events:Key", Key);

    private async Task UserSaysAsync(string text, string id = "m-1")
    {
        var message = new Activity
        {
            Type = ActivityTypes.Message,
            Id = id,
            ChannelId = "emulator",
            ServiceUrl = Channel.ServiceUrl,
            From = new ChannelAccount { Id = "user-7", Name = "User", Role = "user" },
            Recipient = new ChannelAccount { Id = "bot-9", Name = "Bot", Role = "bot" },
            Conversation = new ConversationAccount { Id = ConversationId },
            Locale = "en-US",
            Text = text,
        };
        var response = await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Shipped(string id, string payload = """{ "orderNumber": "AB12345", "estimatedDelivery": "2026-12-01" }""", string conversation = ConversationId) =>
        $$"""{ "id": "{{id}}", "name": "order_shipped", "channelId": "emulator", "conversation": "{{conversation}}", "payload": {{payload}} }""";

    private Task<HttpResponseMessage> PostEventAsync(string body, string? key = Key, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null) request.Headers.Add("X-Chatbot-Event-Key", key);
        return Client.SendAsync(request);
    }

    private async Task<string?> StoredStateAsync()
    {
        var stored = await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For("emulator", ConversationId), CancellationToken.None);
        return stored is null ? null : Encoding.UTF8.GetString(stored.Content.Span);
    }

    [Fact]
    public async Task An_event_reaches_the_user_as_exactly_one_proactive_message_and_a_repeat_sends_nothing()
    {
        await UserSaysAsync("hello");
        Channel.Clear();

        var first = await PostEventAsync(Shipped("shipment-4711"));
        var repeat = await PostEventAsync(Shipped("shipment-4711"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        var sent = Assert.Single(Channel.Requests);
        Assert.Equal("Order AB12345 has shipped and should arrive on Tuesday, December 1, 2026.", sent.Activity!.Text);
        // Proactive: posted to the conversation (no replyToId), addressed from the reference the user's message left.
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(ConversationId)}/activities", sent.Path);
        Assert.Null(sent.Activity.ReplyToId);
        Assert.Equal(("bot-9", "user-7", "en-US"), (sent.Activity.From!.Id, sent.Activity.Recipient!.Id, sent.Activity.Locale));
    }

    [Fact]
    public async Task Two_events_with_different_ids_each_send_one_message()
    {
        await UserSaysAsync("hello");
        Channel.Clear();

        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(Shipped("s-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(Shipped("s-2", """{ "orderNumber": "CD67890" }"""))).StatusCode);

        Assert.Equal(["Order AB12345 has shipped and should arrive on Tuesday, December 1, 2026.", "Order CD67890 has shipped."],
            Channel.Requests.Select(r => r.Activity!.Text));
    }

    [Theory]
    [InlineData("""{ "orderNumber": "not an order" }""", "payload field 'orderNumber' is not a valid order_number")]
    [InlineData("""{ "estimatedDelivery": "2026-12-01" }""", "payload field 'orderNumber' is required")]
    public async Task A_bad_payload_is_400_with_the_reason_sends_nothing_and_leaves_the_state_alone(string payload, string reason)
    {
        await UserSaysAsync("hello");
        Channel.Clear();
        var before = await StoredStateAsync();

        var response = await PostEventAsync(Shipped("bad-1", payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Channel.Requests);
        Assert.Equal(before, await StoredStateAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("event-key-for-test")]
    public async Task A_missing_or_wrong_key_is_401_and_runs_nothing(string? key)
    {
        await UserSaysAsync("hello");
        Channel.Clear();

        var response = await PostEventAsync(Shipped("k-1"), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Send the event key in the X-Chatbot-Event-Key header.", await response.Content.ReadAsStringAsync());
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("""{ "id": "x", "name": "order_shipped", "channelId": "emulator" }""", "The event has no 'conversation' (the conversation id).")]
    [InlineData("""{ "id": "x", "name": "order_shipped" }""", "The event has no 'channelId' (or give a 'key' a flow remembered instead).")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "key": "order:AB12345", "channelId": "emulator", "conversation": "c" }""", "The event names its conversation twice: give either 'key' or 'channelId' and 'conversation', not both.")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "key": "order:AB12345", "conversation": "c" }""", "The event names its conversation twice: give either 'key' or 'channelId' and 'conversation', not both.")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "key": "AB12345" }""", "The event 'key' has no scope: keys look like 'order:AB12345'.")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "key": "" }""", "The event 'key' is empty.")]
    [InlineData("""{ "name": "order_shipped", "channelId": "emulator", "conversation": "c" }""", "The event has no 'id'.")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "channelId": "emulator", "conversation": "c", "payload": [1] }""", "The event 'payload' must be a JSON object.")]
    [InlineData("""{ "id": "x", "name": "order_shipped", "channelId": "emulator", "conversation": "c", "extra": 1 }""", "The body is not an event: a JSON object with id, name, channelId and conversation (or key), payload, and no other fields.")]
    [InlineData("""not json""", "The body is not an event: a JSON object with id, name, channelId and conversation (or key), payload, and no other fields.")]
    public async Task A_malformed_event_is_400_with_a_short_reason(string body, string reason)
    {
        var response = await PostEventAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("chatbot.continue")]
    [InlineData("chatbot.call")]
    [InlineData("Chatbot.Remind")]
    public async Task The_bot_s_own_event_names_cannot_be_posted_and_change_nothing(string name)
    {
        await UserSaysAsync("hello");
        var before = await StoredStateAsync();
        Channel.Clear();

        var forged = $$"""{ "id": "f-1", "name": "{{name}}", "channelId": "emulator", "conversation": "{{ConversationId}}", "payload": { "id": "call:1", "result": { "success": true, "status": 200 } } }""";
        var response = await PostEventAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"The event name '{name}' is reserved for the bot's own events.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredStateAsync());
        Assert.Empty(Channel.Activities);
    }

    [Fact]
    public async Task An_unknown_event_name_is_400_naming_the_known_ones()
    {
        await UserSaysAsync("hello");

        var response = await PostEventAsync(Shipped("n-1").Replace("order_shipped", "order_lost", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown event 'order_lost' (known events: order_shipped)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_a_too_large_body_is_413()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostEventAsync(Shipped("t-1"), contentType: "text/plain")).StatusCode);
        var huge = Shipped("t-2", $$"""{ "orderNumber": "AB12345", "note": "{{new string('x', 300 * 1024)}}" }""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostEventAsync(huge)).StatusCode);
    }

    [Fact]
    public async Task A_conversation_the_bot_never_had_is_404()
    {
        var response = await PostEventAsync(Shipped("u-1", conversation: "nobody-knows-me"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task A_document_from_before_references_is_409_until_the_user_writes_again()
    {
        // As written by the previous version: dialog state and the dedupe ring, no reference.
        var store = Host.GetRequiredService<IConversationStore>();
        await store.WriteAsync(ConversationKey.For("emulator", ConversationId), Encoding.UTF8.GetBytes("""{"schemaVersion":1,"recent":[{"id":"old-1","delivered":true}]}"""), null, CancellationToken.None);

        var refused = await PostEventAsync(Shipped("l-1"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("The conversation has no stored address yet; it can receive events after its user's next message.", await refused.Content.ReadAsStringAsync());

        await UserSaysAsync("hello", "m-2");
        Channel.Clear();
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(Shipped("l-1"))).StatusCode);
        Assert.Single(Channel.Requests);
    }

    [Fact]
    public async Task Without_a_configured_key_the_endpoint_is_off()
    {
        await using var host = new BotServerHost();
        using var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(Shipped("o-1"), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Chatbot-Event-Key", "");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Events are not enabled (set Events:Key or Events:Auth:Authority and Events:Auth:Audience).", await response.Content.ReadAsStringAsync());
    }
}
