using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Bot.Pipeline;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>Issue 14 item 3: what Teams gets back for invokes, edits, deletions and reactions, through /api/messages of the real BotServer.</summary>
public sealed class TeamsInvokeTests : ChannelServerTest
{

    protected override string ChannelPath => "amer";

    protected override BotServerHost CreateHost() => new BotServerHost();

    private Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
        Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    public static TheoryData<string, string> UnhandledInvokes => new()
    {
        { "adaptiveCard/action", """{"action":{"type":"Action.Execute","title":"Approve","verb":"approveLeave","data":{"requestId":"LR-2024-0419"}},"trigger":"manual"}""" },
        { "task/fetch", """{"type":"task/fetch","data":{"type":"task/fetch","form":"leave"},"context":{"theme":"default"}}""" },
        { "composeExtension/query", """{"commandId":"searchLeave","parameters":[{"name":"query","value":"march"}],"queryOptions":{"skip":0,"count":25}}""" },
        { "config/fetch", """{"data":{"type":"config"},"context":{"theme":"dark"}}""" },
        { "actionableMessage/executeAction", """{"actionId":"approve","body":"{}"}""" },
    };

    [Theory]
    [MemberData(nameof(UnhandledInvokes))]
    public async Task An_invoke_nobody_handles_gets_501_with_an_empty_body_and_no_reply(string name, string value)
    {
        using var response = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, name, JsonNode.Parse(value)));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task Sign_in_verify_state_is_acknowledged_with_200_and_no_body()
    {
        using var response = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, "signin/verifyState", JsonNode.Parse("""{"state":"428164"}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task Sign_in_token_exchange_is_acknowledged_with_200_echoing_the_request_id_and_connection()
    {
        var exchange = JsonNode.Parse("""{"id":"b1c2d3e4-exchange","connectionName":"AAD","token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig"}""");

        using var response = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, "signin/tokenExchange", exchange));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("b1c2d3e4-exchange", "AAD"), (body.GetProperty("id").GetString(), body.GetProperty("connectionName").GetString()));
        Assert.False(body.TryGetProperty("token", out _)); // the user's token is never echoed
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    public async Task A_file_consent_answer_is_acknowledged_with_200_no_body_and_no_reply(string action)
    {
        // The shape Teams posts when the user answers a FileConsentCard; the bot never sends one, so nothing waits for it.
        var consent = JsonNode.Parse($$$"""
            {"type":"fileUpload","action":"{{{action}}}","context":{"filename":"leave-report.xlsx"},
             "uploadInfo":{"contentUrl":"https://contoso-my.sharepoint.com/personal/adele/Documents/Applications/leave-report.xlsx",
             "name":"leave-report.xlsx","uploadUrl":"https://contoso-my.sharepoint.com/personal/adele/_api/v2.0/drive/items/upload","uniqueId":"1150D938-8870-4044-9F2C-5BBDEBA70C9D","fileType":"xlsx"}}
            """);

        using var response = await PostAsync(TeamsPayloads.Invoke(Channel.ServiceUrl, "fileConsent/invoke", consent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task Edits_deletions_and_reactions_get_200_no_reply_and_no_state()
    {
        var edit = TeamsPayloads.Activity("messageUpdate", Channel.ServiceUrl);
        edit["text"] = "What is my leave balance for March?";
        edit["channelData"]!["eventType"] = "editMessage";
        var undelete = TeamsPayloads.Activity("messageUpdate", Channel.ServiceUrl);
        undelete["channelData"]!["eventType"] = "undeleteMessage";
        var delete = TeamsPayloads.Activity("messageDelete", Channel.ServiceUrl);
        delete["channelData"]!["eventType"] = "softDeleteMessage";
        var like = TeamsPayloads.Activity("messageReaction", Channel.ServiceUrl);
        like["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        like["replyToId"] = "1722102911546";
        var unlike = TeamsPayloads.Activity("messageReaction", Channel.ServiceUrl);
        unlike["reactionsRemoved"] = new JsonArray(new JsonObject { ["type"] = "like" });
        unlike["replyToId"] = "1722102911546";

        foreach (var activity in (JsonObject[])[edit, undelete, delete, like, unlike])
        {
            using var response = await PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(Channel.Requests);
        var store = Host.GetRequiredService<IConversationStore>();
        Assert.Null(await store.ReadAsync(ConversationKey.For("msteams", TeamsPayloads.PersonalConversation), CancellationToken.None));
    }
}
