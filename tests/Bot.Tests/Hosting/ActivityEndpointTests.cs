using System.Text.Json;
using Chatbot.Bot.Invoke;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Chatbot.Bot.Tests.Hosting;

public sealed class ActivityEndpointTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_405_with_Allow_POST(string method)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var response = await bot.PostRawAsync("", method: method);
        Assert.Equal((405, "POST"), (response.Status, response.Allow));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    [InlineData("application/json; charset=latin1")]
    public async Task Non_json_content_types_get_415(string contentType)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var response = await bot.PostRawAsync("{\"type\":\"message\"}", contentType);
        Assert.Equal(415, response.Status);
    }

    [Fact]
    public async Task Json_with_charset_and_vendor_json_types_are_accepted()
    {
        await using var bot = await BotUnderTest.StartAsync();
        Assert.Equal(200, (await bot.PostRawAsync("{\"type\":\"typing\"}", "application/json; charset=utf-8")).Status);
        Assert.Equal(200, (await bot.PostRawAsync("{\"type\":\"typing\"}", "application/vnd.test+json")).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bodies_over_the_limit_get_413_whether_or_not_Content_Length_says_so(bool sendLength)
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Limits:MaxBodyBytes"] = "1024" });
        var body = "{\"type\":\"message\",\"text\":\"" + new string('x', 2000) + "\"}";
        var response = await bot.PostRawAsync(body, sendLength: sendLength);
        Assert.Equal(413, response.Status);
        Assert.Equal(0, bot.Engine.Calls);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("{\"text\":\"hi\"}", "no 'type'")]
    [InlineData("{\"type\":\"\"}", "no 'type'")]
    [InlineData("{\"type\":5}", "wrong JSON type ($.type)")]
    [InlineData("{\"type\":\"message\"} {}", "not valid JSON")]
    [InlineData("", "empty")]
    public async Task Malformed_bodies_get_400_with_a_short_reason(string body, string reason)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var response = await bot.PostRawAsync(body);
        Assert.Equal(400, response.Status);
        Assert.Contains(reason, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_gets_400()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Limits:MaxJsonDepth"] = "8" });
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 10)) + "1" + new string('}', 10);
        var response = await bot.PostRawAsync("{\"type\":\"message\",\"channelData\":" + deep + "}");
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task A_message_without_conversation_or_serviceUrl_gets_400()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var noConversation = bot.Message("hi");
        noConversation.Conversation = null;
        var badServiceUrl = bot.Message("hi");
        badServiceUrl.ServiceUrl = "file:///etc/passwd";

        Assert.Contains("conversation.id", (await bot.PostAsync(noConversation)).Body, StringComparison.Ordinal);
        Assert.Contains("serviceUrl", (await bot.PostAsync(badServiceUrl)).Body, StringComparison.Ordinal);
        Assert.Equal(0, bot.Engine.Calls);
    }

    [Fact]
    public async Task Too_many_attachments_get_400()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Limits:MaxAttachments"] = "2" });
        var activity = bot.Message("hi");
        activity.Attachments = [new(), new(), new()];
        var response = await bot.PostAsync(activity);
        Assert.Equal(400, response.Status);
        Assert.Contains("attachments", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    [InlineData("typing")]
    [InlineData("somethingNew")]
    public async Task Other_activity_types_are_acknowledged_and_ignored(string type)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var response = await bot.PostRawAsync($"{{\"type\":\"{type}\"}}");
        Assert.Equal(200, response.Status);
        Assert.Equal(0, bot.Engine.Calls);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task A_token_that_cannot_be_validated_gets_401_and_runs_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var response = await bot.PostAsync(bot.Message("hi"), authorization: "Bearer abc.def.ghi");
        Assert.Equal(401, response.Status);
        Assert.Equal(0, bot.Engine.Calls);
    }

    [Fact]
    public async Task An_engine_failure_gets_a_neutral_500_without_details()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Engine.Throw = _ => new InvalidOperationException("secret internal detail");
        var response = await bot.PostAsync(bot.Message("hi"));
        Assert.Equal(500, response.Status);
        Assert.Equal("The bot could not process this activity.", response.Body);
    }

    [Fact]
    public async Task Storage_unavailable_gets_503_with_Retry_After()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Store.FailNextReads(1);
        var response = await bot.PostAsync(bot.Message("hi"));
        Assert.Equal((503, "State storage is unavailable; retry.", "5"), (response.Status, response.Body, response.RetryAfter));
    }

    [Fact]
    public async Task Text_longer_than_the_limit_is_cut_before_anything_else_sees_it()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Limits:MaxTextLength"] = "2" });
        await bot.PostAsync(bot.Message("a\U0001F600bc")); // the limit falls inside the emoji's surrogate pair
        Assert.Equal("a", Assert.Single(bot.Engine.Texts));
    }

    [Fact]
    public async Task An_invoke_nobody_handles_gets_501_with_an_empty_body()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var invoke = bot.Message("");
        invoke.Type = "invoke";
        // Not adaptiveCard/action: one without a value is a malformed card action (400 with the Universal Actions error).
        invoke.Name = "task/fetch";
        var response = await bot.PostAsync(invoke);
        Assert.Equal((501, ""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_host_handler_for_a_sign_in_invoke_wins_over_the_built_in_acknowledgement()
    {
        var handler = new Mock<IInvokeHandler>();
        handler.Setup(h => h.CanHandle(It.Is<Activity>(a => a.Name == "signin/verifyState"))).Returns(true);
        handler.Setup(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TurnResult.ForInvoke(new InvokeResponse { Status = 412 }));
        await using var bot = await BotUnderTest.StartAsync(services: s => s.AddSingleton(handler.Object));
        var invoke = bot.Message("");
        invoke.Type = "invoke";
        invoke.Name = "signin/verifyState";

        Assert.Equal(412, (await bot.PostAsync(invoke)).Status);
    }

    [Fact]
    public async Task A_handled_invoke_returns_its_response_in_the_http_body_also_on_redelivery()
    {
        var handler = new Mock<IInvokeHandler>();
        handler.Setup(h => h.CanHandle(It.Is<Activity>(a => a.Name == "test/ping"))).Returns(true);
        handler.Setup(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()))
            .Returns((TurnContext turn, CancellationToken _) =>
            {
                turn.Apply(new TurnOutcome { State = new DialogState(), Replies = [new Reply { Text = "pinged" }] });
                return Task.FromResult(TurnResult.ForInvoke(new InvokeResponse { Status = 200, Body = JsonDocument.Parse("{\"pong\":true}").RootElement }));
            });
        await using var bot = await BotUnderTest.StartAsync(services: s => s.AddSingleton(handler.Object));
        var invoke = bot.Message("", id: "inv-1");
        invoke.Type = "invoke";
        invoke.Name = "test/ping";

        var first = await bot.PostAsync(invoke);
        var again = await bot.PostAsync(invoke);

        Assert.Equal((200, "{\"pong\":true}"), (first.Status, first.Body));
        Assert.Equal((200, "{\"pong\":true}"), (again.Status, again.Body));
        handler.Verify(h => h.HandleAsync(It.IsAny<TurnContext>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(bot.Connector.Messages);
    }
}
