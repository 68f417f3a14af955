using Chatbot.Bot.Tests.Fakes;

namespace Chatbot.Bot.Tests.State;

/// <summary>
/// The first read of a turn served from the version the instance last read or wrote (Storage:Remember), with instances
/// sharing one store: a stale copy loses at the commit (412) and the turn runs again on what the store holds; every other
/// read asks the store; so nothing is lost or doubled across instances (docs/exactly-once.md).
/// </summary>
public sealed class RememberedVersionTests
{
    [Fact]
    public async Task Consecutive_turns_in_one_instance_read_the_store_only_for_the_first()
    {
        await using var bot = await BotUnderTest.StartAsync(remember: true);

        foreach (var text in new[] { "one", "two", "three" })
        {
            Assert.Equal(200, (await bot.PostAsync(bot.Message(text))).Status);
        }

        Assert.Equal(["count 1", "count 2", "count 3"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal((1, 6, 0), (bot.Store.Reads, bot.Store.Writes, bot.Store.Conflicts)); // the new conversation's read, then commit + record per turn
        Assert.Equal(3, bot.Engine.Calls);
    }

    [Fact]
    public async Task Two_instances_taking_turns_on_one_conversation_each_see_the_others_changes_and_nothing_is_lost_or_doubled()
    {
        await using var a = await BotUnderTest.StartAsync(remember: true);
        await using var b = await BotUnderTest.StartAsync(sharing: a, remember: true);

        for (var i = 1; i <= 6; i++)
        {
            var instance = i % 2 == 1 ? a : b;
            Assert.Equal(200, (await instance.PostAsync(instance.Message($"m{i}", id: $"m{i}"))).Status);
        }

        Assert.Equal(["count 1", "count 2", "count 3", "count 4", "count 5", "count 6"], a.Connector.Messages.Select(m => m.Text));
        Assert.Equal(["m1:reply:0", "m2:reply:0", "m3:reply:0", "m4:reply:0", "m5:reply:0", "m6:reply:0"], a.Connector.Messages.Select(m => m.Id));
        // Turns 3 and 4 find their instance's copy one turn behind: the commit is refused (412) and the turn runs again on
        // a real read. Each instance then knows the conversation is written elsewhere too and reads the store for it
        // (turns 5 and 6: 1 read + 2 writes, as without copies): one refused write per conversation and instance.
        Assert.Equal((6, 12, 2), (a.Store.Reads, a.Store.Writes, a.Store.Conflicts));
        Assert.Equal(8, a.Engine.Calls + b.Engine.Calls);
    }

    [Fact]
    public async Task A_duplicate_already_handled_by_another_instance_is_found_after_the_stale_copy_loses_the_commit()
    {
        await using var a = await BotUnderTest.StartAsync(remember: true);
        await using var b = await BotUnderTest.StartAsync(sharing: a, remember: true);
        Assert.Equal(200, (await b.PostAsync(b.Message("first", id: "m1"))).Status); // b remembers the conversation as of m1
        var duplicate = a.Message("second", id: "m2");
        Assert.Equal(200, (await a.PostAsync(duplicate)).Status);

        var again = await b.PostAsync(duplicate); // b's copy has no m2: the turn runs, its commit is refused, the re-run finds m2

        Assert.Equal(200, again.Status);
        Assert.Equal(["count 1", "count 2"], a.Connector.Messages.Select(m => m.Text));
        Assert.Equal(1, a.Store.Conflicts);
        Assert.Equal(200, (await b.PostAsync(b.Message("third", id: "m3"))).Status);
        Assert.Equal("count 3", a.Connector.Messages[^1].Text); // m2 counted once
    }

    [Fact]
    public async Task A_redelivery_waiting_for_another_instance_re_reads_the_store_and_ends_when_the_owner_records_delivery()
    {
        await using var a = await BotUnderTest.StartAsync(remember: true);
        await using var b = await BotUnderTest.StartAsync(sharing: a, remember: true);
        Assert.Equal(200, (await b.PostAsync(b.Message("first", id: "m0"))).Status); // b's copy: before a1
        var (original, redelivery, start) = await a.RedeliverWhileSendingAsync(b, a.Message("hi", id: "a1"));

        Assert.Equal(200, original);
        Assert.Equal(200, redelivery);
        Assert.Equal(["count 1", "count 2"], a.Connector.Messages.Select(m => m.Text));
        // One refused write only: b's stale commit. Had b's polls read its copy, it would have waited out a's lease and then
        // tried to claim the delivery (a second 412).
        Assert.Equal(1, a.Store.Conflicts);
        Assert.True(b.Time.GetUtcNow() < start.AddSeconds(10), "b waited out the lease instead of seeing a's record");
    }

    [Fact]
    public async Task A_turn_that_writes_nothing_on_a_stale_copy_runs_again_on_the_stored_version_instead_of_dropping_the_message()
    {
        await using var a = await BotUnderTest.StartAsync(remember: true);
        await using var b = await BotUnderTest.StartAsync(sharing: a, remember: true);
        Assert.Equal(200, (await b.PostAsync(b.Message("one", id: "m1"))).Status);   // b's copy: count 1
        Assert.Equal(200, (await a.PostAsync(a.Message("two", id: "m2"))).Status);   // the store: count 2
        b.Engine.SilentBelow = 2; // a message means something only from count 2 on (as "yes" only after a question)

        var response = await b.PostAsync(b.Message("three", id: "m3"));

        // On its copy (count 1) the turn would change nothing and say nothing, and write nothing that a 412 could refuse.
        Assert.Equal(200, response.Status);
        Assert.Equal(["count 1", "count 2", "count 3"], a.Connector.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_commit_whose_outcome_is_unknown_drops_the_copy_so_the_redelivery_reads_the_store_and_delivers_once()
    {
        await using var bot = await BotUnderTest.StartAsync(remember: true);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("one"))).Status);
        var activity = bot.Message("two", id: "a2");
        bot.Store.ApplyLateNextWrites(1); // D1: the store applies the commit but the turn sees a timeout

        Assert.Equal(503, (await bot.PostAsync(activity)).Status);
        var reads = bot.Store.Reads;
        var retry = await bot.PostAsync(activity);

        Assert.Equal(200, retry.Status);
        Assert.Equal(["count 1", "count 2"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal((reads + 1, 0), (bot.Store.Reads, bot.Store.Conflicts)); // read from the store, found its entry, claimed it
        Assert.Equal(1 + 1, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_store_that_fails_the_commit_answers_503_and_the_next_turn_reads_the_store_again()
    {
        await using var bot = await BotUnderTest.StartAsync(remember: true);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("one"))).Status);
        var activity = bot.Message("two", id: "a2");

        bot.Store.FailNextWrites(1);
        Assert.Equal(503, (await bot.PostAsync(activity)).Status); // ran on the copy; the commit failed: nothing sent
        bot.Store.FailNextReads(1);
        Assert.Equal(503, (await bot.PostAsync(activity)).Status); // the copy is gone: the read reaches the failing store
        Assert.Equal(200, (await bot.PostAsync(activity)).Status);

        Assert.Equal(["count 1", "count 2"], bot.Connector.Messages.Select(m => m.Text));
    }
}
