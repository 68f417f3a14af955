using System.Net;
using System.Text;
using System.Text.Json;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16 item 5 through the real BotServer with its in-process event queue and the sample bot's order check
/// (<c>remind_after: 10m</c> on the order number, <c>expire_after: 30m</c> on the flow), time from a FakeTimeProvider:
/// one reminder after silence, none once the question was answered, and an expiry that clears the flow and says so.
/// </summary>
public sealed class TimerExchangeTests : ChannelServerTest
{
    private const string Reminder = "Do you still want me to check an order? Just send me its number, like AB12345.";
    private const string Expired = "We had not heard from you for a while, so I have closed what we were doing. Just tell me if you want to start again.";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    protected override BotServerHost CreateHost() => new BotServerHost().WithServices(s => s.AddSingleton<TimeProvider>(_time));

    private async Task SayAsync(string id, string text)
    {
        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message(id, text)), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/messages", body)).StatusCode);
    }

    // Timer turns send messages only, so after a Clear the channel's requests are the messages.
    private async Task<List<string?>> UntilMessagesAsync(int count)
    {
        await Channel.WaitForRequestsAsync(count).WaitAsync(Deadline);
        return [.. Channel.Messages.Select(m => m.Text)];
    }

    private async Task<JsonElement> StoredDialogAsync()
    {
        var stored = await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For(Chat.ChannelId, Chat.Id), CancellationToken.None);
        using var document = JsonDocument.Parse(stored!.Content);
        return document.RootElement.GetProperty("dialog").Clone();
    }

    [Fact]
    public async Task A_silent_user_is_reminded_once_and_after_the_expiry_the_flow_is_closed_with_a_message()
    {
        await SayAsync("m-1", "where is my order");
        Assert.Contains("order number", Channel.Messages.Single().Text, StringComparison.Ordinal);
        Channel.Clear();

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([Reminder], await UntilMessagesAsync(1));
        var reminder = Channel.Requests.Single();
        // Proactive: posted to the conversation, answering no activity of the user's.
        Assert.Equal(($"/v3/conversations/{Uri.EscapeDataString(Chat.Id)}/activities", null), (reminder.Path, reminder.Activity!.ReplyToId));
        Assert.Equal("order_status", (await StoredDialogAsync()).GetProperty("stack")[0].GetProperty("flow").GetString());

        // The queue runs what is due in due order: a second reminder would arrive before the expiry.
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal([Reminder, Expired], await UntilMessagesAsync(2));
        Assert.Equal(0, (await StoredDialogAsync()).GetProperty("stack").GetArrayLength());

        // The user comes back: a fresh start, not the expired question.
        Channel.Clear();
        await SayAsync("m-2", "where is my order");
        Assert.Contains("order number", Channel.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_answered_in_time_gets_no_reminder_and_no_expiry()
    {
        await SayAsync("m-1", "where is my order");
        // Answered: the flow goes on to its lookup (no order service is configured here, so it ends there).
        await SayAsync("m-2", "AB12345");
        Assert.Equal(0, (await StoredDialogAsync()).GetProperty("stack").GetArrayLength());
        Channel.Clear();

        // The question's reminder and expiry fall due in this hour; both are stale by then.
        _time.Advance(TimeSpan.FromHours(1));

        // A new question's reminder is due after them: had either spoken, it would have come first.
        await SayAsync("m-3", "where is my order");
        Channel.Clear();
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([Reminder], await UntilMessagesAsync(1));
    }
}
