using System.Text;
using System.Text.Json;
using Chatbot.Bot;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotFunctions.Tests;

public sealed class MessagesFunctionTests : FunctionTest
{
    private async Task<(IActionResult Result, HttpContext Context, string Body)> InvokeAsync(string body, string contentType = "application/json", string? contentEncoding = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        if (contentEncoding is not null) context.Request.Headers.ContentEncoding = contentEncoding;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        var function = new MessagesFunction(Services.GetRequiredService<IActivityEndpoint>());

        var result = await function.RunAsync(context.Request);

        return (result, context, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    [Fact]
    public async Task A_message_through_the_trigger_runs_the_turn_and_replies_through_the_connector()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Id = "f-1", ChannelId = "msteams", ServiceUrl = Channel.ServiceUrl,
            From = new() { Id = "29:user" }, Recipient = new() { Id = "28:bot" }, Conversation = new() { Id = "a:1" }, Text = "hi",
        };

        var (result, context, _) = await InvokeAsync(ActivitySerializer.Serialize(activity));

        Assert.IsType<EmptyResult>(result);
        Assert.Equal(200, context.Response.StatusCode);
        var reply = Assert.Single(Channel.Messages);
        Assert.Equal(("28:bot", "29:user", "f-1"), (reply.From!.Id, reply.Recipient!.Id, reply.ReplyToId));
    }

    [Fact]
    public async Task Bad_input_through_the_trigger_gets_the_same_clear_codes()
    {
        Assert.Equal(400, (await InvokeAsync("{oops")).Context.Response.StatusCode);
        Assert.Equal(415, (await InvokeAsync("{}", "text/plain")).Context.Response.StatusCode);
        Assert.Equal(415, (await InvokeAsync("{}", contentEncoding: "gzip")).Context.Response.StatusCode);
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("..", "f-2")]
    [InlineData("a:1", "..")]
    public async Task An_id_that_is_a_url_dot_segment_gets_400_through_the_trigger_and_nothing_is_sent(string conversationId, string activityId)
    {
        // The same reader as BotServer: a reply to conversation ".." used to be posted to {serviceUrl}/v3/activities/...
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Id = activityId, ChannelId = "msteams", ServiceUrl = Channel.ServiceUrl,
            From = new() { Id = "29:user" }, Recipient = new() { Id = "28:bot" }, Conversation = new() { Id = conversationId }, Text = "hi",
        };

        var (_, context, body) = await InvokeAsync(ActivitySerializer.Serialize(activity));

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Contains("cannot be '.' or '..'", body, StringComparison.Ordinal);
        Assert.Empty(Channel.Requests);
    }

    [Theory]
    [InlineData("null", """{"id":"28:bot"}""", "from.id")]
    [InlineData("""{"name":"Megan Bowen"}""", """{"id":"28:bot"}""", "from.id")]
    [InlineData("""{"id":"29:user"}""", "null", "recipient.id")]
    [InlineData("""{"id":"29:user"}""", """{"name":"Leave Bot"}""", "recipient.id")]
    public async Task A_message_without_a_sender_or_a_recipient_gets_the_400_BotServer_gives_through_the_trigger(string from, string recipient, string field)
    {
        // The one reader decides for both hosts: a channel's activity names its sender and its bot, or nothing runs.
        var body = $$"""{"type":"message","id":"f-3","channelId":"msteams","serviceUrl":"{{Channel.ServiceUrl}}","from":{{from}},"recipient":{{recipient}},"conversation":{"id":"a:1"},"text":"hi"}""";

        var (_, context, answer) = await InvokeAsync(body);

        Assert.Equal((400, $"The activity has no '{field}'."), (context.Response.StatusCode, answer));
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public void The_build_emits_functions_metadata_naming_the_anonymous_post_trigger_on_route_messages()
    {
        // The Functions SDK writes functions.metadata next to the function assembly in its build output.
        var assembly = typeof(MessagesFunction).Assembly.Location;
        var configuration = new DirectoryInfo(Path.GetDirectoryName(assembly)!).Parent!.Name; // .../bin/<Configuration>/net10.0
        var root = FindRepositoryRoot();
        var candidates = new[]
        {
            Path.Combine(Path.GetDirectoryName(assembly)!, "functions.metadata"),
            Path.Combine(root, "src", "BotFunctions", "bin", configuration, "net10.0", "functions.metadata"),
        };
        var path = candidates.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "functions.metadata not found in: " + string.Join(", ", candidates));

        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        var function = Assert.Single(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "messages");
        Assert.Equal("Chatbot.BotFunctions.MessagesFunction.RunAsync", function.GetProperty("entryPoint").GetString());
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("messages", trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Fact]
    public void Host_json_keeps_the_api_route_prefix()
    {
        var root = FindRepositoryRoot();
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", "BotFunctions", "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatbot.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Chatbot.sln not found above " + AppContext.BaseDirectory);
    }
}
