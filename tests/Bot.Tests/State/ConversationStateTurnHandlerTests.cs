using Chatbot.Bot.Tests.Fakes;
using Chatbot.Storage.File;
using Chatbot.Testing;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Tests.State;

/// <summary>
/// The state wrapper through the real pipeline: one read, one commit, one delivery record; replies once, after the
/// commit, under stable ids, also when instances race, die, or the store or the channel stalls.
/// </summary>
public sealed class ConversationStateTurnHandlerTests
{
    [Fact]
    public async Task A_turn_costs_one_read_a_commit_and_a_delivery_record_and_its_reply_is_sent_once_under_a_stable_id()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await bot.PostAsync(bot.Message("hi", id: "a1"));

        Assert.Equal(200, response.Status);
        Assert.Equal((1, 2), (bot.Store.Reads, bot.Store.Writes));
        var reply = Assert.Single(bot.Connector.Messages);
        Assert.Equal(("count 1", "a1:reply:0"), (reply.Text, reply.Id));
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
        Assert.Equal(2, bot.Store.Writes);
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

    [Fact]
    public async Task A_turn_that_leaves_no_dialog_state_stores_a_document_the_next_turn_can_read()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Engine.Stateless = true;
        Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a1"))).Status);

        // The stored "dialog" was empty bytes (no JSON at all) when the engine handed back no state: the document could not be read again.
        bot.Engine.Stateless = false;
        var next = await bot.PostAsync(bot.Message("hi", id: "a2"));

