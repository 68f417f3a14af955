using Chatbot.Bot.Events;
using System.Net;
using System.Text;
using System.Text.Json;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16 item 4, the LLM half, through the real BotServer, its in-process event queue and the real Azure OpenAI
/// client against a local OpenAI-compatible server: an <c>answer</c> step with <c>async: true</c> answers the turn at
/// once (wait response, typing) while the model takes its time (held on a gate); a message meanwhile gets "still
/// working"; the grounded answer arrives once, proactively; a repeated call or continue event sends nothing; a failing
/// model gives the best passage.
/// </summary>
public sealed class SlowAnswerTests : ChannelServerTest
{
    private const string EventKey = "slow-answer-key-0123456789";
    private readonly SlowAnswerBot _bot = new();
    private FakeOpenAIServer _model = null!;

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Understanding:Mode", "lexical") // the model only phrases: every request it gets is the answer's
            .WithSetting("AzureOpenAI:Endpoint", _model.BaseUri.ToString())
            .WithSetting("AzureOpenAI:Deployment", "gpt-4o")
            .WithSetting("AzureOpenAI:ApiKey", "k")
            .WithSetting("Events:Key", EventKey)
            .WithSetting("Dialogs:Path", _bot.DialogsPath);

    public override async Task InitializeAsync()
    {
        _model = await FakeOpenAIServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _model.DisposeAsync();
        _bot.Dispose();
    }

    private async Task SayAsync(string id, string text)
    {
        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message(id, text)), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/messages", body)).StatusCode);
    }

    private async Task<string> PendingCallIdAsync()
    {
        var stored = await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For(Chat.ChannelId, Chat.Id), CancellationToken.None);
        using var document = JsonDocument.Parse(stored!.Content);
        return document.RootElement.GetProperty("dialog").GetProperty("calling").GetProperty("id").GetString()!;
    }

    private string EventJson(string id, string name, string payload) =>
        $$"""{ "id": "{{id}}", "name": "{{name}}", "channelId": "{{Chat.ChannelId}}", "conversation": "{{Chat.Id}}", "payload": {{payload}} }""";

    private async Task<HttpStatusCode> PostEventAsync(string id, string name, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(EventJson(id, name, payload), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Chatbot-Event-Key", EventKey);
        return (await Client.SendAsync(request)).StatusCode;
    }

    /// <summary>An event as the queue delivers it (the bot's own events come only that way).</summary>
    private async Task<int> QueueDeliversAsync(string id, string name, string payload) =>
        (await Host.GetRequiredService<IEventIngress>().RunAsync(Encoding.UTF8.GetBytes(EventJson(id, name, payload)), CancellationToken.None)).StatusCode;

    [Fact]
    public async Task A_slow_answer_comes_at_once_as_wait_and_typing_then_once_proactively_and_repeats_send_nothing()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.EnqueueHang(release.Task, SlowAnswerBot.Generated);

        await SayAsync("m-1", SlowAnswerBot.Question);
        // The turn is over while the model has not answered: the wait response, then typing.
        Assert.Equal([SlowAnswerBot.WaitMessage], Channel.Messages.Select(m => m.Text));
        Assert.Equal([ActivityTypes.Message, ActivityTypes.Typing], Channel.Activities.Select(a => a.Type));
        var callId = await PendingCallIdAsync();

        await _model.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await SayAsync("m-2", "hello? are you there?");
        Assert.Equal(SlowPricingService.StillWorking, Channel.Messages[^1].Text);

        release.SetResult();
        // wait message, typing, still working, the answer, the flow's next reply
        await Channel.WaitForRequestsAsync(5).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([SlowAnswerBot.WaitMessage, SlowPricingService.StillWorking, SlowAnswerBot.Generated, SlowAnswerBot.AnythingElse], Channel.Messages.Select(m => m.Text));
        var answer = Channel.Requests.Single(r => r.Activity?.Text == SlowAnswerBot.Generated);
        Assert.Null(answer.Activity!.ReplyToId); // proactive
        // Grounded: the model was asked once, with the user's question and the passage it found.
        var request = Assert.Single(_model.Requests).Body.ToJsonString();
        Assert.Contains(SlowAnswerBot.Question, request);
        Assert.Contains("# Parking\\n" + SlowAnswerBot.Passage, request);

        // A redelivered call and a repeated (even forged) continue event from the queue: no model call, nothing sent;
        // posted over HTTP they are refused outright (the bot's own event names).
        var sent = Channel.Requests.Count;
        var forged = $$"""{ "id": "{{callId}}", "result": { "success": true, "body": { "text": "Parking costs 100 EUR." } } }""";
        Assert.InRange(await QueueDeliversAsync(callId, "chatbot.call", $$"""{ "id": "{{callId}}" }"""), 200, 299);
        Assert.InRange(await QueueDeliversAsync(callId, "chatbot.continue", forged), 200, 299);
        Assert.Equal(HttpStatusCode.BadRequest, await PostEventAsync(callId + "-again", "chatbot.continue", forged));
        Assert.Equal(sent, Channel.Requests.Count);
        Assert.Single(_model.Requests);
    }

    [Fact]
    public async Task A_failing_model_sends_the_best_passage()
    {
        _model.EnqueueStatus(500);

        await SayAsync("m-1", SlowAnswerBot.Question);
        await Channel.WaitForRequestsAsync(4).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([SlowAnswerBot.WaitMessage, SlowAnswerBot.Passage, SlowAnswerBot.AnythingElse], Channel.Messages.Select(m => m.Text));
        Assert.Single(_model.Requests);
    }
}
