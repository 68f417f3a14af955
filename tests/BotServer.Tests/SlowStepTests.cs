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
public sealed class SlowStepTests : IAsyncLifetime
{
    private const string StillWorking = SlowPricingService.StillWorking;
    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SlowPricingService _quotes = null!;
    private LocalConnectorServer _channel = null!;
    private ChannelConversation _chat = null!;
    private BotServerHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _quotes = await SlowPricingService.StartAsync(() => _answer.Task); // the slow service: answers when the test says so
        _channel = await LocalConnectorServer.StartAsync();
        _chat = ChannelConversation.Emulator(_channel.ServiceUrl);
        _host = new BotServerHost()
            .WithSetting("Understanding:Mode", "lexical")
            .WithSetting("Dialogs:Path", _quotes.DialogsPath)
            .WithSetting("Services:Quotes:BaseUrl", _quotes.BaseUrl);
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _answer.TrySetResult();
        _client.Dispose();
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
        await _quotes.DisposeAsync();
    }

    private async Task SayAsync(string id, string text)
    {
        var body = new StringContent(ActivitySerializer.Serialize(_chat.Message(id, text)), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/messages", body)).StatusCode);
    }

    [Fact]
    public async Task A_slow_step_answers_at_once_says_still_working_meanwhile_and_sends_the_answer_once_later()
    {
        await SayAsync("m-1", "get a quote");
        // The turn is over while the service has not answered: the wait response, then typing.
        Assert.Equal(["One moment, I am asking our pricing service."], _channel.Messages.Select(m => m.Text));
        Assert.Equal([ActivityTypes.Message, ActivityTypes.Typing], _channel.Activities.Select(a => a.Type));

        await _quotes.Called.WaitAsync(TimeSpan.FromSeconds(30));
        await SayAsync("m-2", "are you there?");
        Assert.Equal(StillWorking, _channel.Messages[^1].Text);

        _answer.SetResult();
        // wait message, typing, still working, the answer
        await _channel.WaitForRequestsAsync(4).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["One moment, I am asking our pricing service.", StillWorking, "Your quote: 42 EUR."], _channel.Messages.Select(m => m.Text));
        var answer = _channel.Requests.Last(r => r.Activity?.Type == ActivityTypes.Message);
        Assert.Equal(($"/v3/conversations/{Uri.EscapeDataString(_chat.Id)}/activities", null), (answer.Path, answer.Activity!.ReplyToId));
        Assert.Equal(1, _quotes.Calls);

        // The conversation is free again: no pending call, and the next message is understood as usual.
        var stored = await _host.GetRequiredService<IConversationStore>().ReadAsync(ConversationKey.For(_chat.ChannelId, _chat.Id), CancellationToken.None);
        Assert.DoesNotContain("\"calling\"", Encoding.UTF8.GetString(stored!.Content.Span), StringComparison.Ordinal);
        // The service answers at once now, so this call's own answer may already follow the wait message: read the
        // message the turn sent, not whichever came last.
        await SayAsync("m-3", "get a quote");
        Assert.Equal("One moment, I am asking our pricing service.", _channel.Messages[3].Text);
    }
}