        Assert.Equal(200, next.Status);
        Assert.Equal(["noted", "count 1"], bot.Connector.Messages.Select(m => m.Text));
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
        Assert.Equal((2, 2), (bot.Store.Reads, bot.Store.Writes));
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
    }

    [Fact]
    public async Task Write_races_are_re_run_with_backoff_until_the_deadline_then_answered_503_before_the_channel_gives_up()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Store.ConflictNextWrites(int.MaxValue);
        var start = bot.Time.GetUtcNow();

        var response = await bot.PumpAsync(bot.PostAsync(bot.Message("hi")));

        Assert.Equal((503, "The conversation is busy; retry.", "1"), (response.Status, response.Body, response.RetryAfter));
        // Many re-runs (not a fixed count), all inside Turn:Deadline (12 s), below Teams' 15 s.
        Assert.True(bot.Engine.Calls > 5, $"only {bot.Engine.Calls} runs");
        Assert.InRange(bot.Time.GetUtcNow() - start, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12.5));
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
    public async Task D1_a_commit_reported_failed_but_applied_later_is_delivered_by_the_retry_at_once()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        bot.Store.ApplyLateNextWrites(1);

        var first = await bot.PostAsync(activity);
        Assert.Equal(503, first.Status);
        Assert.Empty(bot.Connector.Messages);

        // The retry finds the late-applied entry (sent nothing, lease running). Its attempt is known dead here: send now.
        var retry = await bot.PostAsync(activity);

        Assert.Equal(200, retry.Status);
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task D1_on_another_instance_the_retry_waits_out_the_dead_attempts_lease_and_then_delivers()
    {
        await using var a = await BotUnderTest.StartAsync();
        await using var b = await BotUnderTest.StartAsync(sharing: a);
        var activity = a.Message("hi", id: "a1");
        a.Store.ApplyLateNextWrites(1);
        Assert.Equal(503, (await a.PostAsync(activity)).Status);
        var start = a.Time.GetUtcNow();

        var writes = a.Store.Writes;
        var retry = await b.PumpAsync(b.PostAsync(activity), until: () => a.Store.Writes > writes); // until b claims the delivery

        Assert.Equal(200, retry.Status);
        Assert.Equal("count 1", Assert.Single(b.Connector.Messages).Text);
        Assert.InRange(a.Time.GetUtcNow() - start, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11)); // the 10 s lease, inside the 12 s deadline
        Assert.Equal(0, b.Engine.Calls);
    }

    [Fact]
    public async Task Crash_after_commit_before_send_is_delivered_once_by_a_redelivery_to_another_instance()
    {
        await using var a = await BotUnderTest.StartAsync();
        await using var b = await BotUnderTest.StartAsync(sharing: a);
        var activity = a.Message("hi", id: "a1");
        a.Store.CrashAfterNextWrites(1);

        var crashed = await a.PostAsync(activity);
        Assert.Equal(500, crashed.Status);
        Assert.DoesNotContain("Exception", crashed.Body, StringComparison.Ordinal);
        Assert.Empty(a.Connector.Messages);

        var writes = a.Store.Writes;
        var redelivery = await b.PumpAsync(b.PostAsync(activity), until: () => a.Store.Writes > writes); // until b claims the delivery
        Assert.Equal(200, redelivery.Status);
        Assert.Equal("count 1", Assert.Single(b.Connector.Messages).Text);

        // Delivered now: a further redelivery sends nothing, and the turn never ran twice.
        b.Time.Advance(TimeSpan.FromSeconds(120));
        await b.PostAsync(activity);
        Assert.Single(b.Connector.Messages);
        Assert.Equal(1, a.Engine.Calls + b.Engine.Calls);
    }

    [Fact]
    public async Task A_redelivery_while_another_instance_is_still_sending_waits_for_it_and_sends_nothing()
    {
        await using var a = await BotUnderTest.StartAsync();
        await using var b = await BotUnderTest.StartAsync(sharing: a);
        var (original, redelivery, _) = await a.RedeliverWhileSendingAsync(b, a.Message("hi", id: "a1"));

        Assert.Equal(200, original);
        Assert.Equal(200, redelivery);
        Assert.Equal("count 1", Assert.Single(a.Connector.Messages).Text);
    }

    [Fact]
    public async Task D2_a_crash_while_the_first_of_two_replies_is_acknowledged_loses_nothing_and_re_sends_under_the_same_ids()
    {
        await using var a = await BotUnderTest.StartAsync();
        await using var b = await BotUnderTest.StartAsync(sharing: a);
        a.Engine.RepliesPerTurn = 2;
        var activity = a.Message("hi", id: "a1");
        var reachedChannel = new List<string?>();
        var firstArrived = Signal();
        var neverAcknowledged = Signal();
        a.Connector.OnRequest = request =>
        {
            lock (reachedChannel) reachedChannel.Add(request.Activity?.Id);
            if (!firstArrived.TrySetResult()) return Task.CompletedTask;
            a.Kill(); // kill -9 while the channel holds the acknowledgement of reply 1
            return neverAcknowledged.Task;
        };

        _ = a.PostAsync(activity);
        await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The channel saw the connection drop and re-sends to the other instance.
        var writes = a.Store.Writes;
        var redelivery = await b.PumpAsync(b.PostAsync(activity), until: () => a.Store.Writes > writes); // until b claims the delivery

        Assert.Equal(200, redelivery.Status);
        Assert.Equal(["count 1 (1/2)", "count 1 (2/2)"], b.Connector.Messages.Select(m => m.Text));
        // Reply 1 reached the channel twice, under the same id: a channel that de-duplicates by id shows it once.
        lock (reachedChannel) Assert.Equal(["a1:reply:0", "a1:reply:0", "a1:reply:1"], reachedChannel);
        neverAcknowledged.SetResult();
    }

    [Theory]
    [InlineData("")] // zero bytes
    [InlineData("""{"id":"msteams:c1","state":{"schemaVer""")] // cut short
    [InlineData("<html>not json</html>")]
    [InlineData("STATE:[1,2]")] // the envelope is fine, the state is JSON of the wrong shape
    [InlineData("STATE:{\"recent\":\"yesterday\"}")]
    public async Task A_damaged_state_file_is_kept_aside_and_the_conversation_starts_over_with_an_apology(string damage)
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-damaged-");
        try
        {
            using var files = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = folder.FullName }), TimeProvider.System);
            await using var bot = await BotUnderTest.StartAsync(store: files);
            Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a1"))).Status);
            Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a2"))).Status);
            var stateFile = Assert.Single(Directory.GetFiles(folder.FullName, "*.json"));
            if (damage.StartsWith("STATE:", StringComparison.Ordinal))
            {
                var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stateFile))!.AsObject();
                document["state"] = System.Text.Json.Nodes.JsonNode.Parse(damage["STATE:".Length..]);
                damage = document.ToJsonString();
            }

            File.WriteAllText(stateFile, damage);

            var response = await bot.PostAsync(bot.Message("hi", id: "a3"));

            Assert.Equal(200, response.Status);
            Assert.Equal(["count 1", "count 2", "Sorry, I lost track of our conversation, so we are starting over.", "count 1"], bot.Connector.Messages.Select(m => m.Text));
            var kept = Assert.Single(Directory.GetFiles(folder.FullName, "*.damaged-*"));
            Assert.Equal(damage, File.ReadAllText(kept));
            Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a4"))).Status);
            Assert.Equal("count 2", bot.Connector.Messages[^1].Text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_state_written_by_a_newer_version_is_left_as_it_is_and_the_channel_is_asked_to_retry()
    {
        await using var bot = await BotUnderTest.StartAsync();
        Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a1"))).Status);
        var stored = await bot.Store.ReadAsync(Chatbot.Bot.Pipeline.ConversationKey.For(bot.Message("hi")), CancellationToken.None);
        var newer = System.Text.Json.Nodes.JsonNode.Parse(stored!.Content.Span)!.AsObject();
        newer["schemaVersion"] = 2;
        newer["addedLater"] = "kept";
        var written = await bot.Store.WriteAsync(stored.Id, System.Text.Encoding.UTF8.GetBytes(newer.ToJsonString()), stored.ETag, CancellationToken.None);

        var response = await bot.PostAsync(bot.Message("hi", id: "a2"));

        Assert.Equal(503, response.Status);
        Assert.Equal(written, (await bot.Store.ReadAsync(stored.Id, CancellationToken.None))!.ETag);
        Assert.Equal("10", response.RetryAfter);
        Assert.Equal(["count 1"], bot.Connector.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_state_of_a_newer_version_that_no_newer_instance_answered_for_the_wait_is_kept_aside_and_the_conversation_starts_over()
    {
        // A version rolled back: no instance of the newer one is left to answer the re-posts. Before, every message of the
        // conversation got 503 for good; now only for Turn:NewerStateWait after the newer version's last turn.
        var folder = Directory.CreateTempSubdirectory("chatbot-newer-");
        try
        {
            using var files = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = folder.FullName }), TimeProvider.System);
            await using var bot = await BotUnderTest.StartAsync(store: files);
            Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a1"))).Status);
            var stateFile = Assert.Single(Directory.GetFiles(folder.FullName, "*.json"));
            var file = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stateFile))!.AsObject();
            file["state"]!["schemaVersion"] = 99;
            file["state"]!["addedLater"] = "kept";
            var newer = file.ToJsonString();
            File.WriteAllText(stateFile, newer);

            bot.Time.Advance(TimeSpan.FromMinutes(9)); // a rolling upgrade: the re-post may reach the newer version
            var waiting = await bot.PostAsync(bot.Message("hi", id: "a2"));
            Assert.Equal(503, waiting.Status);
            Assert.Equal(newer, File.ReadAllText(stateFile));

            bot.Time.Advance(TimeSpan.FromMinutes(1)); // 10 minutes: nobody newer answers it
            var response = await bot.PostAsync(bot.Message("hi", id: "a3"));

            Assert.Equal(200, response.Status);
            Assert.Equal(["count 1", "Sorry, I lost track of our conversation, so we are starting over.", "count 1"], bot.Connector.Messages.Select(m => m.Text));
            Assert.Equal(newer, File.ReadAllText(Assert.Single(Directory.GetFiles(folder.FullName, "*.damaged-*"))));
            Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a4"))).Status);
            Assert.Equal("count 2", bot.Connector.Messages[^1].Text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task File_store_a_lost_delivery_record_reads_as_undelivered_the_state_stays_and_the_reply_is_re_sent_after_the_lease()
    {
        // The file store keeps the record in the state file, replaced whole like a commit (issue 19): an OS crash soon after
        // the turn can bring the file back as the commit before it. That must read as a lost record (the lease decides),
        // never as damaged state.
        var folder = Directory.CreateTempSubdirectory("chatbot-record-");
        try
        {
            using var files = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = folder.FullName }), TimeProvider.System);
            await using var bot = await BotUnderTest.StartAsync(store: files);
            var activity = bot.Message("hi", id: "a1");
            Assert.Equal(200, (await bot.PostAsync(activity)).Status);
            Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
            var stateFile = Assert.Single(Directory.GetFiles(folder.FullName, "*.json"));
            var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stateFile))!.AsObject();
            Assert.NotNull(document["note"]); // the record
            document["note"] = null;
            File.WriteAllText(stateFile, document.ToJsonString());

            var start = bot.Time.GetUtcNow();
            var writes = bot.Store.Writes;
            var retry = await bot.PumpAsync(bot.PostAsync(activity), until: () => bot.Store.Writes > writes + 1); // claim + record

            Assert.Equal(200, retry.Status);
            Assert.Equal(["count 1", "count 1"], bot.Connector.Messages.Select(m => m.Text)); // re-sent once, as after a lost record
            Assert.Equal(bot.Connector.Messages[0].Id, bot.Connector.Messages[1].Id);
            Assert.InRange(bot.Time.GetUtcNow() - start, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11)); // the 10 s lease
            Assert.Equal(1, bot.Engine.Calls);

            Assert.Equal(200, (await bot.PostAsync(activity)).Status); // delivered and recorded now: nothing more
            await bot.PostAsync(bot.Message("again"));
            Assert.Equal(["count 1", "count 1", "count 2"], bot.Connector.Messages.Select(m => m.Text)); // the state was intact
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_store_without_notes_records_delivery_by_replacing_the_document()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Store.KeepsNotes = false; // as the Cosmos store
        var activity = bot.Message("hi", id: "a1");
        Assert.Equal(200, (await bot.PostAsync(activity)).Status);

        var stored = await bot.Store.ReadAsync(Chatbot.Bot.Pipeline.ConversationKey.For(activity), CancellationToken.None);
        Assert.Null(stored!.Note);
        Assert.Contains("\"delivered\":true", System.Text.Encoding.UTF8.GetString(stored.Content.Span), StringComparison.Ordinal);
        bot.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(200, (await bot.PostAsync(activity)).Status);
        Assert.Single(bot.Connector.Messages);
    }

    [Fact]
    public async Task D2_a_redelivery_after_the_lease_of_a_delivered_turn_sends_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:RedeliveryLease"] = "00:00:05" }); // as in issue 17
        bot.Engine.RepliesPerTurn = 2;
        var activity = bot.Message("hi", id: "a1");
        Assert.Equal(200, (await bot.PostAsync(activity)).Status);

        bot.Time.Advance(TimeSpan.FromSeconds(6)); // past the lease, no later turn
        var late = await bot.PostAsync(activity);

        Assert.Equal(200, late.Status);
        Assert.Equal(2, bot.Connector.Messages.Count);
    }

    [Fact]
    public async Task D3_a_reply_that_hangs_fails_before_the_channel_gives_up_and_its_retry_delivers_it_once_under_the_same_id()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        var lost = Signal();
        var hung = Signal();
        bot.Connector.OnRequest = _ =>
        {
            hung.TrySetResult();
            bot.Connector.OnRequest = null;
            return lost.Task; // the reply went into a black hole: no answer, never shown
        };
        var start = bot.Time.GetUtcNow();

        var first = bot.PostAsync(activity);
        await hung.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await bot.Time.WaitForTimersAsync(TimeSpan.FromSeconds(5));
        bot.Time.Advance(TimeSpan.FromSeconds(5)); // Connector:Timeout; Teams waits 15 s
        var failed = await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(503, failed.Status);
        Assert.True(bot.Time.GetUtcNow() - start < TimeSpan.FromSeconds(15));

        // The channel's retry: the failed attempt released its lease, so the reply goes out at once.
        var retry = await bot.PostAsync(activity);

        Assert.Equal(200, retry.Status);
        var delivered = Assert.Single(bot.Connector.Messages);
        Assert.Equal(("count 1", "a1:reply:0"), (delivered.Text, delivered.Id));
        lost.SetResult();
    }

    [Fact]
    public async Task A_document_written_before_per_reply_state_loses_nothing_and_re_sends_only_what_it_still_owed()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        // The previous shape, as its serializer wrote it: an outbox and a count of replies sent (1 of 2), lease over.
        var old = """
            {"schemaVersion":1,"dialog":{"version":1,"stack":[],"slots":{"count":1}},
             "recent":[{"id":"a1","committedAt":"2026-01-01T11:00:00+00:00","leaseUntil":"2026-01-01T11:01:00+00:00",
                        "outbox":[{"responseId":"r1","text":"first","buttons":[],"cards":[],"expectsInput":false,"handoff":false},
                                  {"responseId":"r2","text":"second","buttons":[],"cards":[],"expectsInput":true,"handoff":false}],
                        "sent":1,"delivered":false}],
             "lastActivityAt":"2026-01-01T11:00:00+00:00"}
            """;
        await bot.Store.WriteAsync(Chatbot.Bot.Pipeline.ConversationKey.For(activity), System.Text.Encoding.UTF8.GetBytes(old), null, CancellationToken.None);

        var redelivery = await bot.PostAsync(activity);

        Assert.Equal(200, redelivery.Status);
        var sent = Assert.Single(bot.Connector.Messages);
        Assert.Equal(("second", "a1:reply:1"), (sent.Text, sent.Id));
        await bot.PostAsync(bot.Message("next"));
        Assert.Equal("count 2", bot.Connector.Messages[^1].Text); // the dialog state came through
        Assert.Equal(1, bot.Engine.Calls); // only "next" ran the dialogs
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
    public async Task A_send_the_channel_throttles_for_longer_than_the_bot_waits_answers_503_with_the_channels_wait()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "a1");
        bot.Connector.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(30));

        var first = await bot.PostAsync(activity);
        // A redelivery sooner than the Connector asked would meet the same 429.
        Assert.Equal((503, "30"), (first.Status, first.RetryAfter));
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
    public async Task Concurrent_duplicates_in_one_instance_give_one_visible_answer()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var activity = bot.Message("hi", id: "dup");
        var gate = Signal();
        bot.Engine.Gate = gate;

        var first = Task.Run(() => bot.PostAsync(activity));
        await bot.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The second copy waits for the first (same conversation, same instance), then finds it answered.
        var second = Task.Run(() => bot.PostAsync(activity));
        gate.SetResult();

        var responses = await Task.WhenAll(first, second);
        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal("count 1", Assert.Single(bot.Connector.Messages).Text);
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_duplicate_on_another_instance_while_the_first_still_runs_gives_one_visible_answer()
    {
        await using var a = await BotUnderTest.StartAsync();
        await using var b = await BotUnderTest.StartAsync(sharing: a);
        var activity = a.Message("hi", id: "dup");
        var gate = Signal();
        a.Engine.Gate = gate;

        var first = Task.Run(() => a.PostAsync(activity));
        await a.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await b.PostAsync(activity); // commits and delivers while the first is still thinking
        gate.SetResult();
        var late = await first.WaitAsync(TimeSpan.FromSeconds(30)); // loses the race, finds the entry delivered

        Assert.Equal((200, 200), (second.Status, late.Status));
        Assert.Equal("count 1", Assert.Single(a.Connector.Messages).Text);
    }

    [Fact]
    public async Task Concurrent_turns_on_one_conversation_run_in_order_and_lose_no_update()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Turn:MaxQueuedTurns"] = "30" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => bot.PostAsync(bot.Message($"m{i}")))));

        // One at a time in this instance: no write race, every turn answered.
        Assert.All(responses, r => Assert.Equal(200, r.Status));
        await bot.PostAsync(bot.Message("final"));
        Assert.Equal("count 25", bot.Connector.Messages[^1].Text);
        Assert.Equal(25, bot.Connector.Messages.Select(m => m.Text).Distinct().Count());
        Assert.Equal(25, bot.Connector.Messages.Count);
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

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
