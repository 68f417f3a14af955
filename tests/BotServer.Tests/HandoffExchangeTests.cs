using System.Net;
using System.Text;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The Bot Framework handoff protocol through the real BotServer and the sample bot, as an agent hub at the channel's
/// end sees it: the handoff message, then a <c>handoff.initiate</c> event with the transcript; the hub's
/// <c>handoff.status</c> events silence the bot while a person has the conversation and give it back.
/// </summary>
public sealed class HandoffExchangeTests : ChannelServerTest
{
    private async Task<HttpResponseMessage> PostAsync(Activity activity) =>
        await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));

    private async Task SayAsync(ChannelConversation chat, string id, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(chat.Message(id, text))).StatusCode);

    private static Activity Status(ChannelConversation chat, string id, object value)
    {
        var status = chat.Message(id, "");
        status.Type = ActivityTypes.Event;
        status.Text = null;
        status.Name = "handoff.status";
        status.Value = JsonSerializer.SerializeToElement(value);
        return status;
    }

    [Fact]
    public async Task The_hub_gets_the_transcript_and_the_bot_is_silent_while_a_person_has_the_conversation()
    {
        await SayAsync(Chat, "m-1", "I want to buy a laptop");
        Channel.Clear();
        await SayAsync(Chat, "m-2", "I want to talk to a human");

        var sent = Channel.Activities;
        Assert.Equal([ActivityTypes.Message, ActivityTypes.Event], sent.Select(a => a.Type!).ToArray());
        var initiate = sent[1];
        Assert.Equal("handoff.initiate", initiate.Name);
        Assert.Equal("m-2", initiate.ReplyToId);
        Assert.Equal(Chat.Id, initiate.Conversation!.Id);
        Assert.Equal("place_order", initiate.Value!.Value.GetProperty("flow").GetString());
        var transcript = Assert.Single(initiate.Attachments!);
        Assert.Equal(("application/json", "Transcript"), (transcript.ContentType, transcript.Name));
        var lines = transcript.Content!.Value.GetProperty("activities").EnumerateArray()
            .Select(a => (a.GetProperty("from").GetProperty("role").GetString(), a.GetProperty("text").GetString())).ToList();
        Assert.Contains(("user", "I want to buy a laptop"), lines);
        Assert.Contains(lines, l => l.Item1 == "bot");

        Channel.Clear();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Status(Chat, "h-1", new { state = "accepted" }))).StatusCode);
        await SayAsync(Chat, "m-3", "hello? is anyone there?");
        Assert.Empty(Channel.Activities);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Status(Chat, "h-2", new { state = "completed" }))).StatusCode);
        Assert.Equal(["You are back with the assistant. What else can I do for you?"], Channel.Messages.Select(m => m.Text!).ToArray());

        Channel.Clear();
        await SayAsync(Chat, "m-4", "I want to buy a phone");
        Assert.NotEmpty(Channel.Messages);
    }

    [Fact]
    public async Task A_status_without_a_state_is_400_with_the_reason()
    {
        await SayAsync(Chat, "m-1", "I want to talk to a human");
        Channel.Clear();
        var response = await PostAsync(Status(Chat, "h-1", new { message = "agent left" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("handoff.status needs a value with a state of 'accepted', 'failed' or 'completed'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Channel.Activities);
    }

    [Fact]
    public async Task Teams_gets_the_handoff_message_but_no_event_which_its_service_refuses()
    {
        await using var teams = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("msteams", "a:1personal-chat", teams.ServiceUrl);
        await SayAsync(chat, "m-1", "I want to talk to a human");
        Assert.Equal([ActivityTypes.Message], teams.Activities.Select(a => a.Type!).ToArray());
    }

    [Theory]
    [InlineData("directline", "accepted")]
    [InlineData("webchat", "completed")]
    public async Task A_status_from_a_channel_the_user_writes_on_is_refused_and_the_bot_keeps_answering(string channelId, string state)
    {
        // Before: 200, and "accepted" silenced the bot for up to 8 hours for anyone chatting through Direct Line or Web Chat.
        var chat = new ChannelConversation(channelId, $"{channelId}-conversation-1", Channel.ServiceUrl);
        await SayAsync(chat, "m-1", "I want to talk to a human");
        Channel.Clear();

        var response = await PostAsync(Status(chat, "h-1", new { state }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"Only the agent hub may send 'handoff.status', and channel '{channelId}' is not one (Handoff:HubChannelIds).", await response.Content.ReadAsStringAsync());
        Assert.Empty(Channel.Activities);
        await SayAsync(chat, "m-2", "I want to buy a phone");
        Assert.NotEmpty(Channel.Messages);
    }

    [Fact]
    public async Task A_status_posted_by_the_user_of_the_built_in_direct_line_is_refused_and_the_bot_keeps_answering()
    {
        var (conversationId, token, _) = await Client.StartDirectLineAsync();
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(conversationId, token, """{"type":"message","text":"I want to talk to a human"}""")).StatusCode);

        using var refused = await Client.PostActivityAsync(conversationId, token, """{"type":"event","name":"handoff.status","value":{"state":"accepted"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("Only the agent hub may send 'handoff.status', and channel 'directline' is not one (Handoff:HubChannelIds).", error.GetProperty("message").GetString());
        var before = (await BotTextsAsync(conversationId, token)).Count;
        Assert.Equal(HttpStatusCode.OK, (await Client.PostActivityAsync(conversationId, token, """{"type":"message","text":"I want to buy a phone"}""")).StatusCode);
        Assert.True((await BotTextsAsync(conversationId, token)).Count > before, "the bot stayed silent after a user's handoff.status");
    }

    [Fact]
    public async Task The_channel_the_operator_names_as_the_hubs_may_hand_the_conversation_to_a_person_and_back()
    {
        await using var host = new BotServerHost().WithSetting("Handoff:HubChannelIds:0", "omnichannel");
        using var client = host.CreateClient();
        var hub = new ChannelConversation("omnichannel", "hub-conversation-1", Channel.ServiceUrl);
        Task<HttpResponseMessage> Post(Activity activity) =>
            client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, (await Post(hub.Message("m-1", "I want to talk to a human"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Post(Status(hub, "h-1", new { state = "accepted" }))).StatusCode);
        Channel.Clear();
        Assert.Equal(HttpStatusCode.OK, (await Post(hub.Message("m-2", "hello? is anyone there?"))).StatusCode);
        Assert.Empty(Channel.Activities);
        Assert.Equal(HttpStatusCode.OK, (await Post(Status(hub, "h-2", new { state = "completed" }))).StatusCode);
        Assert.Equal(["You are back with the assistant. What else can I do for you?"], Channel.Messages.Select(m => m.Text!).ToArray());

        // Naming the hub's channel opens no other: Direct Line, where users write, stays closed.
        var user = new ChannelConversation("directline", "dl-conversation-1", Channel.ServiceUrl);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Status(user, "h-3", new { state = "accepted" }))).StatusCode);
    }

    private async Task<List<string>> BotTextsAsync(string conversationId, string token)
    {
        using var feed = await Client.DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        return [.. JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "message" && !(a.GetProperty("from").TryGetProperty("role", out var role) && role.GetString() == "user"))
            .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];
    }
}
