using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>Issue 14 item 4: the Emulator's inspector gets the turn trace and the masked dialog state after each turn, other channels nothing.</summary>
public sealed class EmulatorInspectionTests : IAsyncLifetime
{
    private LocalConnectorServer _channel = null!;
    private BotServerHost _host = null!;
    private HttpClient _client = null!;
    private int _next;

    public async Task InitializeAsync()
    {
        _channel = await LocalConnectorServer.StartAsync();
        _host = new BotServerHost().WithSetting("Emulator:Trace", null); // unset: the local-mode default (on)
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private async Task<IReadOnlyList<Activity>> SayAsync(string text, string channelId = "emulator")
    {
        var before = _channel.Requests.Count;
        var message = new Activity
        {
            Type = ActivityTypes.Message, Id = "m-" + ++_next, ChannelId = channelId, ServiceUrl = _channel.ServiceUrl,
            From = new() { Id = "user-7", Name = "User", Role = "user" }, Recipient = new() { Id = "bot-9", Name = "Bot", Role = "bot" },
            Conversation = new() { Id = "e3a1|livechat" }, Locale = "en-US", Text = text,
        };
        using var response = await _client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. _channel.Requests.Skip(before).Select(r => r.Activity!)];
    }

    [Fact]
    public async Task Each_emulator_turn_is_followed_by_its_turn_trace_and_bot_state_with_sensitive_slots_masked()
    {
        foreach (var line in new[] { "I want to buy a laptop", "2", "large", "12 Baker Street" }) await SayAsync(line);

        var sent = await SayAsync("megan@contoso.com");

        // The replies first, then the two traces.
        Assert.Equal(["message", "message", "trace", "trace"], sent.Select(a => a.Type!).ToArray());
        var turn = sent[2];
        Assert.Equal(("TurnTrace", "Turn"), (turn.Name, turn.Label));
        Assert.Equal("place_order", turn.Value!.Value.GetProperty("flow").GetString());
        Assert.Equal("confirm", turn.Value.Value.GetProperty("step").GetString());
        Assert.Equal("fast", turn.Value.Value.GetProperty("path").GetString());
        Assert.Contains("set_slot contact_email", turn.Value.Value.GetProperty("commandsAccepted").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, turn.Value.Value.GetProperty("commandsRejected").GetArrayLength());

        var state = sent[3];
        Assert.Equal(("BotState", "Bot State", "https://www.botframework.com/schemas/botState"), (state.Name, state.Label, state.ValueType));
        var frame = state.Value!.Value.GetProperty("conversationState").GetProperty("stack")[0];
        Assert.Equal("place_order", frame.GetProperty("flow").GetString());
        Assert.Equal("***", frame.GetProperty("slots").GetProperty("email").GetString());
        Assert.Equal("laptop", frame.GetProperty("slots").GetProperty("product").GetString());
        Assert.DoesNotContain("megan@contoso.com", ActivitySerializer.Serialize(state), StringComparison.Ordinal);
        Assert.All(sent, a => Assert.Equal("m-5", a.ReplyToId));
    }

    // A developer whose message started the wrong flow sees what the recognizer weighed, best first.
    [Fact]
    public async Task The_trace_shows_the_recognizers_best_scores()
    {
        var sent = await SayAsync("I would like to buy a new laptop");

        var scores = Assert.Single(sent, a => a.Name == "TurnTrace").Value!.Value.GetProperty("scores").EnumerateObject().ToList();
        Assert.InRange(scores.Count, 1, 3);
        Assert.Equal("flow:place_order", scores[0].Name);
        Assert.InRange(scores[0].Value.GetDouble(), 0.0, 1.0);

        // An answer read without a recognizer has none.
        var typed = Assert.Single(await SayAsync("2"), a => a.Name == "TurnTrace").Value!.Value;
        Assert.Equal("fast", typed.GetProperty("path").GetString());
        Assert.Empty(typed.GetProperty("scores").EnumerateObject());
    }

    // Issue 12: the second of two requests waits in the conversation state; the turn trace names it until it starts.
    [Fact]
    public async Task The_trace_names_the_request_that_waits_for_the_first_to_end()
    {
        var sent = await SayAsync("I want to buy a laptop and also check my order status");

        var turn = Assert.Single(sent, a => a.Name == "TurnTrace").Value!.Value;
        Assert.Equal("place_order", turn.GetProperty("flow").GetString());
        Assert.Equal(["order_status"], turn.GetProperty("waiting").EnumerateArray().Select(w => w.GetString()));
        var next = Assert.Single(await SayAsync("2"), a => a.Name == "TurnTrace").Value!.Value;
        Assert.Equal(["order_status"], next.GetProperty("waiting").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task A_rejected_command_shows_in_the_trace()
    {
        await SayAsync("I want to buy a laptop");

        var sent = await SayAsync("200");

        var turn = Assert.Single(sent, a => a.Name == "TurnTrace");
        Assert.Contains(turn.Value!.Value.GetProperty("commandsRejected").EnumerateArray(), c => c.GetString()!.StartsWith("set_slot quantity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("webchat")]
    [InlineData("directline")]
    public async Task Other_channels_never_get_traces(string channelId)
    {
        var sent = await SayAsync("I want to buy a laptop", channelId);

        Assert.NotEmpty(sent);
        Assert.All(sent, a => Assert.Equal(ActivityTypes.Message, a.Type));
    }

    [Fact]
    public async Task Emulator_trace_off_sends_only_the_replies()
    {
        await using var host = new BotServerHost().WithSetting("Emulator:Trace", "false");
        using var client = host.CreateClient();
        var message = new Activity
        {
            Type = ActivityTypes.Message, Id = "off-1", ChannelId = "emulator", ServiceUrl = _channel.ServiceUrl,
            From = new() { Id = "user-7" }, Recipient = new() { Id = "bot-9" }, Conversation = new() { Id = "off|livechat" }, Text = "hello",
        };

        using var response = await client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_channel.Requests);
        Assert.All(_channel.Requests, r => Assert.Equal(ActivityTypes.Message, r.Activity!.Type));
    }
}
