using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Channels.Tests.Payloads;

namespace Chatbot.Channels.Tests.Activities;

public sealed class ActivityExtensionsTests
{
    [Theory]
    [InlineData("""{"language":"de-DE"}""", "de-DE")]
    [InlineData("""{"language":" en-US "}""", "en-US")]
    [InlineData("""{"language":""}""", null)]
    [InlineData("""{"language":42}""", null)]
    [InlineData("""{"language":"<script>"}""", null)] // not shaped like a language tag
    [InlineData("""{}""", null)]
    [InlineData("""[]""", null)]
    public void Web_Chats_join_event_is_read_with_its_language(string value, string? expected)
    {
        var join = Payload.Read("webchat-event-join");
        join.Value = System.Text.Json.JsonDocument.Parse(value).RootElement.Clone();

        Assert.True(join.IsWebChatJoin(out var language));
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData("event", "webchat/other")]
    [InlineData("message", "webchat/join")]
    public void Other_events_and_messages_are_no_join(string type, string name)
    {
        var activity = Payload.Read("webchat-event-join");
        (activity.Type, activity.Name) = (type, name);

        Assert.False(activity.IsWebChatJoin(out var language));
        Assert.Null(language);
    }

    [Fact]
    public void Reply_swaps_from_and_recipient_and_keeps_the_routing_fields()
    {
        var incoming = Payload.Read("emulator-message");

        var reply = incoming.CreateReply("Hello!");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("Hello!", reply.Text);
        Assert.Equal(incoming.Recipient!.Id, reply.From!.Id);
        Assert.Equal(incoming.Recipient.Name, reply.From.Name);
        Assert.Equal(incoming.From!.Id, reply.Recipient!.Id);
        Assert.Equal("2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9|livechat", reply.Conversation!.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal("http://localhost:52674", reply.ServiceUrl);
        Assert.Equal("emulator", reply.ChannelId);
        Assert.Equal("en-US", reply.Locale);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }

    [Fact]
    public void Reply_in_a_teams_channel_keeps_tenant_and_conversation_type()
    {
        var incoming = Payload.Read("teams-channel-message-mention");

        var reply = incoming.CreateReply("Booked.");

        Assert.Equal("19:0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a@thread.tacv2;messageid=1722102011187", reply.Conversation!.Id);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", reply.Conversation.TenantId);
        Assert.Equal("channel", reply.Conversation.ConversationType);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reply.ServiceUrl);
    }

    [Fact]
    public void Reply_does_not_share_objects_with_the_incoming_activity()
    {
        var incoming = Payload.Read("emulator-message");

        var reply = incoming.CreateReply();
        reply.From!.Name = "changed";
        reply.Conversation!.Id = "changed";

        Assert.Equal("Bot", incoming.Recipient!.Name);
        Assert.Equal("2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9|livechat", incoming.Conversation!.Id);
    }

    [Fact]
    public void Reply_serializes_without_incoming_only_fields()
    {
        var reply = Payload.Read("webchat-message").CreateReply("Hi");

        var json = JsonNode.Parse(ActivitySerializer.Serialize(reply))!.AsObject();

        Assert.False(json.ContainsKey("channelData"));
        Assert.False(json.ContainsKey("timestamp"));
        Assert.Equal("DxS9bWx1Jy6AhWqK1DTXcE-us|0000003", json["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public void Typing_goes_to_the_same_conversation()
    {
        var incoming = Payload.Read("teams-personal-message");

        var typing = incoming.CreateTyping();

        Assert.Equal(ActivityTypes.Typing, typing.Type);
        Assert.Equal(incoming.Conversation!.Id, typing.Conversation!.Id);
        Assert.Equal(incoming.Recipient!.Id, typing.From!.Id);
        Assert.Equal(incoming.From!.Id, typing.Recipient!.Id);
        Assert.Equal(incoming.ServiceUrl, typing.ServiceUrl);
        Assert.Null(typing.ReplyToId);
        Assert.Null(typing.Text);
    }

    [Theory]
    [InlineData("message", true)]
    [InlineData("Message", true)]
    [InlineData("conversationUpdate", false)]
    [InlineData(null, false)]
    public void IsMessage_compares_the_type_ignoring_case(string? type, bool expected)
    {
        Assert.Equal(expected, new Activity { Type = type }.IsMessage());
    }

    [Fact]
    public void Mentions_are_read_from_mention_entities_only()
    {
        var activity = Payload.Read("teams-channel-message-mention");

        var mentions = activity.GetMentions();

        Assert.Collection(
            mentions,
            m =>
            {
                Assert.Equal("28:4b5d7e2a-9c1f-4a3b-8d6e-0f1a2b3c4d5e", m.Mentioned.Id);
                Assert.Equal("<at>Leave Bot</at>", m.Text);
            },
            m =>
            {
                Assert.Equal("Adele Vance", m.Mentioned.Name);
                Assert.Equal("9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", m.Mentioned.AadObjectId);
            });
        Assert.True(activity.MentionsRecipient());
    }

    [Fact]
    public void Malformed_mention_entities_are_skipped()
    {
        var activity = Parse("""
            {"type":"message","entities":[
              {"type":"mention"},
              {"type":"mention","mentioned":"bot"},
              {"type":"mention","mentioned":{"name":"no id"}},
              {"type":"mention","mentioned":{"id":"28:x","name":7},"text":5}
            ]}
            """);

        var mention = Assert.Single(activity.GetMentions());
        Assert.Equal("28:x", mention.Mentioned.Id);
        Assert.Null(mention.Mentioned.Name);
        Assert.Null(mention.Text);
    }

    [Fact]
    public void Members_added_other_than_the_bot_are_the_users_to_welcome()
    {
        var activity = Payload.Read("emulator-conversationUpdate");

        var users = activity.GetMembersAddedOtherThanRecipient();

        Assert.Equal("a1d2c8e4-3b9f-4e61-8f2a-9d1f6c3b2e77", Assert.Single(users).Id);
        Assert.Empty(Payload.Read("teams-conversationUpdate-installed").GetMembersAddedOtherThanRecipient());
    }

    [Fact]
    public void Clone_is_deep()
    {
        var original = Payload.Read("unknown-fields");

        var copy = original.Clone();
        copy.From!.Id = "someone else";

        Assert.Equal("user-1", original.From!.Id);
        Assert.Equal(ActivitySerializer.Serialize(original), ActivitySerializer.Serialize(Payload.Read("unknown-fields")));
    }

    private static Activity Parse(string json)
    {
        Assert.True(ActivitySerializer.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), out var activity, out var error), error);
        return activity!;
    }

    [Fact]
    public void User_files_are_the_attachments_except_the_html_copy_of_the_text_Teams_adds()
    {
        var message = Payload.Read("teams-personal-message");
        message.Attachments =
        [
            new Attachment { ContentType = "image/*", ContentUrl = "https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d4-1/views/original" },
            new Attachment { ContentType = "text/html", Content = System.Text.Json.JsonDocument.Parse("\"<div><img src=\\\"x\\\"></div>\"").RootElement },
            new Attachment { ContentType = "application/vnd.microsoft.teams.file.download.info", Name = "leave.pdf" },
        ];

        var files = message.GetUserFiles();

        Assert.Equal(["image/*", "application/vnd.microsoft.teams.file.download.info"], files.Select(f => f.ContentType!).ToArray());
        Assert.Empty(Payload.Read("teams-personal-message").GetUserFiles());
    }
}
