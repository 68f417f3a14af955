using System.Text;
using Azure.Storage.Queues;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16 item 3a: events through the Storage Queue trigger of the real Functions host on Azurite: one proactive
/// message per event id although the queue delivers at least once, and an event that cannot run ends in the poison
/// queue after the host's retries, having sent nothing.
/// </summary>
[Collection(LocalModeCollection.Name)]
public sealed class EventQueueTests(LocalModeFunctionsHost fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private QueueClient Queue(string name) =>
        new(fixture.Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static string Shipped(ChannelConversation chat, string id, string orderNumber) =>
        $$"""{ "id": "{{id}}", "name": "order_shipped", "channelId": "{{chat.ChannelId}}", "conversation": "{{chat.Id}}", "payload": { "orderNumber": "{{orderNumber}}" } }""";

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string> log)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}\n{log()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    private int Executions() =>
        fixture.Host.Process.Output.Split('\n').Count(l => l.Contains("Executed 'Functions.EventQueue'", StringComparison.Ordinal));

    [Fact]
    public async Task A_queued_event_sends_one_message_though_delivered_twice_and_a_bad_one_is_poisoned()
    {
        Assert.Equal("chatbot-events", FunctionsHostFixture.SampleSettings()["Events__Queue"]);
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);
        await fixture.TurnAsync(emulator, chat.Message("m-1", "help"));
        emulator.Clear();
        var queue = Queue("chatbot-events");
        var poison = Queue("chatbot-events-poison");
        await queue.CreateIfNotExistsAsync();
        var before = Executions();

        // At-least-once delivery: the same event twice.
        await queue.SendMessageAsync(Shipped(chat, "q-1", "AB12345"));
        await queue.SendMessageAsync(Shipped(chat, "q-1", "AB12345"));
        await UntilAsync(async () => Executions() >= before + 2 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "both deliveries to run", () => fixture.HostLog);

        var sent = Assert.Single(emulator.Messages);
        Assert.Equal("Order AB12345 has shipped.", sent.Text);
        // Proactive, the Emulator's trace activities of the turn included: nothing claims to answer an activity the
        // channel never sent.
        Assert.All(emulator.Requests, r => Assert.Equal(($"/v3/conversations/{Uri.EscapeDataString(chat.Id)}/activities", null), (r.Path, r.Activity!.ReplyToId)));

        // Not an order number: refused on every attempt, then moved to the poison queue as it was sent.
        var bad = Shipped(chat, "q-2", "not an order");
        await queue.SendMessageAsync(bad);
        await UntilAsync(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync()).Value.Length > 0,
            "the bad event in the poison queue", () => fixture.HostLog);

        Assert.Equal(bad, (await poison.PeekMessageAsync()).Value.Body.ToString());
        Assert.Contains("Queued event not run (400): payload field 'orderNumber' is not a valid order_number", fixture.Host.Process.Output, StringComparison.Ordinal);
        Assert.Single(emulator.Messages);
    }
}
