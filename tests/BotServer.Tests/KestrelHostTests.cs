using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>The same server over a real socket: what the Emulator and Web Chat actually talk to.</summary>
public sealed class KestrelHostTests
{
    [Fact]
    public async Task Over_real_http_a_message_is_answered_and_oversized_or_chunked_bodies_get_413()
    {
        await using var channel = await LocalConnectorServer.StartAsync();
        await using var host = new BotServerHost();
        var baseAddress = host.StartKestrel();
        using var http = new HttpClient { BaseAddress = baseAddress };

        var message = new Activity
        {
            Type = ActivityTypes.Message, Id = "k-1", ChannelId = "emulator", ServiceUrl = channel.ServiceUrl,
            From = new() { Id = "u" }, Recipient = new() { Id = "b" }, Conversation = new() { Id = "k|livechat" }, Text = "hi",
        };
        var ok = await http.PostAsync("api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(channel.Messages);

        // Chunked: no Content-Length, so the limit is enforced while reading.
        var huge = "{\"type\":\"message\",\"text\":\"" + new string('a', 400 * 1024) + "\"}";
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(request)).StatusCode);

        var withLength = await http.PostAsync("api/messages", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
    }

    [Fact]
    public async Task Over_a_raw_socket_http_1_0_and_ambiguous_framing_get_an_answer_or_400_never_500_and_each_message_runs_once()
    {
        await using var channel = await LocalConnectorServer.StartAsync();
        await using var host = new BotServerHost();
        var baseAddress = host.StartKestrel();
        string Body(string id, string text, string name = "u") => ActivitySerializer.Serialize(new Activity
        {
            Type = ActivityTypes.Message, Id = id, ChannelId = "emulator", ServiceUrl = channel.ServiceUrl,
            From = new() { Id = "u", Name = name }, Recipient = new() { Id = "b" }, Conversation = new() { Id = "raw|livechat" }, Text = text,
        });

        // HTTP/1.0 with a length: an old proxy in front of the bot.
        var old = Body("r-1", "hi");
        Assert.StartsWith("HTTP/1.1 200", await SendRawAsync(baseAddress,
            $"POST /api/messages HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(old)}\r\n\r\n{old}"), StringComparison.Ordinal);
        Assert.Single(channel.Messages);

        // HTTP/1.0 without a length: the body cannot be framed.
        Assert.StartsWith("HTTP/1.1 400", await SendRawAsync(baseAddress,
            $"POST /api/messages HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{Body("r-2", "hi")}"), StringComparison.Ordinal);

        // Content-Length and Transfer-Encoding both (request smuggling): the chunked framing wins, the message runs once.
        var framed = Body("r-3", "hi");
        var chunk = $"{Encoding.UTF8.GetByteCount(framed):x}\r\n{framed}\r\n0\r\n\r\n";
        Assert.StartsWith("HTTP/1.1 200", await SendRawAsync(baseAddress,
            $"POST /api/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n{chunk}"), StringComparison.Ordinal);
        Assert.Equal(2, channel.Messages.Count);

        // Bidirectional overrides, zero-width and control characters in the text and the user's name are only text.
        var tricky = Body("r-4", "hi \u202Egnp.exe\u202C \u200B\u0007\u0000 there", name: "\u202Eevil\u0000\r\nX-Admin: 1");
        Assert.StartsWith("HTTP/1.1 200", await SendRawAsync(baseAddress,
            $"POST /api/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(tricky)}\r\n\r\n{tricky}"), StringComparison.Ordinal);
        Assert.Equal(3, channel.Messages.Count);
    }

    private static async Task<string> SendRawAsync(Uri baseAddress, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
