using System.Text;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Tests;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.Bot.Tests.Understanding;

/// <summary>
/// Issue 12, the turn's time (E3): every model call of a turn — understanding, then each phrased reply — shares the time
/// until <c>Turn:Deadline</c> less <c>Turn:SendReserve</c>, through the whole pipeline, the real Azure OpenAI client and a
/// local OpenAI-compatible server. The fake clock moves only when the test moves it (as long as the model takes), so
/// every call the turn makes or skips is known exactly.
/// </summary>
public sealed class TurnTimeTests : IAsyncLifetime
{
    // Not an example word for word (those the engine takes without a recognizer): the model is asked.
    private const string Report = "something seems to be broken here";

    private static readonly string[] Templates = ["Thanks for telling us.", "We will look into it today.", "What exactly happened?"];

    private FakeOpenAIServer _model = null!;
    private BotUnderTest? _bot;

    public async Task InitializeAsync() => _model = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.DisposeAsync();
        await _model.DisposeAsync();
    }

    private static CompiledBot Dialogs() => TestBots.Compile("""
        flows:
          report:
            description: Report a problem
            examples: { en: [something is broken, report a problem] }
            slots:
              details: text
            steps:
              - say: one
              - say: two
              - ask: details
                response: three
        responses:
          one: { text: { en: Thanks for telling us. }, phrasing: rephrase }
          two: { text: { en: We will look into it today. }, phrasing: rephrase }
          three: { text: { en: What exactly happened? }, phrasing: rephrase }
        """);

    private async Task<BotUnderTest> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Understanding:Mode"] = "llm",
            ["AzureOpenAI:Endpoint"] = _model.BaseUri.ToString(),
            ["AzureOpenAI:Deployment"] = "gpt-4o",
            ["AzureOpenAI:ApiKey"] = "k",
        };
        foreach (var (key, value) in settings) all[key] = value;
        _bot = await BotUnderTest.StartAsync(all, services => services.AddLogging(b => b.AddFakeLogging()), dialogs: Dialogs());
        return _bot;
    }

    private static string StartReport => """{"commands":[{"kind":"start_flow","flow":"report","slot":null,"value":null,"flows":[]}]}""";

    /// <summary>Waits (in real time, bounded) until the model server has received <paramref name="count"/> requests.</summary>
    private async Task ModelAskedAsync(int count)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_model.Requests.Count < count)
        {
            if (DateTime.UtcNow > bound) throw new TimeoutException($"The model got {_model.Requests.Count} request(s), not {count}.");
            await Task.Delay(5);
        }
    }

    /// <summary>The fake time each message reached the channel, from <paramref name="start"/>.</summary>
    private static List<TimeSpan> WatchArrivals(BotUnderTest bot, DateTimeOffset start)
    {
        var arrivals = new List<TimeSpan>();
        bot.Connector.OnRequest = request =>
        {
            if (request.Activity?.Type == "message") lock (arrivals) arrivals.Add(bot.Time.GetUtcNow() - start);
            return Task.CompletedTask;
        };
        return arrivals;
    }

    private static async Task<string> StoredDialogAsync(BotUnderTest bot, string conversationId = "conv-1")
    {
        var stored = await bot.Store.ReadAsync(ConversationKey.For("emulator", conversationId), CancellationToken.None);
        return Encoding.UTF8.GetString(stored!.Content.Span);
    }

    [Fact]
    public async Task A_model_that_hangs_on_understanding_and_phrasing_still_leaves_time_to_send_the_templates_and_save_the_turn()
    {
        // Alone each timeout fits the channel's patience; together (8 s + 6 s per phrased reply) they did not.
        var bot = await StartAsync(("Understanding:Timeout", "00:00:08"), ("Understanding:PhrasingTimeout", "00:00:06"));
        var never = new TaskCompletionSource();
        for (var i = 0; i < 4; i++) _model.EnqueueHang(never.Task);
        var start = bot.Time.GetUtcNow();
        var arrivals = WatchArrivals(bot, start);

        var turn = bot.PostAsync(bot.Message(Report));
        await ModelAskedAsync(1);
        bot.Time.Advance(TimeSpan.FromSeconds(8)); // understanding gives up; the local recognizer reads the message
        await ModelAskedAsync(2);
        bot.Time.Advance(TimeSpan.FromSeconds(3)); // the first phrasing had only what was left of the turn's 11 s: cut short, then the others skipped
        var response = await turn.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, response.Status);
        Assert.Equal(Templates, bot.Connector.Messages.Select(m => m.Text!));
        Assert.Equal(2, _model.Requests.Count); // the second and third replies did not ask the model
        Assert.All(arrivals, at => Assert.True(at <= TimeSpan.FromSeconds(12), $"a reply reached the channel {at} after the message"));
        Assert.Contains("\"report\"", await StoredDialogAsync(bot), StringComparison.Ordinal); // the flow waits at its question
        var warning = Assert.Single(bot.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 3007);
        Assert.Contains("3 model call(s)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Report, warning.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_a_slow_model_the_later_phrased_replies_are_sent_as_their_templates_and_none_is_lost()
    {
        var bot = await StartAsync(("Understanding:PhrasingTimeout", "00:00:05"));
        var answers = new List<TaskCompletionSource>();
        string[] contents = [StartReport, "Thank you for letting us know.", "We are going to look into it today.", "So what exactly happened?"];
        foreach (var content in contents)
        {
            var release = new TaskCompletionSource();
            answers.Add(release);
            _model.EnqueueHang(release.Task, content);
        }

        var start = bot.Time.GetUtcNow();
        var arrivals = WatchArrivals(bot, start);

        var turn = bot.PostAsync(bot.Message(Report));
        for (var i = 0; i < 3; i++)
        {
            // Each answer takes 3.5 s: understanding (done at 3.5 s), the first reply (7 s), the second (10.5 s, within its 4 s).
            await ModelAskedAsync(i + 1);
            bot.Time.Advance(TimeSpan.FromSeconds(3.5));
            answers[i].SetResult();
        }

        var response = await turn.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, response.Status);
        Assert.Equal(["Thank you for letting us know.", "We are going to look into it today.", "What exactly happened?"], bot.Connector.Messages.Select(m => m.Text!));
        Assert.Equal(3, _model.Requests.Count); // half a second was left for the third: its template went without asking
        Assert.All(arrivals, at => Assert.True(at <= TimeSpan.FromSeconds(12), $"a reply reached the channel {at} after the message"));
    }

    [Fact]
    public async Task A_call_the_turns_end_cut_short_is_not_a_failing_model_and_the_next_turn_uses_the_model()
    {
        // The breaker pauses the model after one failure; 5 s of model time per turn.
        var bot = await StartAsync(("Turn:Deadline", "00:00:06"), ("Turn:MaxQueueWait", "00:00:03"), ("Understanding:BreakerFailures", "1"));
        var understood = new TaskCompletionSource();
        _model.EnqueueHang(understood.Task, StartReport);
        _model.EnqueueHang(new TaskCompletionSource().Task); // never answers

        var turn = bot.PostAsync(bot.Message(Report));
        await ModelAskedAsync(1);
        bot.Time.Advance(TimeSpan.FromSeconds(3));
        understood.SetResult();
        await ModelAskedAsync(2);
        bot.Time.Advance(TimeSpan.FromSeconds(2)); // the first reply's phrasing had 2 s of its 3, and got no answer
        await turn.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Templates, bot.Connector.Messages.Select(m => m.Text!));

        // Another user, a quick model: nothing paused it.
        bot.Connector.Clear();
        _model.EnqueueCommands(new { kind = "start_flow", flow = "report", slot = (string?)null, value = (string?)null, flows = Array.Empty<string>() });
        _model.EnqueueContent("Thank you for letting us know.");
        _model.EnqueueContent("We are going to look into it today.");
        _model.EnqueueContent("So what exactly happened?");
        await bot.PostAsync(bot.Message(Report, conversationId: "conv-2", userId: "user-2")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(6, _model.Requests.Count);
        Assert.Equal(["Thank you for letting us know.", "We are going to look into it today.", "So what exactly happened?"], bot.Connector.Messages.Select(m => m.Text!));
    }

    [Fact]
    public async Task An_open_breaker_costs_the_turn_no_time_and_is_not_reported_as_the_turn_running_out()
    {
        var bot = await StartAsync(("Understanding:BreakerFailures", "1"));
        _model.EnqueueStatus(503);
        var start = bot.Time.GetUtcNow();
        var arrivals = WatchArrivals(bot, start);

        // The clock never moves: the turn waits for nothing once the endpoint failed and is paused.
        var response = await bot.PostAsync(bot.Message(Report)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, response.Status);
        Assert.Equal(Templates, bot.Connector.Messages.Select(m => m.Text!));
        Assert.Single(_model.Requests);
        Assert.All(arrivals, at => Assert.Equal(TimeSpan.Zero, at));
        Assert.DoesNotContain(bot.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 3007);
    }
}
