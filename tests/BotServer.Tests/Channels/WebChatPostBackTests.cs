using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// Issue 12: a Web Chat postBack button posts its string value as hidden text (<c>channelData.postBack</c>); the bot
/// takes it as that button, the same whichever recognizer reads messages (here the embedded model, loaded first).
/// </summary>
public sealed class WebChatPostBackTests : ChannelServerTest
{
    protected override BotServerHost CreateHost() => new BotServerHost()
        .WithSetting("Turn:TypingDelay", "00:00:00")
        .WithSetting("Understanding:Mode", "embedded")
        .WithSetting("Understanding:Embedded:ModelWait", "00:01:00"); // every message is read by the model, none by the lexical fallback

    private async Task<string> AnswerAsync(JsonObject payload)
    {
        var before = Channel.Requests.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" | ", Channel.Requests.Skip(before).Select(r => r.Activity!).Where(a => a.Type == ActivityTypes.Message).Select(a => a.Text));
    }

    [Fact]
    public async Task A_postBack_at_an_open_question_is_the_button_not_an_answer_to_the_question()
    {
        Assert.Equal("What is your order number? It looks like AB12345.", await AnswerAsync(ChannelPayloads.Load("webchat-message-imBack", Channel.ServiceUrl)));

        // "place_order" from a postBack: the button that starts an order, not an order number that looks wrong.
        Assert.Equal("Which product would you like?", await AnswerAsync(ChannelPayloads.Load("webchat-message-postBack", Channel.ServiceUrl)));
    }

    [Fact]
    public async Task A_postBack_of_the_flow_already_running_carries_on_with_it()
    {
        var start = ChannelPayloads.Load("webchat-message-imBack", Channel.ServiceUrl);
        start["text"] = "I would like to place an order.";
        Assert.Equal("Which product would you like?", await AnswerAsync(start));

        var again = ChannelPayloads.Load("webchat-message-postBack", Channel.ServiceUrl); // "place_order" once more
        Assert.Equal("We are already on it. Let's carry on. | Which product would you like?", await AnswerAsync(again)); // not "Sorry, that is not a valid answer."
    }
}
