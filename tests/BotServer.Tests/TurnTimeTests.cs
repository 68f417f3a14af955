using System.Net;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 12, the turn's time (E3), over HTTP: the real BotServer, the real Azure OpenAI client and a local model that
/// never answers. Understanding and the knowledge answer share the turn's time (<c>Turn:Deadline</c> less
/// <c>Turn:SendReserve</c>), so a turn whose model timeouts add up to far more than the deadline still answers, from the
/// local recognizer and the knowledge passage, within it.
/// </summary>
public sealed class TurnTimeTests : ChannelServerTest
{
    private readonly SlowAnswerBot _bot = new(deferred: false);
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeOpenAIServer _model = null!;

    // 5 s for the model in the whole turn; 10 s for each call alone.
    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Understanding:Mode", "llm")
            .WithSetting("Understanding:Embedded:ModelWait", "00:00:00") // the local fallback answers lexically until the model is loaded
            .WithSetting("Understanding:Timeout", "00:00:10")
            .WithSetting("Understanding:PhrasingTimeout", "00:00:10")
            .WithSetting("Turn:Deadline", "00:00:06")
            .WithSetting("Turn:MaxQueueWait", "00:00:02")
            .WithSetting("Turn:SendReserve", "00:00:01")
            .WithSetting("AzureOpenAI:Endpoint", _model.BaseUri.ToString())
            .WithSetting("AzureOpenAI:Deployment", "gpt-4o")
            .WithSetting("AzureOpenAI:ApiKey", "k")
            .WithSetting("Dialogs:Path", _bot.DialogsPath);

    public override async Task InitializeAsync()
    {
        _model = await FakeOpenAIServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        _never.TrySetResult();
        await base.DisposeAsync();
        await _model.DisposeAsync();
        _bot.Dispose();
    }

    [Fact]
    public async Task A_model_that_never_answers_leaves_the_turn_its_passage_answer_within_the_deadline()
    {
        _model.EnqueueHang(_never.Task);
        _model.EnqueueHang(_never.Task);

        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message("m-1", "is there any parking around here?")), Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/api/messages", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([SlowAnswerBot.Passage, SlowAnswerBot.AnythingElse], Channel.Messages.Select(m => m.Text));
        // Understanding waited for what the turn had; the knowledge answer found too little left and did not ask.
        Assert.Single(_model.Requests);
    }
}
