using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>Issue 14 items 1-2 through /api/messages of the real BotServer and sample bot: card submits, postBacks, files and empty texts are answered.</summary>
public sealed class TeamsNeverSilentTests : ChannelServerTest
{

    protected override string ChannelPath => "amer";

    protected override BotServerHost CreateHost() => new BotServerHost();

    private async Task<IReadOnlyList<Activity>> PostAsync(JsonObject activity)
    {
        var before = Channel.Messages.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. Channel.Messages.Skip(before)];
    }

    [Fact]
    public async Task An_Adaptive_Card_Action_Submit_fills_the_flow_and_the_conversation_goes_on()
    {
        await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "I want to buy a laptop"));
        // Teams posts Action.Submit as a message with no text, the card's inputs and data in value, replying to the card.
        var submit = TeamsPayloads.Message(Channel.ServiceUrl, null);
        submit["value"] = JsonNode.Parse("""{"quantity":"3","size":"small","action":"order-form"}""");
        submit["replyToId"] = "1722102600123";
        submit["channelData"]!["source"] = new JsonObject { ["name"] = "message" };

        var replies = await PostAsync(submit);

        var reply = Assert.Single(replies);
        Assert.Contains("deliver", reply.Text, StringComparison.OrdinalIgnoreCase); // the sample's address question
    }

    [Fact]
    public async Task A_Web_Chat_postBack_with_an_object_is_answered()
    {
        var postBack = TeamsPayloads.Message(Channel.ServiceUrl, null);
        postBack["channelId"] = "webchat";
        postBack["value"] = JsonNode.Parse("""{"value":"place_order"}""");

        var replies = await PostAsync(postBack);

        Assert.Equal("Which product would you like?", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task A_card_submit_with_nothing_the_bot_knows_is_answered_as_not_understood()
    {
        var submit = TeamsPayloads.Message(Channel.ServiceUrl, null);
        submit["value"] = JsonNode.Parse("""{"feedback":"thumbs-up","cardVersion":2}""");

        var replies = await PostAsync(submit);

        Assert.StartsWith("Sorry, I did not understand", Assert.Single(replies).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_text_gets_the_files_answer()
    {
        var file = TeamsPayloads.Message(Channel.ServiceUrl, null);
        file["attachments"] = new JsonArray(TeamsPayloads.FileDownloadInfo());

        var replies = await PostAsync(file);

        Assert.StartsWith("Sorry, I can't read files yet.", Assert.Single(replies).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_pasted_with_an_empty_text_gets_the_files_answer_and_the_html_copy_is_not_a_file()
    {
        var image = TeamsPayloads.Message(Channel.ServiceUrl, "");
        image["attachments"] = new JsonArray(TeamsPayloads.InlineImage(), new JsonObject { ["contentType"] = "text/html", ["content"] = "<div><img src=\"x\"></div>" });

        var replies = await PostAsync(image);
        Assert.StartsWith("Sorry, I can't read files yet.", Assert.Single(replies).Text, StringComparison.Ordinal);

        var text = TeamsPayloads.Message(Channel.ServiceUrl, "help");
        text["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>help</p>" });
        var answer = await PostAsync(text);
        Assert.DoesNotContain(answer, a => a.Text!.Contains("files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_that_only_mentions_the_bot_is_answered()
    {
        var mention = TeamsPayloads.Message(Channel.ServiceUrl, "<at>Leave Bot</at>", "channel");
        mention["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Leave Bot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TeamsPayloads.BotId, ["name"] = "Leave Bot" },
        });

        Assert.Single(await PostAsync(mention));
    }
}
