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
}
