using System.Net;
using System.Net.Sockets;
using System.Text;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The Storage queue that reminders and expiry go to (<c>Queues:ConnectionString</c> here, <c>AzureWebJobsStorage</c> in
/// the Functions app) hangs: it takes connections and never answers, as Azurite frozen or an account behind a broken
/// network path does. The sample's order check schedules a reminder and an expiry at its first question.
/// </summary>
public sealed class FailingEventQueueTests : ChannelServerTest
{
    private TcpListener _hungQueue = null!;
    private readonly List<TcpClient> _held = [];
    private Task _accepting = Task.CompletedTask;

    protected override BotServerHost CreateHost() => new BotServerHost()
        .WithSetting("Turn:TypingDelay", "00:00:00")
        .WithSetting("Understanding:Mode", "lexical")
        .WithSetting("Queues:ConnectionString", AzuriteStyleConnectionString(((IPEndPoint)_hungQueue.LocalEndpoint).Port))
        .WithServices(s => s.AddLogging(b => b.AddFakeLogging()));

    public override async Task InitializeAsync()
    {
        _hungQueue = new TcpListener(IPAddress.Loopback, 0);
        _hungQueue.Start();
        _accepting = Task.Run(async () =>
        {
            try
            {
                while (true) _held.Add(await _hungQueue.AcceptTcpClientAsync());
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        });
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _hungQueue.Stop();
        await _accepting;
        foreach (var client in _held) client.Dispose();
    }

    // Azurite's account, at an address where nothing answers.
    private static string AzuriteStyleConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};";

    private async Task<HttpStatusCode> SayAsync(string id, string text)
    {
        var body = new StringContent(ActivitySerializer.Serialize(Chat.Message(id, text)), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/messages", body);
        return response.StatusCode;
    }

    // Before: the turn's HTTP answer waited for the Storage client's retries, 100 s per try against a hung endpoint, so
    // the channel timed out (Teams re-posts after 15 s), the conversation stayed busy, and this request ran into the
    // client's own 100 s timeout. The reply itself was already sent; now the answer follows it within a few seconds.
    [Fact]
    public async Task A_hung_event_queue_costs_the_timers_not_the_answer_and_the_conversation_goes_on()
    {
        Assert.Equal(HttpStatusCode.OK, await SayAsync("m-1", "where is my order"));
        Assert.Contains("order number", Assert.Single(Channel.Messages).Text, StringComparison.Ordinal);

        var lost = Host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level == LogLevel.Error && r.Message.StartsWith("Timer chatbot.", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Equal(
            ["Timer chatbot.remind not scheduled: the event queue did not answer within 5 s", "Timer chatbot.expire not scheduled: the event queue did not answer within 5 s"],
            lost);

        Channel.Clear();
        Assert.Equal(HttpStatusCode.OK, await SayAsync("m-2", "AB12345"));
        Assert.NotEmpty(Channel.Messages);
    }
}
