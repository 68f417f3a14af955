using Chatbot.Bot.Tests.Fakes;

namespace Chatbot.Bot.Tests.Middleware;

/// <summary>Turns of one conversation run one at a time in one instance, with bounded waiting and a clear answer.</summary>
public sealed class ConversationOrderingTurnHandlerTests
{
    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_in_arrival_order_while_others_go_ahead()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var release = Signal();
        var entered = Signal();
        bot.Engine.Hold = call =>
        {
            if (call > 1) return Task.CompletedTask;
            entered.TrySetResult();
            return release.Task;
        };

        var first = bot.PostAsync(bot.Message("one"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = new List<Task<Response>>();
        for (var i = 2; i <= 4; i++)
        {
            queued.Add(bot.PostAsync(bot.Message($"m{i}")));
            await WaitUntilAsync(() => bot.Services.GetGate().Waiting("emulator", "conv-1") == i - 1);
        }

        // Another conversation is not held up by the busy one.
        Assert.Equal(200, (await bot.PostAsync(bot.Message("elsewhere", conversationId: "conv-2")).WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(2, bot.Engine.Calls);

        release.SetResult();
        Assert.All(await Task.WhenAll([first, .. queued]), r => Assert.Equal(200, r.Status));
        Assert.Equal(["one", "elsewhere", "m2", "m3", "m4"], bot.Engine.Texts);
        Assert.Equal(["count 1", "count 1", "count 2", "count 3", "count 4"], bot.Connector.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_turn_beyond_the_queue_bound_is_answered_503_at_once()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxQueuedTurns"] = "1" });
        var release = Signal();
        bot.Engine.Gate = release;

        var first = bot.PostAsync(bot.Message("one"));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = bot.PostAsync(bot.Message("two"));
        await WaitUntilAsync(() => bot.Services.GetGate().Waiting("emulator", "conv-1") == 1);

        var third = await bot.PostAsync(bot.Message("three")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((503, "Too many messages of this conversation are waiting; retry.", "2"), (third.Status, third.Body, third.RetryAfter));
        release.SetResult();
        Assert.Equal((200, 200), ((await first).Status, (await second).Status));
        Assert.Equal(2, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_turn_that_would_wait_past_Turn_MaxQueueWait_is_answered_503_instead_of_hanging()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxQueueWait"] = "00:00:03" });
        var release = Signal();
        bot.Engine.Gate = release;
        var first = bot.PostAsync(bot.Message("one"));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = bot.PostAsync(bot.Message("two"));
        await bot.Time.WaitForTimersAsync(TimeSpan.FromSeconds(3));
        bot.Time.Advance(TimeSpan.FromSeconds(3));
        var refused = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((503, "The conversation is busy; retry."), (refused.Status, refused.Body));
        release.SetResult();
        Assert.Equal(200, (await first).Status);
        Assert.Equal(1, bot.Engine.Calls);
        Assert.Equal(0, bot.Services.GetGate().Count);
    }

    [Fact]
    public async Task Past_the_bound_on_ordered_conversations_turns_run_unordered_and_still_answer()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxOrderedConversations"] = "1" });
        var release = Signal();
        bot.Engine.Gate = release;
        var first = bot.PostAsync(bot.Message("one"));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        bot.Engine.Gate = null;
        var other = await bot.PostAsync(bot.Message("hi", conversationId: "conv-2")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, other.Status);
        Assert.Equal(1, bot.Services.GetGate().Count);
        release.SetResult();
        Assert.Equal(200, (await first).Status);
        Assert.Equal(0, bot.Services.GetGate().Count);
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > bound) throw new TimeoutException("condition not met");
            await Task.Delay(5);
        }
    }
}
