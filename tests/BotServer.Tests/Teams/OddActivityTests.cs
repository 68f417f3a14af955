using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Bot.Pipeline;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>
/// Red team round 4 through the real BotServer (sample bot, file store, a Teams channel): invokes with odd values,
/// reactions, edits and deletions that name no message, a conversation update with hundreds of members, a sender that
/// changes, odd locales and timestamps. Each gets its status (and a short reason where it is refused), never a 500, and a
/// conversation in the middle of a flow keeps its state byte for byte unless the activity is one the bot answers.
/// </summary>
public sealed class OddActivityTests : ChannelServerTest
{
    protected override string ChannelPath => "amer";

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject activity)
    {
        using var response = await Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string?> StoredAsync(string conversation = TeamsPayloads.PersonalConversation) =>
        (await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For("msteams", conversation), CancellationToken.None)) is { } stored
            ? Encoding.UTF8.GetString(stored.Content.Span)
            : null;

    // The order status flow, waiting for an order number.
    private async Task<string> MidFlowAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "where is my order"))).Status);
        Assert.Equal("What is your order number? It looks like AB12345.", Channel.Messages[^1].Text);
        Channel.Clear();
        return (await StoredAsync())!;
    }

    public static TheoryData<string, string?, string> RefusedCardActions => new()
    {
        { "adaptiveCard/action", null, "The invoke has no value object." },
        { "adaptiveCard/action", "\"approve\"", "The invoke has no value object." },
        { "adaptiveCard/action", "{}", "The invoke value has no action." },
        { "adaptiveCard/action", """{"action":null}""", "The invoke value has no action." },
        { "adaptiveCard/action", """{"action":"Action.Execute"}""", "The invoke value has no action." },
        { "adaptiveCard/action", """{"action":[{"type":"Action.Execute"}]}""", "The invoke value has no action." },
        { "adaptiveCard/action", """{"action":{"type":5}}""", "The action type '(none)' is not supported" },
    };

    [Theory]
    [MemberData(nameof(RefusedCardActions))]
    public async Task A_card_action_without_a_usable_action_gets_400_saying_what_is_missing_and_changes_nothing(string name, string? value, string reason)
    {
        var before = await MidFlowAsync();

        var (status, body) = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, name, value is null ? null : JsonNode.Parse(value)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonNode.Parse(body)!;
        Assert.Equal(400, (int)error["statusCode"]!);
        Assert.StartsWith(reason, (string)error["value"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("adaptiveCard/action", """{"action":{"type":"Action.Execute"}}""")] // no verb: not a card of this bot
    [InlineData("adaptiveCard/action", """{"action":{"type":"Action.Execute","verb":"chatbot.submit","data":5}}""")]
    [InlineData("adaptiveCard/action", """{"action":{"type":"Action.Execute","verb":"chatbot.submit","data":null}}""")]
    [InlineData("task/fetch", null)]
    [InlineData("task/fetch", "[]")]
    [InlineData("task/submit", "{}")]
    [InlineData("", "{}")]
    public async Task An_invoke_no_handler_takes_gets_501_whatever_its_value_and_changes_nothing(string name, string? value)
    {
        var before = await MidFlowAsync();

        var (status, body) = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, name, value is null ? null : JsonNode.Parse(value)));

        Assert.Equal(HttpStatusCode.NotImplemented, status);
        Assert.Equal("", body);
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("messageReaction", """{"reactionsAdded":[{"type":"like"}]}""")]
    [InlineData("messageReaction", "{}")]
    [InlineData("messageUpdate", """{"text":"AB12345","channelData":{"eventType":"editMessage"}}""")]
    [InlineData("messageDelete", """{"channelData":{"eventType":"softDeleteMessage"}}""")]
    public async Task A_reaction_edit_or_deletion_that_names_no_message_gets_200_and_changes_nothing(string type, string members)
    {
        var before = await MidFlowAsync();
        var activity = TeamsPayloads.Activity(type, Channel.ServiceUrl);
        foreach (var (key, node) in JsonNode.Parse(members)!.AsObject()) activity[key] = node?.DeepClone();
        if (activity["channelData"] is JsonObject data) data["tenant"] = new JsonObject { ["id"] = TeamsPayloads.TenantId };

        var (status, body) = await PostAsync(activity);

        Assert.Equal((HttpStatusCode.OK, ""), (status, body));
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task Reactions_of_the_wrong_type_get_400_naming_the_field()
    {
        var before = await MidFlowAsync();
        var activity = TeamsPayloads.Activity("messageReaction", Channel.ServiceUrl);
        activity["reactionsAdded"] = "like";

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("($.reactionsAdded)", body, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_conversation_update_with_five_hundred_members_is_one_welcome_in_a_new_chat_and_nothing_in_a_running_one()
    {
        var before = await MidFlowAsync();
        JsonArray Members()
        {
            var members = new JsonArray();
            for (var i = 0; i < 500; i++) members.Add(new JsonObject { ["id"] = "29:member-" + i });
            members.Add(new JsonObject { ["id"] = TeamsPayloads.BotId });
            return members;
        }

        var running = TeamsPayloads.Activity("conversationUpdate", Channel.ServiceUrl);
        running["membersAdded"] = Members();
        Assert.Equal((HttpStatusCode.OK, ""), await PostAsync(running));
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);

        var fresh = TeamsPayloads.Activity("conversationUpdate", Channel.ServiceUrl, "groupChat", "19:new-team-chat@thread.v2");
        fresh["membersAdded"] = Members();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(fresh)).Status);
        Assert.Single(Channel.Messages);
        Assert.True((await StoredAsync("19:new-team-chat@thread.v2"))!.Length < 4096, "the members are not kept in the state");
    }

    [Fact]
    public async Task Another_sender_in_the_same_conversation_goes_on_with_it()
    {
        // The conversation is the unit of state (a group chat has many senders); the channel's token vouches for the activity.
        await MidFlowAsync();
        var other = TeamsPayloads.Message(Channel.ServiceUrl, "AB12345");
        other["from"]!["id"] = "29:1someone-else";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(other)).Status);

        Assert.Contains("AB12345", await StoredAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(Channel.Messages);
    }

    [Theory]
    [InlineData("xx-INVALID", "Happy to chat! How can I help you?")]
    [InlineData("", "Happy to chat! How can I help you?")]
    [InlineData("../../etc", "Happy to chat! How can I help you?")]
    [InlineData("de-DE-x-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "Gerne! Wobei kann ich helfen?")]
    [InlineData("LONG", "Happy to chat! How can I help you?")]
    [InlineData("HUGE", "Happy to chat! How can I help you?")] // was a 400 for its length: the channel would drop the message
    public async Task A_locale_that_is_no_language_tag_is_answered_in_the_bots_first_language(string locale, string expected)
    {
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "hi");
        message["locale"] = locale switch { "LONG" => new string('q', 200), "HUGE" => new string('q', 100_000), _ => locale };

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).Status);

        Assert.Equal(expected, Channel.Messages[^1].Text);
    }

    [Theory]
    [InlineData("de-DE{NUL}{BEL}<script>", "de-DE", "Gerne! Wobei kann ich helfen?")]
    [InlineData("de-DE-x-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "de-DE", "Gerne! Wobei kann ich helfen?")]
    [InlineData("{NUL}", null, "Happy to chat! How can I help you?")]
    [InlineData("LONG", null, "Happy to chat! How can I help you?")]
    public async Task A_locale_is_stored_and_sent_back_only_as_the_language_tag_it_starts_with(string locale, string? kept, string expected)
    {
        // Before: stored in the conversation's address and copied onto every reply as sent, NUL, markup and all.
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "hi");
        message["locale"] = locale == "LONG" ? new string('q', 200) : locale.Replace("{NUL}", "\0", StringComparison.Ordinal).Replace("{BEL}", "\a", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).Status);

        var reply = Channel.Messages[^1];
        Assert.Equal(expected, reply.Text);
        Assert.Equal(kept ?? "en", reply.Locale); // no tag: the reply names the language it is in
        var reference = JsonNode.Parse((await StoredAsync())!)!["reference"]!.AsObject();
        Assert.Equal(kept, (string?)reference["locale"]);
    }

    public static TheoryData<string, string> Senderless => new()
    {
        { "message", "null" },
        { "message", "{}" },
        { "message", """{"id":""}""" },
        { "message", """{"id":"   ","name":"Megan Bowen"}""" },
        { "invoke", """{"name":"Megan Bowen"}""" },
        { "conversationUpdate", "null" },
    };

    [Theory]
    [MemberData(nameof(Senderless))]
    public async Task An_activity_without_a_sender_gets_400_naming_from_id_and_changes_nothing(string type, string from)
    {
        // Channels must name the sender (activity schema A2060). Before: the turn ran, the reply went out addressed to
        // nobody and the conversation's stored address lost its user.
        var before = await MidFlowAsync();
        var activity = type == "message" ? TeamsPayloads.Message(Channel.ServiceUrl, "AB12345") : TeamsPayloads.Activity(type, Channel.ServiceUrl);
        if (type == "invoke") (activity["name"], activity["value"]) = ("adaptiveCard/action", JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"chatbot.submit","data":{}}}"""));
        if (type == "conversationUpdate") activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsPayloads.BotId });
        activity["from"] = JsonNode.Parse(from);

        var (status, body) = await PostAsync(activity);

        Assert.Equal((HttpStatusCode.BadRequest, "The activity has no 'from.id'."), (status, body));
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    public static TheoryData<string, string?> Recipientless => new()
    {
        { "message", null },
        { "message", "null" },
        { "message", "{}" },
        { "message", """{"id":" ","name":"Contoso Shop"}""" },
        { "invoke", """{"name":"Contoso Shop"}""" },
        { "conversationUpdate", null },
    };

    [Theory]
    [MemberData(nameof(Recipientless))]
    public async Task An_activity_that_names_no_bot_as_recipient_gets_400_naming_recipient_id_and_changes_nothing(string type, string? recipient)
    {
        // Teams, Web Chat and the Emulator always say which bot an activity is for; the replies go out from it and the
        // stored address keeps it. Before: 200, the reply went out from nobody and the stored address lost its bot.
        var before = await MidFlowAsync();
        var activity = type == "message" ? TeamsPayloads.Message(Channel.ServiceUrl, "AB12345") : TeamsPayloads.Activity(type, Channel.ServiceUrl);
        if (type == "invoke") (activity["name"], activity["value"]) = ("adaptiveCard/action", JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"chatbot.submit","data":{}}}"""));
        if (type == "conversationUpdate") activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:new-user" });
        if (recipient is null) activity.Remove("recipient");
        else activity["recipient"] = JsonNode.Parse(recipient);

        var (status, body) = await PostAsync(activity);

        Assert.Equal((HttpStatusCode.BadRequest, "The activity has no 'recipient.id'."), (status, body));
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("webchat/join", """{"language":"de-DE"}""")]
    [InlineData("handoff.status", """{"state":"completed"}""")]
    public async Task An_event_that_would_run_a_turn_without_a_conversation_gets_400_not_500(string name, string value)
    {
        // Before: 500 "The bot could not process this activity." with a stack trace in the log, for every such post.
        var activity = TeamsPayloads.Activity("event", Channel.ServiceUrl);
        activity.Remove("conversation");
        (activity["name"], activity["value"]) = (name, JsonNode.Parse(value));

        var (status, body) = await PostAsync(activity);

        Assert.Equal((HttpStatusCode.BadRequest, "The activity has no 'conversation.id'."), (status, body));
        Assert.Empty(Channel.Requests);
        Assert.Empty(Directory.EnumerateFiles(Host.StateFolder, "*.json", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2026-12-06T10:00:00+14:00")]
    [InlineData("2026-12-06T10:00:00.123456789012Z")]
    public async Task A_timestamp_far_in_the_future_or_past_is_the_channels_business_the_turn_runs_on_the_servers_clock(string timestamp)
    {
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "hi");
        (message["timestamp"], message["localTimestamp"]) = (timestamp, timestamp);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).Status);

        Assert.Equal("Happy to chat! How can I help you?", Channel.Messages[^1].Text);
        var saved = JsonNode.Parse((await StoredAsync())!)!["lastActivityAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(saved, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Theory]
    [InlineData("timestamp", "0001-01-01T00:00:00+14:00")] // before the first instant there is
    [InlineData("localTimestamp", "9999-12-31T23:59:59-14:00")] // after the last
    [InlineData("timestamp", "2026-13-45T00:00:00Z")]
    [InlineData("localTimestamp", "2026-12-06T10:00:00-99:00")]
    [InlineData("expiration", "+002026-12-06T10:00:00Z")]
    public async Task A_timestamp_that_is_no_instant_gets_400_naming_the_field_and_changes_nothing(string field, string value)
    {
        var before = await MidFlowAsync();
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "AB12345");
        message[field] = value;

        var (status, body) = await PostAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"A timestamp must be an ISO 8601 date and time ($.{field}).", body);
        Assert.Equal(before, await StoredAsync());
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t\n\r")]
    [InlineData("\u00A0\u3000")]
    [InlineData("\u200B\u200B")]
    [InlineData("\u200E\u200F")]
    [InlineData("\u202E")]
    public async Task A_message_of_whitespace_or_invisible_characters_only_gets_the_reprompt_and_the_flow_stays(string text)
    {
        var before = await MidFlowAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, text))).Status);

        Assert.Equal("That does not look like an order number. Please use two letters and five digits, like AB12345.", Assert.Single(Channel.Messages).Text);
        Assert.Contains("\"step\":\"ask_order_id\"", await StoredAsync(), StringComparison.Ordinal);
        Assert.NotEqual(before, await StoredAsync()); // the attempt counts, like any answer the bot cannot take
    }
}
