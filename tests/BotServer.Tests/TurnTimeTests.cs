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
    private const string Passage = "There is free parking behind the building; enter from Garden Street.";

    private const string Bot = """
        bot:
          id: practice
          name: Practice
          languages: [en]
        knowledge:
          files: [practice.md]
        flows:
          practice_question:
            description: A question about the practice
            examples: { en: [is there parking, what are your opening hours, do you take my insurance] }
            steps:
              - answer:
                if_no_answer: no_answer
              - end: anything_else
        responses:
          no_answer: { text: { en: "I can't answer that from our information." } }
          anything_else: { text: { en: "Anything else I can help with?" } }
        """;

    private const string Knowledge = """
        # Opening hours
        We are open Monday to Friday from 8:00 to 18:00.

        # Parking
        There is free parking behind the building; enter from Garden Street.
        """;

    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-turn-time-");
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
            .WithSetting("Dialogs:Path", _dialogs.FullName);

    public override async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dialogs.FullName, "bot.yaml"), Bot);
        File.WriteAllText(Path.Combine(_dialogs.FullName, "practice.md"), Knowledge);
        _model = await FakeOpenAIServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        _never.TrySetResult();
        await base.DisposeAsync();
        await _model.DisposeAsync();
        _dialogs.Delete(recursive: true);
    }

    [Fact]
    public async Task A_model_that_never_answers_leaves_the_turn_its_passage_answer_within_the_deadline()
    {
        _model.EnqueueHang(_never.Task);
        _model.EnqueueHang(_never.Task);

        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message("m-1", "is there any parking around here?")), Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/api/messages", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Passage, "Anything else I can help with?"], Channel.Messages.Select(m => m.Text));
        // Understanding waited for what the turn had; the knowledge answer found too little left and did not ask.
        Assert.Single(_model.Requests);
    }
}
