using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// Issue 12: payloads as Teams, Web Chat (through Direct Line) and the Emulator post them, through /api/messages of
/// the real BotServer and the sample bot: what the user sees (the reply, or none), the HTTP answer the channel needs,
/// and no state for what the bot ignores.
/// </summary>
public sealed partial class ChannelPayloadTests : ChannelServerTest
{
    // No typing indicators: the tests count what reaches the channel. Lexical understanding: the same answers whether
    // or not the embedded model has finished loading.
    protected override BotServerHost CreateHost() => new BotServerHost()
        .WithSetting("Turn:TypingDelay", "00:00:00")
        .WithSetting("Understanding:Mode", "lexical");

    private async Task<(HttpStatusCode Status, string Body, IReadOnlyList<Activity> Sent)> PostAsync(JsonObject payload)
    {
        var before = Channel.Requests.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), [.. Channel.Requests.Skip(before).Select(r => r.Activity!)]);
    }

    private Task<(HttpStatusCode Status, string Body, IReadOnlyList<Activity> Sent)> PostAsync(string name) =>
        PostAsync(ChannelPayloads.Load(name, Channel.ServiceUrl));

    private async Task<StoredDocument?> StoredAsync(JsonObject payload) =>
        await Host.GetRequiredService<IConversationStore>().ReadAsync(
            ConversationKey.For(ChannelPayloads.ChannelId(payload), ChannelPayloads.ConversationId(payload)), CancellationToken.None);

    public static TheoryData<string> NeedNoReply =>
    [
        "teams-conversationUpdate-teamMemberAdded",
        "teams-conversationUpdate-channelCreated",
        "teams-conversationUpdate-teamRenamed",
        "teams-conversationUpdate-botRemoved",
        "teams-installationUpdate",
        "teams-installationUpdate-remove",
        "teams-messageReaction",
        "teams-messageReaction-removed",
        "webchat-typing",
        "teams-conversationUpdate-teamMemberRemoved",
        "teams-messageUpdate-edit",
        "teams-messageDelete",
        "teams-event-readReceipt",
    ];

    [Theory]
    [MemberData(nameof(NeedNoReply))]
    public async Task An_event_that_needs_no_answer_gets_200_no_reply_and_no_state(string name)
    {
        var payload = ChannelPayloads.Load(name, Channel.ServiceUrl);

        var (status, body, sent) = await PostAsync(payload);

        Assert.Equal((HttpStatusCode.OK, ""), (status, body));
        Assert.Empty(sent);
        Assert.Null(await StoredAsync(payload));
    }

    [Theory]
    [InlineData("teams-invoke-task-fetch", HttpStatusCode.NotImplemented)]
    [InlineData("teams-invoke-composeExtension-query", HttpStatusCode.NotImplemented)]
    [InlineData("teams-invoke-adaptiveCard-action", HttpStatusCode.NotImplemented)] // a card the bot did not send
    [InlineData("teams-invoke-signin-verifyState", HttpStatusCode.OK)]
    [InlineData("teams-invoke-fileConsent", HttpStatusCode.OK)]
    public async Task A_Teams_invoke_gets_the_status_Teams_expects_with_an_empty_body_and_no_reply(string name, HttpStatusCode expected)
    {
        var payload = ChannelPayloads.Load(name, Channel.ServiceUrl);

        var (status, body, sent) = await PostAsync(payload);

        Assert.Equal((expected, ""), (status, body));
        Assert.Empty(sent);
        Assert.Null(await StoredAsync(payload));
    }

    // An adaptiveCard/action carries an Action.Execute; without one the Bot Framework SDK answers 400 with the Universal
    // Actions error body, which Teams shows on the card. Before: 501 with an empty body, as for a card the bot never sent.
    [Theory]
    [InlineData("""{"action":{"type":"Action.Submit","data":{"choice":"laptop"}}}""", "NotSupported")]
    [InlineData("""{"trigger":"manual"}""", "BadRequest")]
    [InlineData("""null""", "BadRequest")]
    [InlineData("""["Action.Execute"]""", "BadRequest")]
    public async Task A_card_action_invoke_without_an_Action_Execute_gets_400_with_the_Universal_Actions_error_body(string value, string code)
    {
        var payload = ChannelPayloads.Load("teams-invoke-adaptiveCard-action", Channel.ServiceUrl);
        payload["value"] = JsonNode.Parse(value);

        var (status, body, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var answer = JsonDocument.Parse(body);
        Assert.Equal(400, answer.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", answer.RootElement.GetProperty("type").GetString());
        Assert.Equal(code, answer.RootElement.GetProperty("value").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(answer.RootElement.GetProperty("value").GetProperty("message").GetString()));
        Assert.Empty(sent);
        Assert.Null(await StoredAsync(payload));
    }

    [Fact]
    public async Task A_health_check_invoke_is_answered_healthy_without_a_token_and_without_a_reply()
    {
        // The Bot Framework's healthCheck invoke got 501 (no handler); the SDK answers 200 with healthResults.
        var payload = ChannelPayloads.Load("teams-invoke-fileConsent", Channel.ServiceUrl);
        payload["name"] = "healthCheck";
        payload.Remove("value");

        var (status, body, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        using var answer = JsonDocument.Parse(body);
        var results = answer.RootElement.GetProperty("healthResults");
        Assert.True(results.GetProperty("success").GetBoolean());
        Assert.False(results.TryGetProperty("authorization", out _));
        Assert.Empty(sent);
        Assert.Null(await StoredAsync(payload));
    }

    [Theory]
    [InlineData("teams-conversationUpdate-personal-installed")]
    [InlineData("teams-conversationUpdate-installed")] // the bot added to a team: the welcome goes to the channel once
    [InlineData("emulator-conversationUpdate")]
    [InlineData("webchat-conversationUpdate")]
    [InlineData("webchat-event-join")] // Web Chat's join where no conversationUpdate greeted first (issue 12)
    public async Task Installing_or_connecting_gives_one_welcome_with_its_buttons_addressed_back(string name)
    {
        var payload = ChannelPayloads.Load(name, Channel.ServiceUrl);

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        var welcome = Assert.Single(sent);
        Assert.StartsWith("Hi! I am the Contoso Shop assistant.", welcome.Text, StringComparison.Ordinal);
        Assert.Equal(["Check an order", "Place an order", "Report a problem"], ButtonTitles(welcome));
        Assert.Equal(ChannelPayloads.ConversationId(payload), welcome.Conversation!.Id);
        Assert.Equal((string)payload["id"]!, welcome.ReplyToId);
    }

    [Theory]
    [InlineData("teams-conversationUpdate-personal-installed")]
    [InlineData("teams-conversationUpdate-installed")]
    public async Task Teams_announcing_the_bot_again_in_the_same_conversation_gives_no_second_welcome(string name)
    {
        // A reinstall, an app update or a re-add to the team: Teams posts the bot's membersAdded again (a new activity
        // id). Before: a second welcome each time.
        var install = ChannelPayloads.Load(name, Channel.ServiceUrl);
        Assert.Single((await PostAsync(install)).Sent);

        install["id"] = "f:reinstalled-" + name;
        var (status, body, sent) = await PostAsync(install);

        Assert.Equal((HttpStatusCode.OK, ""), (status, body));
        Assert.Empty(sent);
    }

    [Fact]
    public async Task A_Teams_reinstall_in_the_middle_of_an_order_leaves_the_order_where_it_was()
    {
        var install = ChannelPayloads.Load("teams-conversationUpdate-personal-installed", Channel.ServiceUrl);
        JsonObject Say(string text, string id)
        {
            var message = ChannelPayloads.Load("teams-personal-message", Channel.ServiceUrl);
            (message["id"], message["text"], message["conversation"], message["recipient"]) = (id, text, install["conversation"]!.DeepClone(), install["recipient"]!.DeepClone());
            return message;
        }

        // The user's first message can come before the install's update: no welcome after it either.
        Assert.Equal("How many would you like?", Assert.Single((await PostAsync(Say("I want to buy a laptop", "m-1"))).Sent).Text);
        Assert.Empty((await PostAsync(install)).Sent);

        Assert.Equal("Which size would you like?", Assert.Single((await PostAsync(Say("2", "m-2"))).Sent).Text);
    }

    [Fact]
    public async Task In_a_Teams_group_chat_or_channel_the_buttons_come_as_a_card_because_Teams_shows_suggested_actions_only_in_personal_chats()
    {
        var ask = ChannelPayloads.Load("teams-groupchat-message-mention", Channel.ServiceUrl);
        ask["text"] = "<at>Contoso Shop</at> I would like to place an order.";

        var question = Assert.Single((await PostAsync(ask)).Sent);

        Assert.Equal("Which product would you like?", question.Text);
        Assert.Null(question.SuggestedActions);
        var card = Assert.Single(question.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.hero", card.ContentType);
        var buttons = card.Content!.Value.GetProperty("buttons").EnumerateArray().ToList();
        Assert.All(buttons, b => Assert.Equal("imBack", b.GetProperty("type").GetString()));
        Assert.Equal(["Laptop", "Phone", "Tablet"], buttons.Select(b => b.GetProperty("title").GetString()!).ToArray());

        // A click posts the button's value as the user's message, which the bot reads like any message in the chat.
        var click = ChannelPayloads.Load("teams-groupchat-message-mention", Channel.ServiceUrl);
        (click["id"], click["text"]) = ("1730798099001", "<at>Contoso Shop</at> " + buttons[0].GetProperty("value").GetString());
        Assert.Equal("How many would you like?", Assert.Single((await PostAsync(click)).Sent).Text);
    }

    /// <summary>The titles of a reply's buttons: suggested actions, or a hero card's buttons where Teams shows no suggested actions.</summary>
    private static string[] ButtonTitles(Activity reply) =>
        reply.SuggestedActions?.Actions is { } actions
            ? [.. actions.Select(a => a.Title!)]
            : [.. Assert.Single(reply.Attachments!, a => a.ContentType == "application/vnd.microsoft.card.hero").Content!.Value
                .GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("title").GetString()!)];

    [Fact]
    public async Task A_Teams_channel_message_mentioning_the_bot_is_answered_in_its_thread_without_the_mention()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Assert.Single(sent, a => a.Type == ActivityTypes.Message);
        Assert.Equal("What is your order number? It looks like AB12345.", reply.Text);
        Assert.Equal(("19:0d1b6e5e7d2a4b5a9a1c3f6e8b2d4c7a@thread.tacv2;messageid=1730797964011", "1730797964011"), (reply.Conversation!.Id, reply.ReplyToId));
    }

    [Theory]
    [InlineData("teams-personal-message-quotedReply")] // the user quotes the bot's question and answers under it
    [InlineData("teams-personal-message-xml")]         // the address written with markup
    public async Task An_address_given_in_a_quoted_reply_or_markup_is_repeated_back_as_plain_text(string addressPayload)
    {
        JsonObject Say(string text)
        {
            var message = ChannelPayloads.Load("teams-personal-message-quotedReply", Channel.ServiceUrl);
            (message["id"], message["text"]) = ("m-" + text, text);
            message.Remove("attachments");
            message["entities"]!.AsArray().RemoveAt(0); // not a quoted reply
            return message;
        }

        foreach (var text in (string[])["I want to buy a laptop", "2", "small"]) await PostAsync(Say(text));
        Assert.Equal("What e-mail address should we use?", Assert.Single((await PostAsync(addressPayload)).Sent).Text);

        var confirm = (await PostAsync(Say("megan@contoso.com"))).Sent[^1];

        var address = addressPayload.EndsWith("xml", StringComparison.Ordinal) ? "Smith & Sons\n1 Main Street\nSpringfield" : "Smith & Sons, 1 Main Street, Springfield";
        Assert.Equal($"So that is 2 x Laptop (small) to {address}, confirmation to megan@contoso.com. Shall I place the order?", confirm.Text);
    }

    [Theory]
    [InlineData("teams-channel-message-mention-last", "Which product would you like?")] // the bot named at the end, "&amp;" in the text
    [InlineData("teams-personal-message-emoji", "How many would you like?")]
    [InlineData("webchat-message-value", "Which product would you like?")] // a suggested action's postBack of an object
    [InlineData("webchat-message-image", "Sorry, I can't read files yet. Please tell me in words what you need.")] // a pasted image, no text
    public async Task An_ordinary_channel_message_gets_its_answer(string name, string expected)
    {
        var (status, _, sent) = await PostAsync(name);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, Assert.Single(sent).Text);
    }

    // Shapes a channel or a client library may produce around an ordinary message: each is read like the message
    // without it (probed in session 24: none was a 400 or a 500, and none should become one).
    [Theory]
    [InlineData("attachments", "[null]")]
    [InlineData("entities", """[null,{"type":"mention"},{"type":"mention","mentioned":null},{"type":"mention","mentioned":{"name":"x"}}]""")]
    [InlineData("speak", "\"<speak>I would like to place an order.</speak>\"")]
    [InlineData("inputHint", "\"expectingInput\"")]
    [InlineData("channelData", "\"not an object\"")]
    [InlineData("suggestedActions", """{"actions":[null]}""")]
    [InlineData("value", "null")]
    public async Task An_odd_but_harmless_field_leaves_the_message_its_ordinary_answer(string field, string json)
    {
        var payload = ChannelPayloads.Load("teams-personal-message", Channel.ServiceUrl);
        payload["text"] = "I would like to place an order.";
        payload[field] = JsonNode.Parse(json);

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Which product would you like?", Assert.Single(sent).Text);
    }

    [Fact]
    public async Task A_conversation_update_whose_members_hold_a_null_still_welcomes_once()
    {
        var payload = ChannelPayloads.Load("teams-conversationUpdate-personal-installed", Channel.ServiceUrl);
        payload["membersAdded"]!.AsArray().Insert(0, null);

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Hi! I am the Contoso Shop assistant.", Assert.Single(sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Teams_message_that_only_mentions_the_bot_gets_what_the_bot_can_do()
    {
        // "@Contoso Shop" and nothing else: the user calls the bot. Before: "Sorry, I did not understand that."
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = "<at>Contoso Shop</at>&nbsp;\n";

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("I can check the status of an order, place a new order, or report a problem", Assert.Single(sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Teams_card_submit_without_text_answers_with_the_buttons_value()
    {
        var (status, _, sent) = await PostAsync("teams-personal-message-submit");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Which product would you like?", Assert.Single(sent, a => a.Type == ActivityTypes.Message).Text);
    }

    [Fact]
    public async Task A_Teams_locale_in_lower_case_gets_the_German_answer()
    {
        var (_, _, sent) = await PostAsync("teams-personal-message-de");

        Assert.Equal("Wie lautet Ihre Bestellnummer? Sie sieht aus wie AB12345.", Assert.Single(sent, a => a.Type == ActivityTypes.Message).Text);
    }

    [Fact]
    public async Task Web_Chat_imBack_and_postBack_clicks_are_answered_as_the_buttons()
    {
        Assert.Equal("What is your order number? It looks like AB12345.", Assert.Single((await PostAsync("webchat-message-imBack")).Sent).Text);

        // postBack "place_order": Web Chat sends a string value as hidden text with channelData.postBack; the dialogs
        // read a button's exact value as that button, also at an open question.
        Assert.Equal("Which product would you like?", Assert.Single((await PostAsync("webchat-message-postBack")).Sent).Text);
    }

    [Fact]
    public async Task A_Web_Chat_messageBack_is_read_as_its_text_and_the_displayText_is_only_shown()
    {
        var click = ChannelPayloads.Load("webchat-message-messageBack", Channel.ServiceUrl);
        click["text"] = "I would like to place an order.";

        Assert.Equal("Which product would you like?", Assert.Single((await PostAsync(click)).Sent).Text);
    }

    [Fact]
    public async Task The_Emulators_inspect_command_gets_a_notice_and_leaves_the_conversation_where_it_was()
    {
        JsonObject Say(string text, string id)
        {
            var message = ChannelPayloads.Load("emulator-message", Channel.ServiceUrl);
            (message["text"], message["id"]) = (text, id);
            return message;
        }

        await PostAsync(Say("I want to buy a laptop", "m-1"));
        var inspect = ChannelPayloads.Load("emulator-message-inspect-open", Channel.ServiceUrl);
        var dialogBefore = await DialogAsync(inspect);

        var (status, _, sent) = await PostAsync(inspect);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Inspection sessions (/INSPECT open, /INSPECT attach) are not supported", Assert.Single(sent).Text, StringComparison.Ordinal);
        Assert.Equal(dialogBefore, await DialogAsync(inspect)); // not an answer to "How many?": no attempt used
        Assert.Equal("Which size would you like?", Assert.Single((await PostAsync(Say("2", "m-2"))).Sent).Text);
    }

    private async Task<string?> DialogAsync(JsonObject payload) =>
        await StoredAsync(payload) is { } stored ? JsonNode.Parse(stored.Content.Span)!["dialog"]?.ToJsonString() : null;
}
