using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Bot;
using Chatbot.Bot.Hosting;
using Chatbot.BotServer.Tests.Channels;
using Chatbot.Channels.Activities;
using Chatbot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotFunctions.Tests;

/// <summary>
/// Issue 12: the real channel payloads (Teams, Web Chat, the Emulator) through the Functions trigger: the same HTTP
/// answers and the same replies as BotServer.
/// </summary>
public sealed class ChannelPayloadFunctionTests : FunctionTest
{
    protected override string ChannelPath => "emea";

    private async Task<(int Status, string Body, IReadOnlyList<Activity> Sent)> PostAsync(string name)
    {
        var payload = ChannelPayloads.Load(name, Channel.ServiceUrl);
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var body = new MemoryStream();
        context.Response.Body = body;
        var before = Channel.Requests.Count;

        await new MessagesFunction(Services.GetRequiredService<IActivityEndpoint>()).RunAsync(context.Request);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), [.. Channel.Requests.Skip(before).Select(r => r.Activity!)]);
    }

    [Theory]
    [InlineData("teams-conversationUpdate-teamMemberAdded", 200)]
    [InlineData("teams-conversationUpdate-channelCreated", 200)]
    [InlineData("teams-installationUpdate-remove", 200)]
    [InlineData("teams-messageReaction", 200)]
    [InlineData("teams-invoke-task-fetch", 501)]
    [InlineData("teams-invoke-composeExtension-query", 501)]
    [InlineData("teams-invoke-signin-verifyState", 200)]
    [InlineData("teams-invoke-fileConsent", 200)]
    public async Task What_needs_no_reply_gets_the_status_theChannel_expects_and_no_reply(string name, int expected)
    {
        var (status, body, sent) = await PostAsync(name);

        Assert.Equal((expected, ""), (status, body));
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData("teams-channel-message-order", "What is your order number? It looks like AB12345.")]
    [InlineData("teams-personal-message-submit", "Which product would you like?")]
    [InlineData("teams-personal-message-de", "Wie lautet Ihre Bestellnummer? Sie sieht aus wie AB12345.")]
    [InlineData("webchat-message-imBack", "What is your order number? It looks like AB12345.")]
    [InlineData("teams-conversationUpdate-personal-installed", "Hi! I am the Contoso Shop assistant. I can check an order, place an order or report a problem.")]
    [InlineData("webchat-event-join", "Hi! I am the Contoso Shop assistant. I can check an order, place an order or report a problem.")]
    [InlineData("emulator-message-inspect-open", InspectorNotice)]
    public async Task A_message_or_install_gets_its_answer_through_the_trigger(string name, string expected)
    {
        var (status, _, sent) = await PostAsync(name);

        Assert.Equal(200, status);
        Assert.Equal(expected, Assert.Single(sent).Text);
    }

    private const string InspectorNotice =
        "Inspection sessions (/INSPECT open, /INSPECT attach) are not supported by this bot. To inspect it, chat with it in the " +
        "Emulator without debug mode: after each turn the inspector shows the turn trace and the bot state (sensitive slots " +
        "masked) when Emulator__Trace is on, the default without MicrosoftAppId.";
}
