using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Channels.Teams;
using Chatbot.Channels.Tests.Payloads;

namespace Chatbot.Channels.Tests.Teams;

public sealed class TeamsActivityNormalizerTests
{
    private const string BotId = "28:4b5d7e2a-9c1f-4a3b-8d6e-0f1a2b3c4d5e";

    [Fact]
    public void The_bots_own_mention_is_removed_and_other_mentions_stay()
    {
        var activity = Payload.Read("teams-channel-message-mention");

        Assert.True(TeamsActivityNormalizer.RemoveRecipientMention(activity));

        Assert.Equal("book Friday off for <at>Adele Vance</at>", activity.Text);
    }

    [Theory]
    [InlineData("<at>Leave Bot</at> help", "help")]
    [InlineData("<at>Leave Bot</at>help", "help")]
    [InlineData("help<at>Leave Bot</at>", "help")]
    [InlineData("please<at>Leave Bot</at>help", "please help")]
    [InlineData("please <at>Leave Bot</at>, help", "please, help")]
    [InlineData("Hi <at>Leave Bot</at>&nbsp;, can you help?", "Hi, can you help?")]
    [InlineData("thanks <at>Leave Bot</at>!", "thanks!")]
    [InlineData("line one\n<at>Leave Bot</at>: two", "line one\n: two")]
    [InlineData("<AT>leave bot</AT> help", "help")]
    [InlineData("<at id=\"0\">Leave Bot</at> help", "help")]
    [InlineData("<at itemid='0' class=\"x\">Leave Bot</at>  help  ", "help")]
    [InlineData("  <at>Leave Bot</at>&nbsp;help me", "help me")]
    [InlineData("<at>Leave Bot</at>\u00a0help", "help")]
    [InlineData("<at>Leave Bot</at> <at>Leave Bot</at> twice", "twice")]
    [InlineData("<at>Leave Bot</at>", "")]
    [InlineData("hey <at>Leave Bot</at>&nbsp;do it", "hey do it")]
    [InlineData("hey<at>Leave Bot</at>&nbsp;do it", "hey do it")]
    [InlineData("<at>Leave Bot</at> first\nsecond", "first\nsecond")]
    [InlineData("a\u0000b <at>Leave Bot</at> c", "a\u0000b c")]
    [InlineData("yes<at>Leave Bot</at><at>Adele Vance</at>", "yes <at>Adele Vance</at>")]
    public void Mention_markup_is_removed_however_the_client_wrote_it(string text, string expected)
    {
        var activity = Message(text, mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot");

        TeamsActivityNormalizer.RemoveRecipientMention(activity);

        Assert.Equal(expected, activity.Text);
    }

    [Theory]
    // Teams' quoted reply (the user quotes one of the bot's messages) puts a placeholder before what the user wrote.
    [InlineData("msteams", "plain", "<quoted messageId=\"1730798219547\"/>\nMain Street 1", "Main Street 1")]
    [InlineData("msteams", "plain", "<quoted messageId=\"1730798219547\"></quoted>2", "2")]
    [InlineData("msteams", "plain", "<quoted messageId=\"1\"/>\n<at>Leave Bot</at>&nbsp;help", "help")]
    // Teams text holds HTML entities (its text is XML-based: &nbsp; after a mention, &amp; in names); they are characters.
    [InlineData("msteams", "plain", "Smith &amp; Sons, O&#39;Neill Street &quot;3&quot;", "Smith & Sons, O'Neill Street \"3\"")]
    [InlineData("msteams", "plain", "I&nbsp;need help", "I need help")]
    // Markup (textFormat xml) is turned into the text it shows: breaks and paragraphs are line breaks, tags go.
    [InlineData("msteams", "xml", "<p>Main Street 1<br>Springfield</p>", "Main Street 1\nSpringfield")]
    [InlineData("msteams", "xml", "<div><div>I would like to <b>place an order</b></div></div>", "I would like to place an order")]
    [InlineData("webchat", "xml", "<p>Tom &amp; Jerry</p><p>second</p>", "Tom & Jerry\nsecond")]
    // What a user typed in plain text stays as typed: angle brackets in Teams, entities and tags elsewhere.
    [InlineData("msteams", "plain", "text <data> 3 < 4", "text <data> 3 < 4")]
    [InlineData("webchat", "plain", "Tom &amp; Jerry <p>", "Tom &amp; Jerry <p>")]
    [InlineData("webchat", null, "<quoted messageId=\"1\"/> hi", "<quoted messageId=\"1\"/> hi")]
    [InlineData("webchat", "plain", "  as typed  ", "  as typed  ")]
    public void The_user_text_is_what_the_user_wrote_without_Teams_markup(string channel, string? textFormat, string text, string expected)
    {
        var activity = Message(text, mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot");
        activity.ChannelId = channel;
        activity.TextFormat = textFormat;

        Assert.Equal(expected, activity.GetUserText());
    }

    [Theory]
    [InlineData("<at>Leave Bot</at> book Friday off for <at>Adele Vance</at>", "book Friday off for Adele Vance")]
    [InlineData("please ask <AT>adele vance</AT> and <at>R&amp;D Team</at>", "please ask adele vance and R&D Team")]
    // An <at> tag no mention entity names is not a mention: it stays as sent.
    [InlineData("ask <at>Nobody</at>", "ask <at>Nobody</at>")]
    public void Other_peoples_mentions_are_read_as_their_names(string text, string expected)
    {
        var activity = Message(text, mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot");
        activity.Entities = [.. activity.Entities!, .. Parse("""
            {"type":"message","entities":[{"type":"mention","text":"<at>Adele Vance</at>","mentioned":{"id":"29:adele","name":"Adele Vance"}},
             {"type":"mention","mentioned":{"id":"29:rd","name":"R&D Team"}}]}
            """).Entities!];

        Assert.Equal(expected, activity.GetUserText());
    }

    [Fact]
    public void A_huge_text_full_of_unclosed_tags_is_handled_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("<at x>", 40_000)) + "<at>Leave Bot</at> hi";
        var activity = Message(text, mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot");

        TeamsActivityNormalizer.RemoveRecipientMention(activity);

        Assert.EndsWith("<at x> hi", activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_entities_and_members_are_ignored()
    {
        var activity = Parse($$"""
            {"type":"conversationUpdate","text":"<at>Leave Bot</at> x","recipient":{"id":"{{BotId}}"},
             "entities":[null,{"type":"mention","mentioned":{"id":"{{BotId}}"},"text":"<at>Leave Bot</at>"}],
             "membersAdded":[null,{"id":"{{BotId}}"}],"membersRemoved":[null]}
            """);

        Assert.Equal("x", activity.GetTextWithoutRecipientMention());
        Assert.Equal(BotInstallationChange.Installed, activity.GetBotInstallationChange());
        Assert.Empty(activity.GetMembersAddedOtherThanRecipient());
    }

    [Fact]
    public void Html_encoded_names_match()
    {
        var activity = Message("<at>R&amp;D Helper</at> status", mentionText: "<at>R&amp;D Helper</at>", mentionedName: "R&D Helper");

        TeamsActivityNormalizer.RemoveRecipientMention(activity);

        Assert.Equal("status", activity.Text);
    }

    [Fact]
    public void Markup_that_is_not_an_at_tag_is_removed_as_sent()
    {
        var activity = Message("@Leave Bot what's up", mentionText: "@Leave Bot", mentionedName: "Leave Bot");

        TeamsActivityNormalizer.RemoveRecipientMention(activity);

        Assert.Equal("what's up", activity.Text);
    }

    [Fact]
    public void The_mentioned_name_is_used_when_the_entity_has_no_text()
    {
        var activity = Message("<at>Leave Bot</at> hi", mentionText: null, mentionedName: "Leave Bot");

        TeamsActivityNormalizer.RemoveRecipientMention(activity);

        Assert.Equal("hi", activity.Text);
    }

    [Fact]
    public void A_mention_of_someone_with_the_same_markup_but_another_id_is_left_alone()
    {
        var activity = Message("<at>Leave Bot</at> hi", mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot", mentionedId: "29:someone");

        Assert.False(TeamsActivityNormalizer.RemoveRecipientMention(activity));

        Assert.Equal("<at>Leave Bot</at> hi", activity.Text);
    }

    [Fact]
    public void Text_without_the_bots_mention_is_not_touched_even_with_spaces()
    {
        var activity = Message("  hello  ", mentionText: "<at>Leave Bot</at>", mentionedName: "Leave Bot");

        Assert.False(TeamsActivityNormalizer.RemoveRecipientMention(activity));
        Assert.Equal("  hello  ", activity.Text);
    }

    // Teams always sends the mention entity; a client or proxy that drops it (or its "mentioned") left the bot's name in
    // the text, and "<at>Leave Bot</at> hello" reached the recognizer as "Leave Bot hello". Someone else's tag stays.
    [Theory]
    [InlineData(null)]
    [InlineData("""{"type":"mention","text":"<at>Leave Bot</at>"}""")]
    public void Without_a_usable_mention_entity_an_at_tag_with_the_bots_own_name_is_still_its_mention(string? entity)
    {
        var activity = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "msteams",
            ["text"] = "<at>Leave Bot</at> hello <at>Adele Vance</at>",
            ["recipient"] = new System.Text.Json.Nodes.JsonObject { ["id"] = BotId, ["name"] = "Leave Bot" },
        };
        if (entity is not null) activity["entities"] = new System.Text.Json.Nodes.JsonArray(System.Text.Json.Nodes.JsonNode.Parse(entity));

        Assert.Equal("hello <at>Adele Vance</at>", Parse(activity.ToJsonString()).GetTextWithoutRecipientMention());
    }

    [Fact]
    public void A_personal_message_without_mentions_is_unchanged()
    {
        var activity = Payload.Read("teams-personal-message");

        Assert.False(TeamsActivityNormalizer.RemoveRecipientMention(activity));
        Assert.Equal("What is my leave balance?", activity.Text);
    }

    [Fact]
    public void Bot_added_in_conversation_update_is_an_install()
    {
        Assert.Equal(
            BotInstallationChange.Installed,
            TeamsActivityNormalizer.GetBotInstallationChange(Payload.Read("teams-conversationUpdate-installed")));
    }

    [Fact]
    public void A_user_joining_is_not_an_install()
    {
        var activity = Parse($$"""
            {"type":"conversationUpdate","recipient":{"id":"{{BotId}}"},"membersAdded":[{"id":"29:user"}]}
            """);

        Assert.Equal(BotInstallationChange.None, TeamsActivityNormalizer.GetBotInstallationChange(activity));
    }

    [Fact]
    public void Bot_removed_in_conversation_update_is_an_uninstall()
    {
        var activity = Parse($$"""
            {"type":"conversationUpdate","recipient":{"id":"{{BotId}}"},"membersRemoved":[{"id":"{{BotId}}"}]}
            """);

        Assert.Equal(BotInstallationChange.Uninstalled, TeamsActivityNormalizer.GetBotInstallationChange(activity));
    }

    [Theory]
    [InlineData("add", nameof(BotInstallationChange.Installed))]
    [InlineData("add-upgrade", nameof(BotInstallationChange.Upgraded))]
    [InlineData("remove", nameof(BotInstallationChange.Uninstalled))]
    [InlineData("remove-upgrade", nameof(BotInstallationChange.Uninstalled))]
    [InlineData("Add", nameof(BotInstallationChange.Installed))]
    [InlineData("something-new", nameof(BotInstallationChange.None))]
    [InlineData(null, nameof(BotInstallationChange.None))]
    public void Installation_update_actions_map_to_changes(string? action, string expected) // the change type is internal, so the rows name it
    {
        var activity = Payload.Read("teams-installationUpdate");
        activity.Action = action;

        Assert.Equal(Enum.Parse<BotInstallationChange>(expected), TeamsActivityNormalizer.GetBotInstallationChange(activity));
    }

    [Fact]
    public void A_message_is_no_installation_change()
    {
        Assert.Equal(BotInstallationChange.None, TeamsActivityNormalizer.GetBotInstallationChange(Payload.Read("teams-personal-message")));
    }

    [Fact]
    public void Channel_data_gives_tenant_team_and_channel()
    {
        var data = TeamsActivityNormalizer.GetTeamsChannelData(Payload.Read("teams-channel-message-mention"));

        Assert.Equal(
            new TeamsChannelData(
                TenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
                TeamId: "19:c1a2b3d4e5f64789a0b1c2d3e4f5a6b7@thread.tacv2",
                TeamName: "HR Department",
                ChannelId: "19:0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a@thread.tacv2",
                ChannelName: "Holidays",
                EventType: null),
            data);
    }

    [Fact]
    public void Channel_data_gives_the_event_type()
    {
        var data = TeamsActivityNormalizer.GetTeamsChannelData(Payload.Read("teams-conversationUpdate-installed"));

        Assert.Equal("teamMemberAdded", data!.EventType);
        Assert.Equal("HR Department", data.TeamName);
        Assert.Null(data.ChannelId);
    }

    [Fact]
    public void Channel_data_of_the_wrong_shape_gives_nulls_not_errors()
    {
        var activity = Parse("""
            {"type":"message","conversation":{"id":"c","tenantId":"t-conv"},
             "channelData":{"tenant":"not-an-object","team":{"id":5},"channel":[],"eventType":{}}}
            """);

        Assert.Equal(new TeamsChannelData("t-conv", null, null, null, null, null), TeamsActivityNormalizer.GetTeamsChannelData(activity));
    }

    [Fact]
    public void Without_channel_data_there_is_nothing_unless_the_conversation_names_a_tenant()
    {
        var emulator = Payload.Read("emulator-conversationUpdate");
        Assert.Null(emulator.ChannelData);
        Assert.Null(TeamsActivityNormalizer.GetTeamsChannelData(emulator));
        Assert.Equal("t", TeamsActivityNormalizer.GetTeamsChannelData(new Activity { Conversation = new() { Id = "c", TenantId = "t" } })!.TenantId);
    }

    private static Activity Message(string text, string? mentionText, string? mentionedName, string mentionedId = BotId)
    {
        var entity = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = mentionedId, ["name"] = mentionedName },
        };
        if (mentionText is not null)
        {
            entity["text"] = mentionText;
        }

        var activity = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "msteams",
            ["text"] = text,
            ["recipient"] = new System.Text.Json.Nodes.JsonObject { ["id"] = BotId, ["name"] = "Leave Bot" },
            ["entities"] = new System.Text.Json.Nodes.JsonArray(entity),
        };
        return Parse(activity.ToJsonString());
    }

    private static Activity Parse(string json)
    {
        Assert.True(ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out var activity, out var error), error);
        return activity!;
    }
}
