using System.Text;
using System.Text.Json;
using Chatbot.Bot;
using Chatbot.Bot.Events;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotFunctions.Tests;

/// <summary>Issue 16: the events HTTP trigger runs the shared endpoint (the same key check and turn as BotServer).</summary>
public sealed class EventsFunctionTests : FunctionTest
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Events:Key", "functions-key")];

    private async Task<HttpContext> PostAsync(Func<HttpRequest, Task<IActionResult>> function, string body, string? key = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (key is not null) context.Request.Headers["X-Chatbot-Event-Key"] = key;
        context.Response.Body = new MemoryStream();
        Assert.IsType<EmptyResult>(await function(context.Request));
        return context;
    }

    [Fact]
    public async Task An_event_through_the_trigger_writes_to_the_conversation_once()
    {
        var messages = new MessagesFunction(Services.GetRequiredService<IActivityEndpoint>());
        var events = new EventsFunction(Services.GetRequiredService<IEventEndpoint>());
        var hello = new Activity
        {
            Type = ActivityTypes.Message, Id = "f-1", ChannelId = "msteams", ServiceUrl = Channel.ServiceUrl,
            From = new() { Id = "29:user" }, Recipient = new() { Id = "28:bot" }, Conversation = new() { Id = "a:1", TenantId = "t-1" }, Text = "hi",
        };
        Assert.Equal(200, (await PostAsync(messages.RunAsync, ActivitySerializer.Serialize(hello))).Response.StatusCode);
        Channel.Clear();
        const string Shipped = """{ "id": "e-1", "name": "order_shipped", "channelId": "msteams", "conversation": "a:1", "payload": { "orderNumber": "AB12345" } }""";

        var wrongKey = await PostAsync(events.RunAsync, Shipped, "nope");
        var first = await PostAsync(events.RunAsync, Shipped, "functions-key");
        var repeat = await PostAsync(events.RunAsync, Shipped, "functions-key");

        Assert.Equal((401, 202, 202), (wrongKey.Response.StatusCode, first.Response.StatusCode, repeat.Response.StatusCode));
        var sent = Assert.Single(Channel.Requests);
        Assert.Equal("Order AB12345 has shipped.", sent.Activity!.Text);
        Assert.Equal(("/v3/conversations/a%3A1/activities", "28:bot", "29:user", "t-1"),
            (sent.Path, sent.Activity.From!.Id, sent.Activity.Recipient!.Id, sent.Activity.Conversation!.TenantId));
    }

    [Fact]
    public void The_build_emits_an_anonymous_http_trigger_on_api_events_and_a_queue_trigger_named_by_a_setting()
    {
        Assert.Equal("%Events:Queue%", FunctionsMetadata.Binding("EventQueue", "queueTrigger").GetProperty("queueName").GetString());
        var trigger = FunctionsMetadata.Binding("events", "httpTrigger");
        Assert.Equal(("events", "Anonymous"), (trigger.GetProperty("route").GetString(), trigger.GetProperty("authLevel").GetString()));
    }
}
