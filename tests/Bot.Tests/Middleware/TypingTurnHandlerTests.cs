using Chatbot.Bot.Tests.Fakes;

namespace Chatbot.Bot.Tests.Middleware;

public sealed class TypingTurnHandlerTests
{
    private static readonly Dictionary<string, string?> OneSecondDelay = new() { ["Turn:TypingDelay"] = "00:00:01" };

    [Fact]
    public async Task A_slow_turn_shows_typing_first()
    {
        await using var bot = await BotUnderTest.StartAsync(OneSecondDelay);
        bot.Engine.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var post = Task.Run(() => bot.PostAsync(bot.Message("hi")));
        await bot.Time.WaitForTimersAsync(TimeSpan.FromSeconds(1));

        bot.Time.Advance(TimeSpan.FromSeconds(1));
        await bot.Connector.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        bot.Engine.Gate.SetResult();
        await post;

        Assert.Equal(["typing", "message"], bot.Connector.Activities.Select(a => a.Type!).ToArray());
    }

    [Fact]
    public async Task A_fast_turn_shows_no_typing()
    {
        await using var bot = await BotUnderTest.StartAsync(OneSecondDelay);
        await bot.PostAsync(bot.Message("hi"));
        Assert.Equal(["message"], bot.Connector.Activities.Select(a => a.Type!).ToArray());
    }

    [Fact]
    public async Task A_re_run_after_a_write_conflict_does_not_show_typing_again()
    {
        await using var bot = await BotUnderTest.StartAsync(OneSecondDelay);
        var entered = new[] { NewSignal(), NewSignal() };
        var release = new[] { NewSignal(), NewSignal() };
        bot.Engine.Hold = call =>
        {
            entered[call - 1].TrySetResult();
            return release[call - 1].Task;
        };
        bot.Store.ConflictNextWrites(1);

        var post = Task.Run(() => bot.PostAsync(bot.Message("hi")));
        await entered[0].Task.WaitAsync(TimeSpan.FromSeconds(30));
        await bot.Time.WaitForTimersAsync(TimeSpan.FromSeconds(1));
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        await bot.Connector.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        release[0].SetResult();

        // The first write loses the race; the re-run is just as slow.
        await entered[1].Task.WaitAsync(TimeSpan.FromSeconds(30));
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        release[1].SetResult();
        Assert.Equal(200, (await post.WaitAsync(TimeSpan.FromSeconds(30))).Status);

        Assert.Equal(["typing", "message"], bot.Connector.Activities.Select(a => a.Type!).ToArray());
    }

    [Fact]
    public async Task A_typing_indicator_the_channel_never_answers_does_not_hold_the_reply_back()
    {
        await using var bot = await BotUnderTest.StartAsync(OneSecondDelay);
        var typingArrived = NewSignal();
        var channelAnswersTyping = NewSignal();
        bot.Connector.OnRequest = request =>
        {
            if (request.Activity?.Type != "typing") return Task.CompletedTask;
            typingArrived.TrySetResult();
            return channelAnswersTyping.Task; // hangs until the test ends
        };
        bot.Engine.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var post = Task.Run(() => bot.PostAsync(bot.Message("hi")));
        await bot.Time.WaitForTimersAsync(TimeSpan.FromSeconds(1));
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        await typingArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        bot.Engine.Gate.SetResult();

        // The turn ends (and the reply goes out) while the typing request is still open.
        var response = await post.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, response.Status);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
        Assert.False(channelAnswersTyping.Task.IsCompleted);
        channelAnswersTyping.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
