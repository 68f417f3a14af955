using Chatbot.Bot.Tests.Fakes;

namespace Chatbot.Bot.Tests.State;

/// <summary>The state wrapper through the real pipeline: one read, at most one write, replies once, after the commit.</summary>
public sealed class ConversationStateTurnHandlerTests
{
    [Fact]
    public async Task A_turn_costs_one_read_and_one_write_and_its_reply_is_sent_once()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await bot.PostAsync(bot.Message("hi"));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, bot.Store.Reads);
        Assert.Equal(1, bot.Store.Writes);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
    }

    [Fact]
    public async Task A_redelivered_activity_is_not_run_again_and_not_answered_twice()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "same");

        var first = await bot.PostAsync(activity);
        var second = await bot.PostAsync(activity);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(1, bot.Engine.Calls);
        Assert.Single(bot.Connector.Messages);
        Assert.Equal(1, bot.Store.Writes);
    }

    [Fact]
    public async Task A_turn_that_changes_nothing_and_says_nothing_reads_once_and_writes_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Engine.Silent = true;

        var response = await bot.PostAsync(bot.Message("   "));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, bot.Engine.Calls);
        Assert.Equal((1, 0), (bot.Store.Reads, bot.Store.Writes));
        Assert.Empty(bot.Connector.Requests);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("typing")]
    [InlineData("conversationUpdate")] // adds only the bot, outside Teams: nobody to welcome
    public async Task An_activity_the_bot_does_not_act_on_touches_no_state(string type)
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("");
        activity.Type = type;
        activity.Text = null;
        activity.MembersAdded = type == "conversationUpdate" ? [new() { Id = "bot-1" }] : null;

        var response = await bot.PostAsync(activity);

        Assert.Equal(200, response.Status);
        Assert.Equal((0, 0), (bot.Store.Reads, bot.Store.Writes));
        Assert.Equal(0, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_lost_write_race_re_runs_the_turn_on_fresh_state_and_replies_once()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Store.ConflictNextWrites(1);

        var response = await bot.PostAsync(bot.Message("hi"));

        Assert.Equal(200, response.Status);
        Assert.Equal(2, bot.Engine.Calls);
        Assert.Equal((2, 1), (bot.Store.Reads, bot.Store.Writes));
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
    }

    [Fact]
    public async Task Losing_every_write_race_answers_503_and_sends_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxConflictRetries"] = "2" });
        bot.Store.ConflictNextWrites(3);

        var response = await bot.PostAsync(bot.Message("hi"));

        Assert.Equal((503, "The conversation is busy; retry."), (response.Status, response.Body));
        Assert.Equal(3, bot.Engine.Calls);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task Crash_before_commit_then_retry_runs_the_turn_once_and_replies_once()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        bot.Store.FailNextWrites(1);

        var first = await bot.PostAsync(activity);
        Assert.Equal(503, first.Status);
        Assert.Empty(bot.Connector.Messages);

        var retry = await bot.PostAsync(activity);
        Assert.Equal(200, retry.Status);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);

        // The counter proves the committed turn ran once: the next message sees 1, not 2.
        await bot.PostAsync(bot.Message("again"));
        Assert.Equal("count 2", bot.Connector.Messages[^1].Text);
    }

    [Fact]
    public async Task Crash_after_commit_before_send_is_delivered_once_by_a_redelivery_after_the_lease()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        bot.Store.CrashAfterNextWrites(1);

        var crashed = await bot.PostAsync(activity);
        Assert.Equal(500, crashed.Status);
        Assert.DoesNotContain("Exception", crashed.Body, StringComparison.Ordinal);
        Assert.Empty(bot.Connector.Messages);

        // Inside the lease the original might still be sending: a redelivery must not double it.
        var early = await bot.PostAsync(activity);
        Assert.Equal(200, early.Status);
        Assert.Empty(bot.Connector.Messages);

        bot.Time.Advance(TimeSpan.FromSeconds(61));
        var late = await bot.PostAsync(activity);
        Assert.Equal(200, late.Status);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);

        // Delivered now: a further redelivery sends nothing, and the turn never ran twice.
        bot.Time.Advance(TimeSpan.FromSeconds(120));
        await bot.PostAsync(activity);
        Assert.Single(bot.Connector.Messages);
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_failed_send_answers_503_and_the_retry_delivers_the_rest_without_repeating()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        bot.Connector.FailNext(1, 500);

        var first = await bot.PostAsync(activity);
        Assert.Equal(503, first.Status);
        Assert.Empty(bot.Connector.Messages);

        var retry = await bot.PostAsync(activity);
        Assert.Equal(200, retry.Status);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task After_a_send_fails_midway_the_retry_sends_exactly_the_undelivered_replies()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Engine.RepliesPerTurn = 3;
        var activity = bot.Message("hi", id: "a1");
        bot.Connector.OnRequest = request =>
        {
            // The channel takes the first reply, then refuses the next one.
            if (request.Activity?.Text == "count 1 (1/3)") bot.Connector.FailNext(1, 500);
            return Task.CompletedTask;
        };

        var first = await bot.PostAsync(activity);
        Assert.Equal(503, first.Status);
        Assert.Equal(["count 1 (1/3)"], bot.Connector.Messages.Select(m => m.Text));

        var retry = await bot.PostAsync(activity);
        Assert.Equal(200, retry.Status);
        Assert.Equal(["count 1 (1/3)", "count 1 (2/3)", "count 1 (3/3)"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task Concurrent_duplicates_give_one_visible_answer()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "dup");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Engine.Gate = gate;

        var first = Task.Run(() => bot.PostAsync(activity));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The second copy loads the same state while the first is still running its turn.
        var second = Task.Run(() => bot.PostAsync(activity));
        while (bot.Engine.Calls < 2) await Task.Yield();
        gate.SetResult();

        var responses = await Task.WhenAll(first, second);
        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
    }

    [Fact]
    public async Task Concurrent_turns_on_one_conversation_lose_no_update()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxConflictRetries"] = "20" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => bot.PostAsync(bot.Message($"m{i}")))));

        var accepted = responses.Count(r => r.Status == 200);
        Assert.True(accepted > 0);
        Assert.All(responses, r => Assert.Contains(r.Status, new[] { 200, 503 }));
        // Every accepted turn incremented the counter exactly once, and each got exactly one reply.
        await bot.PostAsync(bot.Message("final"));
        Assert.Equal($"count {accepted + 1}", bot.Connector.Messages[^1].Text);
        Assert.Equal(accepted + 1, bot.Connector.Messages.Count);
        Assert.Equal(accepted + 1, bot.Connector.Messages.Select(m => m.Text).Distinct().Count());
    }

    [Fact]
    public async Task Storage_unavailable_answers_503_so_the_channel_retries()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Store.FailNextReads(1);

        var response = await bot.PostAsync(bot.Message("hi"));

        Assert.Equal(503, response.Status);
        Assert.Equal(0, bot.Engine.Calls);
    }

    [Fact]
    public async Task The_recent_ring_is_bounded()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:RecentActivityCount"] = "2" });
        var first = bot.Message("one", id: "first");
        await bot.PostAsync(first);
        await bot.PostAsync(bot.Message("two"));
        await bot.PostAsync(bot.Message("three"));

        // "first" fell out of the ring, so its redelivery is treated as new (documented trade-off of a bounded ring).
        await bot.PostAsync(first);

        Assert.Equal(4, bot.Engine.Calls);
    }
}
