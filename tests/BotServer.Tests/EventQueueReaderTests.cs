using System.Net;
using System.Text;
using Azure.Storage.Queues;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16 item 3b: with <c>Queues:ConnectionString</c> BotServer reads the Storage event queue (Azurite here) with the
/// Functions trigger's rules: one message per event id though delivered twice, and an event that cannot run is moved
/// unchanged to <c>chatbot-events-poison</c> after its 5th attempt, having sent nothing.
/// </summary>
public sealed class EventQueueReaderTests : ChannelServerTest
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private AzuriteServer _azurite = null!;

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Queues:ConnectionString", _azurite.ConnectionString);

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private QueueClient Queue(string name) =>
        new(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private string Shipped(string id, string orderNumber) =>
        $$"""{ "id": "{{id}}", "name": "order_shipped", "channelId": "{{Chat.ChannelId}}", "conversation": "{{Chat.Id}}", "payload": { "orderNumber": "{{orderNumber}}" } }""";

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_queued_event_sends_one_message_though_delivered_twice_and_a_bad_one_is_poisoned()
    {
        var hello = new StringContent(ActivitySerializer.Serialize(Chat.Message("m-1", "hello")), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/messages", hello)).StatusCode);
        Channel.Clear();
        var queue = Queue("chatbot-events");
        var poison = Queue("chatbot-events-poison");
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(Shipped("q-1", "AB12345"));
        await queue.SendMessageAsync(Shipped("q-1", "AB12345"));
        await UntilAsync(async () => Channel.Messages.Count > 0 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "both deliveries to run and be deleted");
        Assert.Equal(["Order AB12345 has shipped."], Channel.Messages.Select(m => m.Text));

        var bad = Shipped("q-2", "not an order");
        await queue.SendMessageAsync(bad);
        // The reader copies the event to the poison queue first and deletes it from the event queue after that (so a crash
        // in between keeps it): on a busy machine the copy is visible a while before the delete, so the move is done only
        // when both hold; checking the event queue the moment the copy appeared was the flake.
        await UntilAsync(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync()).Value.Length > 0
            && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the bad event moved to the poison queue");
        Assert.Equal(bad, Assert.Single((await poison.PeekMessagesAsync(maxMessages: 32)).Value).Body.ToString());
        Assert.Single(Channel.Messages);
    }
}
