using System.Net;
using System.Text.Json.Nodes;

namespace Chatbot.BotServer.Tests.Channels;

// Red8: what Teams, Web Chat and Direct Line post besides messages, arriving in the middle of an order (a reaction to
// the bot's question, the user's edit or deletion, a read receipt, typing, a reinstall, invokes of other app features,
// the end of the conversation). Each gets the status its channel expects and no reply, the stored conversation stays
// as it was, and the user's next answer goes on with the order.
public sealed partial class ChannelPayloadTests
{
    /// <summary>The payload <paramref name="name"/> moved into the conversation of <paramref name="message"/>, under a new id.</summary>
    private JsonObject Into(JsonObject message, string name, string id)
    {
        var payload = ChannelPayloads.Load(name, Channel.ServiceUrl);
        (payload["id"], payload["conversation"], payload["recipient"], payload["from"]) =
            (id, message["conversation"]!.DeepClone(), message["recipient"]!.DeepClone(), message["from"]!.DeepClone());
        return payload;
    }

    private static JsonObject Next(JsonObject message, string text, string id)
    {
        var next = message.DeepClone().AsObject();
        (next["id"], next["text"]) = (id, text);
        return next;
    }

    [Fact]
    public async Task Teams_activities_other_than_messages_in_the_middle_of_an_order_get_their_status_and_leave_the_order_where_it_was()
    {
        var message = ChannelPayloads.Load("teams-personal-message", Channel.ServiceUrl);
        Assert.Equal("How many would you like?", Assert.Single((await PostAsync(Next(message, "I want to buy a laptop", "m-1"))).Sent).Text);
        var dialog = await DialogAsync(message);
        Assert.NotNull(dialog);

        var typing = Next(message, "", "t-1");
        typing["type"] = "typing";
        typing.Remove("text");
        var ended = Next(message, "", "e-1");
        ended["type"] = "endOfConversation";
        ended["code"] = "userCancelled";
        ended.Remove("text");
        var unknownInvoke = Into(message, "teams-invoke-composeExtension-query", "i-unknown");
        unknownInvoke["name"] = "actionableMessage/executeAction";
        (JsonObject Payload, HttpStatusCode Status)[] sideActivities =
        [
            (Into(message, "teams-messageReaction", "r-1"), HttpStatusCode.OK),
            (Into(message, "teams-messageReaction-removed", "r-2"), HttpStatusCode.OK),
            (Into(message, "teams-messageUpdate-edit", "u-1"), HttpStatusCode.OK),
            (Into(message, "teams-messageDelete", "d-1"), HttpStatusCode.OK),
            (Into(message, "teams-event-readReceipt", "rr-1"), HttpStatusCode.OK),
            (typing, HttpStatusCode.OK),
            (Into(message, "teams-installationUpdate", "iu-1"), HttpStatusCode.OK),
            (Into(message, "teams-conversationUpdate-personal-installed", "cu-1"), HttpStatusCode.OK),
            (Into(message, "teams-invoke-signin-verifyState", "i-1"), HttpStatusCode.OK),
            (Into(message, "teams-invoke-fileConsent", "i-2"), HttpStatusCode.OK),
            (Into(message, "teams-invoke-composeExtension-query", "i-3"), HttpStatusCode.NotImplemented),
            (Into(message, "teams-invoke-task-fetch", "i-4"), HttpStatusCode.NotImplemented),
            (Into(message, "teams-invoke-adaptiveCard-action", "i-5"), HttpStatusCode.NotImplemented),
            (unknownInvoke, HttpStatusCode.NotImplemented),
            (ended, HttpStatusCode.OK),
            (Into(message, "teams-installationUpdate-remove", "iu-2"), HttpStatusCode.OK),
        ];

        foreach (var (payload, expected) in sideActivities)
        {
            var (status, body, sent) = await PostAsync(payload);

            var what = $"{payload["type"]} {payload["name"]}";
            Assert.True(expected == status, $"{what}: {status} {body}");
            Assert.True(body.Length == 0, $"{what}: body {body}");
            Assert.True(sent.Count == 0, $"{what}: sent {string.Join(" | ", sent.Select(a => a.Type + ":" + a.Text))}");
            Assert.Equal(dialog, await DialogAsync(message));
        }

        Assert.Equal("Which size would you like?", Assert.Single((await PostAsync(Next(message, "2", "m-2"))).Sent).Text);
    }

    [Fact]
    public async Task Web_Chat_typing_a_second_join_an_unknown_event_and_the_end_of_the_conversation_leave_the_order_where_it_was()
    {
        var message = ChannelPayloads.Load("webchat-message-imBack", Channel.ServiceUrl);
        Assert.Equal("How many would you like?", Assert.Single((await PostAsync(Next(message, "I want to buy a laptop", "w-1"))).Sent).Text);
        var dialog = await DialogAsync(message);

        var unknownEvent = Into(message, "webchat-event-join", "w-ev");
        (unknownEvent["name"], unknownEvent["value"]) = ("webchat/custom-ping", new JsonObject { ["at"] = 1 });
        var ended = Next(message, "", "w-end");
        ended["type"] = "endOfConversation";
        ended.Remove("text");
        foreach (var payload in new[] { Into(message, "webchat-typing", "w-t"), Into(message, "webchat-event-join", "w-join"), unknownEvent, ended })
        {
            var (status, body, sent) = await PostAsync(payload);

            var what = $"{payload["type"]} {payload["name"]}";
            Assert.True(status == HttpStatusCode.OK, $"{what}: {status} {body}");
            Assert.True(sent.Count == 0, $"{what}: sent {string.Join(" | ", sent.Select(a => a.Type + ":" + a.Text))}");
            Assert.True(dialog == await DialogAsync(message), $"{what}: {await DialogAsync(message)}");
        }

        Assert.Equal("Which size would you like?", Assert.Single((await PostAsync(Next(message, "2", "w-2"))).Sent).Text);
    }

    [Theory]
    [InlineData("pt-BR")] // a language the bot does not speak: its first
    [InlineData("de-DE")]
    public async Task A_Teams_message_in_another_locale_in_the_middle_of_an_order_goes_on_in_the_orders_language(string locale)
    {
        var message = ChannelPayloads.Load("teams-personal-message", Channel.ServiceUrl);
        await PostAsync(Next(message, "I want to buy a laptop", "m-1"));
        var next = Next(message, "2", "m-2");
        next["locale"] = locale;

        Assert.Equal("Which size would you like?", Assert.Single((await PostAsync(next)).Sent).Text);
    }

    [Fact]
    public async Task A_Teams_channel_message_mentioning_the_bot_and_asking_for_help_gets_the_help()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = "<at>Contoso Shop</at> help\n";

        var (status, _, sent) = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("I can check the status of an order, place a new order, or report a problem", Assert.Single(sent).Text, StringComparison.Ordinal);
    }
}
