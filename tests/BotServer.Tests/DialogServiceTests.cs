using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The sample bot's <c>http</c> step inside the real BotServer: the base URL and the API key come from the server's
/// configuration (<c>Services:Orders:*</c>), the order service is a real HTTP server on loopback, and its status decides
/// the reply (200 shipped, 404 asked once more).
/// </summary>
public sealed class DialogServiceTests : ChannelServerTest
{
    private const string ApiKey = "orders-key-7f3a";
    private const string EventKey = "event-key-for-tests";
    private readonly ConcurrentQueue<(string Path, string? Key)> _orderRequests = new();
    private WebApplication _orders = null!;
    private string _baseUrl = "";

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Understanding:Mode", "lexical")
            .WithSetting("Services:Orders:BaseUrl", _baseUrl)
            .WithSetting("Services:Orders:ApiKey", ApiKey)
            .WithSetting("Events:Key", EventKey);

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _orders = builder.Build();
        _orders.MapGet("/api/orders/{id}", (string id, HttpRequest request) =>
        {
            _orderRequests.Enqueue((request.Path, request.Headers["x-api-key"].ToString()));
            return id.StartsWith("NF", StringComparison.Ordinal)
                ? Results.Json(new { error = "no such order" }, statusCode: 404)
                : Results.Json(new { status = "shipped", delivery = new { eta = "2026-03-03" } });
        });
        await _orders.StartAsync();
        _baseUrl = _orders.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _orders.DisposeAsync();
    }

    private async Task<string> SayAsync(string id, string text, ChannelConversation? chat = null)
    {
        Channel.Clear();
        var activity = (chat ?? Chat).Message(id, text);
        var response = await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" | ", Channel.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task The_lookup_uses_the_configured_url_and_key_and_the_answer_picks_the_reply()
    {
        Assert.Contains("order number", await SayAsync("m-1", "where is my order"));
        Assert.Empty(_orderRequests);

        Assert.Equal("Order AB12345 has shipped and should arrive on Tuesday, March 3, 2026.", await SayAsync("m-2", "AB12345"));
        Assert.Equal([("/api/orders/AB12345", ApiKey)], _orderRequests);

        Assert.Contains("order number", await SayAsync("m-3", "where is my order"));
        Assert.Equal("I cannot find order NF12345. Let's try once more. | What is your order number? It looks like AB12345.", await SayAsync("m-4", "NF12345"));
        Assert.StartsWith("I cannot find order NF54321 either.", await SayAsync("m-5", "NF54321"));
        Assert.Equal(3, _orderRequests.Count);
    }

    private async Task<(HttpStatusCode Status, string Body)> ShippedByKeyAsync(string id, string key)
    {
        Channel.Clear();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent($$"""{ "id": "{{id}}", "name": "order_shipped", "key": "{{key}}", "payload": { "orderNumber": "AB12345" } }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Chatbot-Event-Key", EventKey);
        var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_order_the_user_looked_up_can_be_announced_by_its_number_in_that_conversation_only()
    {
        // Before anyone looked the order up, its number addresses nobody.
        Assert.Equal(HttpStatusCode.NotFound, (await ShippedByKeyAsync("s-0", "order:AB12345")).Status);

        await SayAsync("m-1", "where is my order");
        await SayAsync("m-2", "AB12345");
        // Another conversation looking up the same number later does not take its events over (first holder keeps it).
        var other = ChannelConversation.Emulator(Channel.ServiceUrl);
        await SayAsync("o-1", "where is my order", other);
        await SayAsync("o-2", "AB12345", other);

        var (status, body) = await ShippedByKeyAsync("s-1", "order:AB12345");

        Assert.Equal((HttpStatusCode.Accepted, ""), (status, body));
        var sent = Assert.Single(Channel.Requests);
        Assert.Equal("Order AB12345 has shipped.", sent.Activity!.Text);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(Chat.Id)}/activities", sent.Path);
        // The same event id again: recognised in that conversation, nothing sent twice.
        Assert.Equal(HttpStatusCode.Accepted, (await ShippedByKeyAsync("s-1", "order:AB12345")).Status);
        Assert.Empty(Channel.Requests);
    }

    [Fact]
    public async Task A_number_the_order_system_does_not_know_is_never_registered()
    {
        await SayAsync("m-1", "where is my order");
        await SayAsync("m-2", "NF12345");

        var (status, body) = await ShippedByKeyAsync("s-1", "order:NF12345");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No conversation has registered this key (or its entry has expired).", body);
        Assert.Empty(Channel.Requests);
    }
}
