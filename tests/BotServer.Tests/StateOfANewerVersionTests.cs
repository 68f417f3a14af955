using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// A conversation whose stored state a newer version of the bot wrote, met by this version: the real BotServer with the
/// file store and the sample bot. During a rollout the newer version answers the re-post; after a rollback no instance of
/// it is left, and the conversation got 503 on every message for good (red7). Now only for Turn:NewerStateWait after the
/// newer version's last turn; then the state is kept aside whole and the conversation starts over, the user told so.
/// </summary>
public sealed class StateOfANewerVersionTests : IAsyncLifetime
{
    private readonly StateFolder _state = new();
    private LocalConnectorServer _channel = null!;
    private ChannelConversation _chat = null!;

    public async Task InitializeAsync()
    {
        _channel = await LocalConnectorServer.StartAsync();
        _chat = ChannelConversation.Emulator(_channel.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        _state.Dispose();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Activity message) =>
        await client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));

    private string StateFile() => Assert.Single(Directory.GetFiles(_state.Path, "*.json", SearchOption.AllDirectories), f => !f.Contains(".damaged-", StringComparison.Ordinal));

    // The stored conversation as a newer version writes it: a schema version above this one's, a field this one does not
    // know, its last turn `age` ago. Returns the file's text.
    private string WrittenByANewerVersion(TimeSpan age)
    {
        var file = JsonNode.Parse(File.ReadAllText(StateFile()))!.AsObject();
        var document = file["state"]!.AsObject();
        document["schemaVersion"] = 99;
        document["addedLater"] = new JsonObject { ["kept"] = true };
        document["lastActivityAt"] = DateTimeOffset.UtcNow - age;
        var text = file.ToJsonString();
        File.WriteAllText(StateFile(), text);
        return text;
    }

    [Fact]
    public async Task During_a_rollout_the_newer_state_is_left_for_the_newer_version_after_a_rollback_the_conversation_starts_over()
    {
        await using var host = new BotServerHost()
            .WithSetting("Storage:FilePath", _state.Path)
            .WithSetting("Understanding:Mode", "lexical")
            .WithSetting("Turn:TypingDelay", "00:00:00");
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, _chat.Message("m1", "I want to buy a laptop"))).StatusCode);
        var asked = _channel.Messages.Count;

        // Just written by the newer version: a rolling upgrade, whose re-post reaches it.
        var newer = WrittenByANewerVersion(TimeSpan.FromSeconds(5));
        using var waiting = await PostAsync(client, _chat.Message("m2", "2"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), waiting.Headers.RetryAfter?.Delta);
        Assert.Equal(newer, File.ReadAllText(StateFile()));
        Assert.Equal(asked, _channel.Messages.Count);

        // Its last turn an hour ago and nobody newer answering: rolled back.
        newer = WrittenByANewerVersion(TimeSpan.FromHours(1));
        using var answered = await PostAsync(client, _chat.Message("m3", "I want to buy a laptop"));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var said = _channel.Messages.Skip(asked).Select(m => m.Text).ToList();
        Assert.Equal("Sorry, I lost track of our conversation, so we are starting over.", said[0]);
        Assert.Equal(_channel.Messages[asked - 1].Text, said[^1]); // the order's first question again
        var kept = Assert.Single(Directory.GetFiles(_state.Path, "*.damaged-*", SearchOption.AllDirectories));
        Assert.Equal(newer, File.ReadAllText(kept));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, _chat.Message("m4", "2"))).StatusCode);
        Assert.NotEqual(said[^1], _channel.Messages[^1].Text); // the conversation goes on: the next question
    }
}
