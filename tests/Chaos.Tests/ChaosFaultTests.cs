using Chatbot.Channels.Activities;

namespace Chatbot.Chaos.Tests;

/// <summary>
/// Faults the first chaos run does not cover, on the same real parts (two BotServer processes, the Cosmos test server,
/// the local Connector, the channel stand-in that re-sends on no 2xx): a store that throttles (429 with
/// <c>x-ms-retry-after-ms</c>) and then answers 503 for a while under concurrent users; two devices writing to one
/// conversation at the same moment on two instances, with the remembered copies on; a Connector that throttles
/// (429 + <c>Retry-After</c>) and then fails (502) for a while. In each: every activity is answered 2xx in the end, its
/// two replies arrive exactly once each, every count is applied exactly once, and the channel never sees anything but
/// 2xx or a retryable 503.
/// </summary>
public sealed partial class ChaosTests
{
    [Fact]
    public async Task A_store_throttling_then_unavailable_under_concurrent_users_loses_and_doubles_nothing()
    {
        var from = _channel.Attempts.Count;

        // 8 users, 4 messages each, alternating instances; the store throttles, then fails, then recovers meanwhile.
        var traffic = Enumerable.Range(0, 8).Select(c => SendSequenceAsync($"throttled-{c}", 4, c % 2, pause: TimeSpan.FromMilliseconds(200))).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // the users' first messages are in (the scenario's timing)
        await _cosmos.InjectFaultAsync("conversations", 429, 100_000); // every document request, beyond the SDK's 3 retries
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _cosmos.InjectFaultAsync("conversations", 503, 100_000);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _cosmos.ClearFaultsAsync();
        await Task.WhenAll(traffic);

        var attempts = _channel.Attempts.Skip(from).ToList();
        output.WriteLine($"{attempts.Count} posts for 32 activities: {string.Join(", ", attempts.GroupBy(a => a.Status?.ToString() ?? a.Error).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.Contains(attempts, a => a.Status == 503); // the outage reached the turns (not all absorbed by retries)
        Assert.All(attempts, a => Assert.True(a.Status is 200 or 503, $"{a}: the channel must see 2xx or a retryable 503{BotLogs()}"));
        Assert.All(attempts.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter is not null, $"{a}: 503 without Retry-After"));
        AssertEachTurnOnce("throttled-");
    }

    [Fact]
    public async Task The_store_restarting_mid_load_resets_connections_and_loses_and_doubles_nothing()
    {
        // The instances reach the store through a proxy that can reset every connection (a restart of the store's front end).
        await using var proxy = new ResettingTcpProxy(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, _cosmos.Endpoint.Port));
        await RestartBothAsync(("CosmosDb__Endpoint", $"https://127.0.0.1:{proxy.Port}/"));
        var from = _channel.Attempts.Count;

        var traffic = Enumerable.Range(0, 8).Select(c => SendSequenceAsync($"restart-{c}", 4, c % 2, pause: TimeSpan.FromMilliseconds(200))).ToList();
        for (var restart = 0; restart < 2; restart++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            // Writes the store carries out but answers late, so some are in flight, applied, when their connection breaks.
            await _cosmos.InjectLateAnswersAsync("conversations", TimeSpan.FromSeconds(3), 4, "PUT", "POST");
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // requests in flight (the scenario's timing)
            proxy.ResetAll();
            await Task.Delay(TimeSpan.FromSeconds(1)); // down while it restarts
            proxy.Resume();
        }

        await Task.WhenAll(traffic);

        var attempts = _channel.Attempts.Skip(from).ToList();
        output.WriteLine($"{proxy.Resets} connections reset; {attempts.Count} posts for 32 activities: " +
            string.Join(", ", attempts.GroupBy(a => a.Status?.ToString() ?? a.Error).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(proxy.Resets > 0, "no connection was reset");
        Assert.All(attempts, a => Assert.True(a.Status is 200 or 503, $"{a}: the channel must see 2xx or a retryable 503{BotLogs()}"));
        AssertEachTurnOnce("restart-");
    }

    [Fact]
    public async Task Two_devices_writing_one_conversation_at_once_on_two_instances_apply_both_turns()
    {
        // With the remembered copies on, each instance's copy of the conversation is stale after the other's turn.
        await RestartBothAsync(("Storage__Remember__Enabled", "true"));
        var from = _channel.Attempts.Count;

        // 4 conversations; in each round both devices send at the same moment, one through each instance.
        var conversations = Enumerable.Range(0, 4).Select(async c =>
        {
            for (var round = 0; round < 5; round++)
            {
                await Task.WhenAll(SendAsync($"devices-{c}", 0), SendAsync($"devices-{c}", 1));
            }
        });
        await Task.WhenAll(conversations);

        var attempts = _channel.Attempts.Skip(from).ToList();
        output.WriteLine($"{attempts.Count} posts for 40 activities: {string.Join(", ", attempts.GroupBy(a => a.Status?.ToString() ?? a.Error).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.All(attempts, a => Assert.True(a.Status is 200 or 503, $"{a}: the channel must see 2xx or a retryable 503{BotLogs()}"));
        AssertEachTurnOnce("devices-"); // 1..10 per conversation: no turn overwrote the other's total
    }

    [Fact]
    public async Task A_connector_throttling_then_failing_delivers_every_reply_once_afterwards()
    {
        var from = _channel.Attempts.Count;
        var traffic = Enumerable.Range(0, 4).Select(c => SendSequenceAsync($"connector-{c}", 3, c % 2, pause: TimeSpan.FromMilliseconds(200))).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        _sink.FailNext(12, 429, TimeSpan.FromSeconds(1)); // honoured by the Connector client's retries
        await Task.Delay(TimeSpan.FromSeconds(2));
        _sink.FailNext(40, 502); // more than the client's 3 retries: some turns fail to deliver and answer 503
        await Task.WhenAll(traffic);

        var attempts = _channel.Attempts.Skip(from).ToList();
        var refused = _sink.Requests.Count(r => r.AnsweredStatus != 200);
        output.WriteLine($"{attempts.Count} posts for 12 activities; the Connector refused {refused} posts: " +
            string.Join(", ", attempts.GroupBy(a => a.Status?.ToString() ?? a.Error).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(refused >= 12, $"the Connector refused only {refused} posts");
        Assert.Contains(attempts, a => a.Status == 503); // a turn whose replies could not all be delivered told the channel to retry
        Assert.All(attempts, a => Assert.True(a.Status is 200 or 503, $"{a}: the channel must see 2xx or a retryable 503{BotLogs()}"));
        AssertEachTurnOnce("connector-");
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
