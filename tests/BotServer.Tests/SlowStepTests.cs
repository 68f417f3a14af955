using System.Net;
using System.Text;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16 item 4 through the real BotServer and its in-process event queue: an <c>http</c> step with
/// <c>async: true</c> answers the turn at once (its <c>wait</c> response, then typing) while a real HTTP service takes
/// its time (held by a gate instead of 20 real seconds); a message meanwhile gets the "still working" rule; the answer
/// arrives once, proactively, and no request fails.
/// </summary>
public sealed class SlowStepTests : ChannelServerTest
{
    private const string StillWorking = SlowPricingService.StillWorking;
    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SlowPricingService _quotes = null!;

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Understanding:Mode", "lexical")
            .WithSetting("Dialogs:Path", _quotes.DialogsPath)
            .WithSetting("Services:Quotes:BaseUrl", _quotes.BaseUrl);

    public override async Task InitializeAsync()
    {
        _quotes = await SlowPricingService.StartAsync(() => _answer.Task); // the slow service: answers when the test says so
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        _answer.TrySetResult();
        await base.DisposeAsync();
        await _quotes.DisposeAsync();
    }

    private async Task SayAsync(string id, string text)
    {
        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message(id, text)), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/messages", body)).StatusCode);
    }

    [Fact]
    public async Task A_slow_step_answers_at_once_says_still_working_meanwhile_and_sends_the_answer_once_later()
    {
        await SayAsync("m-1", "get a quote");
        // The turn is over while the service has not answered: the wait response, then typing.
        Assert.Equal(["One moment, I am asking our pricing service."], Channel.Messages.Select(m => m.Text));
        Assert.Equal([ActivityTypes.Message, ActivityTypes.Typing], Channel.Activities.Select(a => a.Type));

        await _quotes.Called.WaitAsync(TimeSpan.FromSeconds(30));
        await SayAsync("m-2", "are you there?");
        Assert.Equal(StillWorking, Channel.Messages[^1].Text);

        _answer.SetResult();
        // wait message, typing, still working, the answer
        await Channel.WaitForRequestsAsync(4).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["One moment, I am asking our pricing service.", StillWorking, "Your quote: 42 EUR."], Channel.Messages.Select(m => m.Text));
        var answer = Channel.Requests.Last(r => r.Activity?.Type == ActivityTypes.Message);
        Assert.Equal(($"/v3/conversations/{Uri.EscapeDataString(Chat.Id)}/activities", null), (answer.Path, answer.Activity!.ReplyToId));
        Assert.Equal(1, _quotes.Calls);

        // The conversation is free again: no pending call, and the next message is understood as usual.
        var stored = await Host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For(Chat.ChannelId, Chat.Id), CancellationToken.None);
        Assert.DoesNotContain("\"calling\"", Encoding.UTF8.GetString(stored!.Content.Span), StringComparison.Ordinal);
        // The service answers at once now, so this call's own answer may already follow the wait message: read the
        // message the turn sent, not whichever came last.
        await SayAsync("m-3", "get a quote");
        Assert.Equal("One moment, I am asking our pricing service.", Channel.Messages[3].Text);
    }
}
