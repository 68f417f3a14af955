using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Issue 16 item 5 under the real Functions host on Azurite: the turn that asks puts its reminder and expiry on the
/// events queue with a visibility delay, the EventQueue trigger runs them when due, and the user gets one reminder
/// and then the expiry message, both proactive.
/// </summary>
[Collection(TimerCollection.Name)]
public sealed class TimerTests(TimerFunctionsHost fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_silent_user_gets_one_reminder_then_the_expiry_message()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);
        var asked = await fixture.TurnAsync(emulator, chat.Message("m-1", "where is my order"));
        Assert.Contains("order number", Assert.Single(asked).Text, StringComparison.Ordinal);
        emulator.Clear();

        using var deadline = new CancellationTokenSource(Deadline);
        while (emulator.Messages.Count < 2)
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out; messages: {string.Join(" | ", emulator.Messages.Select(m => m.Text))}\n{fixture.HostLog}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        Assert.Equal(
            ["Do you still want me to check an order? Just send me its number, like AB12345.",
             "We had not heard from you for a while, so I have closed what we were doing. Just tell me if you want to start again."],
            emulator.Messages.Select(m => m.Text));
        Assert.All(emulator.Requests, r => Assert.Null(r.Activity!.ReplyToId));
    }
}
