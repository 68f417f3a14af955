using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests;

/// <summary>BotServer in-process with a local Connector playing the Emulator/Teams side.</summary>
public sealed class EmulatorExchangeTests : ChannelServerTest
{
    private readonly RecordingDialogEngine _engine = new();

    protected override BotServerHost CreateHost() => new BotServerHost().WithServices(s => s.AddSingleton<IDialogEngine>(_engine));

    private Activity Emulator(string type, string id, string conversationId = "8a684db0-c6b5-11ec-9d64-0242ac120002|livechat") => new()
    {
        Type = type,
        Id = id,
        ChannelId = "emulator",
        ServiceUrl = Channel.ServiceUrl,
        From = new ChannelAccount { Id = "user-7", Name = "User", Role = "user" },
        Recipient = new ChannelAccount { Id = "bot-9", Name = "Bot", Role = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
        Locale = "en-US",
        Timestamp = DateTimeOffset.UtcNow,
    };

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Connect_then_messages_gives_one_welcome_and_a_reply_per_message_addressed_back()
    {
        var connect = Emulator(ActivityTypes.ConversationUpdate, "cu-1");
        connect.MembersAdded = [new() { Id = "bot-9", Name = "Bot" }, new() { Id = "user-7", Name = "User" }];
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(connect)).StatusCode);

        var hello = Emulator(ActivityTypes.Message, "m-1");
        hello.Text = "hello";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(hello)).StatusCode);
        var again = Emulator(ActivityTypes.Message, "m-2");
        again.Text = "again";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(again)).StatusCode);

        var requests = Channel.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("8a684db0-c6b5-11ec-9d64-0242ac120002|livechat", r.ConversationId);
            Assert.Equal(r.ActivityId, r.Activity!.ReplyToId);
            Assert.Equal("8a684db0-c6b5-11ec-9d64-0242ac120002|livechat", r.Activity.Conversation!.Id);
            Assert.Equal(("bot-9", "user-7"), (r.Activity.From!.Id, r.Activity.Recipient!.Id));
            Assert.Null(r.Authorization); // no app id configured: no token sent
        });
        Assert.Equal(["cu-1", "m-1", "m-2"], requests.Select(r => r.ActivityId!).ToArray());
        Assert.Equal(["welcome", "echo: hello", "echo: again"], requests.Select(r => r.Activity!.Text!).ToArray());
        Assert.Equal([TurnKind.ConversationStart, TurnKind.Message, TurnKind.Message], _engine.Inputs.Select(i => i.Kind).ToArray());
        Assert.StartsWith("/v3/conversations/8a684db0-c6b5-11ec-9d64-0242ac120002%7Clivechat/activities/m-1", requests[1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Teams_message_with_the_bot_mention_reaches_the_dialog_without_it()
    {
        await using var teams = await LocalConnectorServer.StartAsync("amer");
        var message = Emulator(ActivityTypes.Message, "1481567603816");
        message.ChannelId = "msteams";
        message.ServiceUrl = teams.ServiceUrl;
        message.Conversation = new ConversationAccount { Id = "19:abc@thread.tacv2;messageid=1481567603816", IsGroup = true, ConversationType = "channel", TenantId = "t-1" };
        message.Text = "<at>Bot</at> hello there";
        message.Entities =
        [
            new Entity
            {
                Type = "mention",
                Properties = new Dictionary<string, System.Text.Json.JsonElement>
                {
                    ["mentioned"] = System.Text.Json.JsonDocument.Parse("{\"id\":\"bot-9\",\"name\":\"Bot\"}").RootElement,
                    ["text"] = System.Text.Json.JsonDocument.Parse("\"<at>Bot</at>\"").RootElement,
                },
            },
        ];

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).StatusCode);

        var reply = Assert.Single(teams.Requests);
        // The serviceUrl's own path (/amer/) is kept, and the dialog saw the text without the mention.
        Assert.StartsWith("/amer/v3/conversations/", reply.Path, StringComparison.Ordinal);
        Assert.Equal("19:abc@thread.tacv2;messageid=1481567603816", reply.ConversationId);
        Assert.Equal("hello there", Assert.Single(_engine.Inputs).Text);
        Assert.Equal("echo: hello there", reply.Activity!.Text);
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PATCH", HttpStatusCode.MethodNotAllowed)]
    public async Task Wrong_methods_get_405_with_Allow(string method, HttpStatusCode expected)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"no type\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"message\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("type=message", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{\"type\":\"event\",\"name\":\"x\"}", "application/json", HttpStatusCode.OK)]
    public async Task Bad_bodies_and_content_types_get_clear_codes(string body, string contentType, HttpStatusCode expected)
    {
        var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_gets_413()
    {
        var body = "{\"type\":\"message\",\"text\":\"" + new string('a', 300 * 1024) + "\"}";
        var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_details()
    {
        var live = await Client.GetAsync("/api/health");
        var ready = await Client.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "ready"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }
}
