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
}
