using Chatbot.Channels.Activities;

namespace Chatbot.Chaos.Tests;

/// <summary>
/// Faults the first chaos run does not cover, on the same real parts (two BotServer processes, the Cosmos test server,
/// the local Connector, the channel stand-in that re-sends on no 2xx): a store that throttles (429 with
/// <c>x-ms-retry-after-ms</c>) and then answers 503 for a while under concurrent users; two devices writing to one
/// conversation at the same moment on two instances, with the remembered copies on; a Connector that throttles
/// (429 + <c>Retry-After</c>) and then fails (502) for a while; the store's front end restarting (every connection reset,
/// some applied writes among them); a Connector that stops answering for a while (acknowledgements lost). In each: every
/// activity is answered 2xx in the end, its two replies arrive exactly once each (after a lost acknowledgement: once
/// more under the same id, the documented window), every count is applied exactly once, and the channel never sees
/// anything but 2xx or a retryable 503.
/// </summary>
public sealed partial class ChaosTests
{
    // One run (the instances and the store started once, to keep Chaos.Tests short), four scenarios one after another.
    [Fact]
    public async Task Store_throttling_and_outage_store_restarts_two_devices_and_connector_failures_lose_and_double_nothing()
    {
        // 1. The store throttles (429 with x-ms-retry-after-ms, beyond the SDK's 3 retries), then answers 503, then
        //    recovers, while 8 users send 4 messages each, alternating instances. Seen by the channel: 503 with
        //    Retry-After (its redelivery then completes the turn), never a 500.
        var from = _channel.Attempts.Count;
        await _cosmos.InjectFaultAsync("conversations", 429, 100_000);
        var traffic = Enumerable.Range(0, 8).Select(c => SendSequenceAsync($"throttled-{c}", 4, c % 2, pause: TimeSpan.FromMilliseconds(200))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _cosmos.InjectFaultAsync("conversations", 503, 100_000);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _cosmos.ClearFaultsAsync();
        await Task.WhenAll(traffic);
        var attempts = AttemptsSince(from, "store throttling, then 503");
        Assert.Contains(attempts, a => a.Status == 503); // the outage reached the turns (not all absorbed by retries)
        Assert.All(attempts.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter is not null, $"{a}: 503 without Retry-After"));
        AssertEachTurnOnce("throttled-");

        // 2. The Connector throttles (429 + Retry-After: 1), then fails (502) for more posts than its client retries:
        //    a turn that could not deliver all its replies answers 503 and its redelivery sends the rest, once.
        from = _channel.Attempts.Count;
        var refusedBefore = _sink.Requests.Count(r => r.AnsweredStatus != 200);
        _sink.FailNext(12, 429, TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(c => SendSequenceAsync($"connector-{c}", 2, c % 2, pause: TimeSpan.FromMilliseconds(200))));
        _sink.FailNext(40, 502);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(c => SendSequenceAsync($"connector-{c}", 2, c % 2, pause: TimeSpan.FromMilliseconds(200))));
        attempts = AttemptsSince(from, "Connector 429, then 502");
        var refused = _sink.Requests.Count(r => r.AnsweredStatus != 200) - refusedBefore;
        output.WriteLine($"the Connector refused {refused} posts");
        Assert.True(refused >= 12, $"the Connector refused only {refused} posts");
        Assert.Contains(attempts, a => a.Status == 503);
        // A 502 carries no Retry-After of its own; the 503 still says when to post again (it said nothing before).
        Assert.All(attempts.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter is not null, $"{a}: 503 without Retry-After"));
        AssertEachTurnOnce("connector-");

        // The instances now reach the store through a proxy that can reset every connection, and keep copies of the
        // conversations they wrote (Storage:Remember), so each copy is stale after the other instance's turn.
        await using var proxy = new ResettingTcpProxy(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, _cosmos.Endpoint.Port));
        await RestartBothAsync(("CosmosDb__Endpoint", $"https://127.0.0.1:{proxy.Port}/"), ("Storage__Remember__Enabled", "true"));

        // 3. The store's front end restarts mid-load: every connection reset, new ones refused for 1 s. Some writes
        //    the store carried out but answers late are in flight then: applied, yet the instance saw a broken connection.
        from = _channel.Attempts.Count;
        traffic = Enumerable.Range(0, 8).Select(c => SendSequenceAsync($"restart-{c}", 4, c % 2, pause: TimeSpan.FromMilliseconds(200))).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await _cosmos.InjectLateAnswersAsync("conversations", TimeSpan.FromSeconds(3), 4, "PUT", "POST");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // requests in flight (the scenario's timing)
        proxy.ResetAll();
        await Task.Delay(TimeSpan.FromSeconds(1)); // down while it restarts
        proxy.Resume();
        await Task.WhenAll(traffic);
        attempts = AttemptsSince(from, $"store restart ({proxy.Resets} connections reset)");
        Assert.True(proxy.Resets > 0, "no connection was reset");
        AssertEachTurnOnce("restart-");

        // 4. Two devices of one user write to one conversation at the same moment, one through each instance, 5 rounds
        //    in 4 conversations: both turns applied (counts 1..10), neither overwriting the other's total.
        from = _channel.Attempts.Count;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async c =>
        {
            for (var round = 0; round < 5; round++)
            {
                await Task.WhenAll(SendAsync($"devices-{c}", 0), SendAsync($"devices-{c}", 1));
            }
        }));
        AttemptsSince(from, "two devices at once");
        AssertEachTurnOnce("devices-");

        // 5. The Connector stops answering: the first reply POSTs hang past Connector:Timeout (the channel takes them in
        //    only after the bot gave up on them: acknowledgements lost), then it recovers. The turn answers 503 before
        //    the channel's own timeout; the redelivery sends what is owed under the same ids. The user sees each reply
        //    once (the channel de-duplicates by id) and in order.
        from = _channel.Attempts.Count;
        var hung = 0;
        _sink.OnRequest = async request =>
        {
            if (request.Activity is { Type: ActivityTypes.Message } && Interlocked.Increment(ref hung) <= 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(6)); // longer than Connector:Timeout (5 s): the scenario, not a wait for a result
            }
        };
        await Task.WhenAll(Enumerable.Range(0, 3).Select(c => SendSequenceAsync($"hang-{c}", 2, c % 2)));
        _sink.OnRequest = null;
        attempts = AttemptsSince(from, "Connector hangs");
        Assert.Contains(attempts, a => a.Status == 503);
        AssertEachReplySeenOnceInOrder("hang-");
    }

    /// <summary>
    /// The conversations starting with <paramref name="prefix"/> as a user sees them in a channel that shows a reply id
    /// once: every activity answered, its two replies there, the counts 1..n in the order they arrived.
    /// </summary>
    private void AssertEachReplySeenOnceInOrder(string prefix)
    {
        var answered = _channel.Attempts.Where(a => a.Status == 200).Select(a => a.ActivityId).ToHashSet();
        foreach (var (conversation, ids) in _sent.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.All(ids, id => Assert.Contains(id, answered));
            var seen = _sink.Requests
                .Where(r => r.Activity is { Type: ActivityTypes.Message } && r.AnsweredStatus == 200 && ids.Contains(r.Activity.ReplyToId!))
                .Select(r => r.Activity!).DistinctBy(a => a.Id).ToList();
            Assert.True(seen.Count == 2 * ids.Count, $"{conversation}: replies [{string.Join(", ", seen.Select(a => a.Id))}], want two per activity{BotLogs()}");
            var counts = seen.Where(a => a.Id!.EndsWith(":reply:1", StringComparison.Ordinal))
                .Select(a => int.Parse(CountText().Match(a.Text!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(1, ids.Count), counts);
        }
    }

    /// <summary>The channel's posts since <paramref name="from"/>, logged by status; each must be 2xx or a retryable 503.</summary>
    private List<ChannelStandIn.Attempt> AttemptsSince(int from, string phase)
    {
        var attempts = _channel.Attempts.Skip(from).ToList();
        output.WriteLine($"{phase}: {attempts.Count} posts for {attempts.Select(a => a.ActivityId).Distinct().Count()} activities: " +
            string.Join(", ", attempts.GroupBy(a => a.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Error).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.All(attempts, a => Assert.True(a.Status is 200 or 503, $"{phase}: {a}: the channel must see 2xx or a retryable 503{BotLogs()}"));
        return attempts;
    }

    /// <summary>
    /// The conversations starting with <paramref name="prefix"/>: every activity answered 2xx, its two replies accepted
    /// by the channel exactly once each under their stable ids, and the counts 1..n, each once.
    /// </summary>
    private void AssertEachTurnOnce(string prefix)
    {
        var replies = _sink.Requests.Where(r => r.Activity is { Type: ActivityTypes.Message } && r.AnsweredStatus == 200).Select(r => r.Activity!).ToList();
        var answered = _channel.Attempts.Where(a => a.Status == 200).Select(a => a.ActivityId).ToHashSet();
        foreach (var (conversation, ids) in _sent.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            foreach (var id in ids)
            {
                Assert.Contains(id, answered);
                var received = replies.Where(r => r.ReplyToId == id).Select(r => r.Id!).Order(StringComparer.Ordinal).ToList();
                Assert.True(received.SequenceEqual([$"{id}:reply:0", $"{id}:reply:1"]), $"{id}: replies [{string.Join(", ", received)}], want each of its two once{BotLogs()}");
            }

            var counts = replies.Where(r => ids.Contains(r.ReplyToId!) && r.Id!.EndsWith(":reply:1", StringComparison.Ordinal))
                .Select(r => int.Parse(CountText().Match(r.Text!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order();
            Assert.Equal(Enumerable.Range(1, ids.Count), counts);
        }
    }

    /// <summary>Stops both instances and starts them again with <paramref name="settings"/> added (and warm).</summary>
    private async Task RestartBothAsync(params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        for (var instance = 0; instance < 2; instance++)
        {
            await _bots[instance]!.DisposeAsync();
            _bots[instance] = null;
            await StartAsync(instance);
            await _channel.DeliverAsync(_channel.Message($"warm-up-{instance}-again"), instance, only: true);
        }
    }
}
