using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.EndToEnd.Tests;

/// <summary>
/// The benchmark conversation (bench/dialogs/bench.yaml: "hi" -> a name -> a size -> "yes") through BotServer as a
/// process with its default configuration, over HTTP (/api/messages, replies to a local Connector), with every
/// recognizer the server can run. A name is a name at a free-text question, also when it looks like a number, a
/// code or a command ("Cancel Culture"); with the embedded default it used to fail for "Ann0".
/// </summary>
public sealed class BenchConversationTests : IAsyncLifetime
{
    private static readonly string[] Names = ["Ann0", "Bob 2", "José", "O'Neil", "x Æ A-12", "Cancel Culture"];

    private LocalConnectorServer _channel = null!;
    private FakeOpenAIServer _model = null!;
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("chatbot-bench-state-");

    public async Task InitializeAsync()
    {
        _channel = await LocalConnectorServer.StartAsync();
        _model = await FakeOpenAIServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _model.DisposeAsync();
        _state.Delete(recursive: true);
    }

    [Theory]
    [InlineData(null, "understanding: embedded model")]
    [InlineData("lexical", "understanding: lexical matching")]
    [InlineData("keyword", "understanding: keyword recognizer")]
    [InlineData("llm", "understanding: LLM (OpenAI-compatible endpoint)")]
    public async Task The_bench_script_completes_for_every_name(string? mode, string startupLine)
    {
        var settings = new Dictionary<string, string>
        {
            ["Dialogs__Path"] = Path.Combine(RepoPaths.Root, "bench", "dialogs"),
            ["Storage__FilePath"] = Path.Combine(_state.FullName, mode ?? "default"),
        };
        if (mode is not null) settings["Understanding__Mode"] = mode;
        if (mode == "llm")
        {
            settings["OpenAI__Endpoint"] = new Uri(_model.BaseUri, "/v1").ToString();
            settings["OpenAI__Model"] = "local-stub";
        }
        await using var server = await BotServerProcess.StartAsync(settings: settings);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        // The startup report names the recognizer the server chose (it is logged just after "Now listening").
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!server.Output.Contains("Chatbot ready.", StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains("recognizer: " + startupLine, server.Output, StringComparison.Ordinal);

        for (var i = 0; i < Names.Length; i++)
        {
            var name = Names[i];
            var conversation = $"bench-{mode ?? "default"}-{i}";
            Assert.Equal("What is your name?", await SayAsync(http, conversation, "hi"));
            Assert.Equal($"Which size would you like, {name}?", await SayAsync(http, conversation, name));
            Assert.Equal($"{name}, you chose large. Is that right?", await SayAsync(http, conversation, "large"));
            Assert.Equal($"Thanks {name}! Your large order is confirmed.", await SayAsync(http, conversation, "yes"));
        }

        // Every turn of the script is read without a recognizer: with an LLM configured, not one model call.
        Assert.Empty(_model.Requests);
    }

    /// <summary>Posts a message as the Emulator would and returns the text of the bot's one reply to it.</summary>
    private async Task<string?> SayAsync(HttpClient http, string conversation, string text)
    {
        var id = Guid.NewGuid().ToString("N");
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = id,
            ChannelId = "emulator",
            ServiceUrl = _channel.ServiceUrl,
            From = new ChannelAccount { Id = "user-" + conversation, Name = "User", Role = "user" },
            Recipient = new ChannelAccount { Id = "bot", Name = "Bot", Role = "bot" },
            Conversation = new ConversationAccount { Id = conversation },
            Locale = "en-US",
            Timestamp = DateTimeOffset.UtcNow,
            Text = text,
        };
        using var response = await http.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The reply is sent before the turn's HTTP response completes (exactly-once: after the state is saved).
        var replies = _channel.Messages.Where(m => m.ReplyToId == id).ToList();
        Assert.True(replies.Count == 1, $"expected one reply to '{text}' in {conversation}, got {replies.Count}");
        return replies[0].Text;
    }
}
