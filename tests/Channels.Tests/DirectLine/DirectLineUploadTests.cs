using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chatbot.Channels.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineUploadTests
{
    [Fact]
    public async Task An_upload_reaches_the_bot_as_one_message_with_the_files_as_attachments_and_the_activity_parts_text()
    {
        EchoBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(bot: sp => bot = new EchoBot(sp.GetRequiredService<IConnectorClient>()));
        var conversation = await server.StartConversationAsync();
        var afterWelcome = (await server.GetActivitiesAsync(conversation)).Watermark;

        using var content = Upload(
            // Web Chat lists the files in the activity part too, without contentUrl; a card with content is its own attachment.
            """
            {"type":"message","text":"see attached","from":{"id":"someone-else"},"channelData":{"clientActivityID":"c-9"},
             "attachments":[{"name":"notes.txt","contentType":"text/plain"},{"name":"photo.png","contentType":"image/png"},
                            {"contentType":"application/vnd.microsoft.card.hero","content":{"title":"t"}}]}
            """,
            ("notes.txt", "text/plain", Encoding.UTF8.GetBytes("hello file")),
            ("photo.png", "image/png", new byte[2048]));
        using var response = await PostUploadAsync(server, conversation, conversation.Token, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadJsonAsync()).GetProperty("id").GetString();
        var message = Assert.Single(bot!.Received, a => a.Type == "message");
        Assert.Equal("see attached", message.Text);
        Assert.Equal(conversation.Id, message.Conversation?.Id);
        Assert.StartsWith("dl_", message.From?.Id, StringComparison.Ordinal);
        Assert.Equal(
            [(null, "application/vnd.microsoft.card.hero"), ("notes.txt", "text/plain"), ("photo.png", "image/png")],
            message.Attachments!.Select(a => (a.Name, a.ContentType)));
        Assert.All(message.Attachments!, a => Assert.Null(a.ContentUrl));
        // The bytes are dropped, but each file's count travels on so a file slot can check its max_size.
        Assert.Equal(new long?[] { 10, 2048 }, Chatbot.Channels.Activities.UserFiles.Read(message).Select(f => f.Size));
        var page = await server.GetActivitiesAsync(conversation, afterWelcome);
        var echo = page.Activities[0];
        Assert.Equal(id, echo.GetProperty("id").GetString());
        Assert.Equal("c-9", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(3, echo.GetProperty("attachments").GetArrayLength());
        Assert.Equal("echo: see attached", page.Texts.Last());
    }

    [Fact]
    public async Task An_upload_without_an_activity_part_is_a_message_with_just_the_files()
    {
        EchoBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(bot: sp => bot = new EchoBot(sp.GetRequiredService<IConnectorClient>()));
        var conversation = await server.StartConversationAsync();

        using var content = Upload(null, ("a.csv", "text/csv", Encoding.UTF8.GetBytes("1,2")));
        using var response = await PostUploadAsync(server, conversation, conversation.Token, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(bot!.Received, a => a.Type == "message");
        Assert.Null(message.Text);
        Assert.Equal("a.csv", Assert.Single(message.Attachments!).Name);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_nothing_reaches_the_feed_or_the_bot()
    {
        EchoBot? bot = null;
        await using var server = await DirectLineTestServer.StartAsync(o => o.MaxUploadBytes = 4096, bot: sp => bot = new EchoBot(sp.GetRequiredService<IConnectorClient>()));
        var conversation = await server.StartConversationAsync();

        using var declared = Upload("""{"type":"message","text":"big"}""", ("big.bin", "application/octet-stream", new byte[8192]));
        using var tooBig = await PostUploadAsync(server, conversation, conversation.Token, declared);
        using var chunked = new ChunkedContent(Upload(null, ("big.bin", "application/octet-stream", new byte[8192])));
        using var tooBigChunked = await PostUploadAsync(server, conversation, conversation.Token, chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBigChunked.StatusCode);
        Assert.Equal("The upload is larger than 4096 bytes.", (await tooBigChunked.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(bot!.Received, a => a.Type == "message");
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    [Fact]
    public async Task Bad_uploads_get_a_clear_4xx()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var conversation = await server.StartConversationAsync();
        var tooMany = Enumerable.Range(0, 21).Select(i => ($"f{i}.txt", "text/plain", new byte[1])).ToArray();

        using var json = await server.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversation.Id}/upload", conversation.Token, """{"type":"message"}""");
        using var noFiles = await PostUploadAsync(server, conversation, conversation.Token, Upload("""{"type":"message","text":"x"}"""));
        using var badActivity = await PostUploadAsync(server, conversation, conversation.Token, Upload("""{"text":"no type"}""", ("a.txt", "text/plain", new byte[1])));
        using var many = await PostUploadAsync(server, conversation, conversation.Token, Upload(null, tooMany));
        using var truncated = await PostUploadAsync(server, conversation, conversation.Token, Truncated());

        await AssertErrorAsync(json, 415, "Send the upload as multipart/form-data.");
        await AssertErrorAsync(noFiles, 400, "The upload has no files; post an activity without files to conversations/{id}/activities.");
        await AssertErrorAsync(badActivity, 400, "The activity has no 'type'.");
        await AssertErrorAsync(many, 400, "Too many files (at most 20).");
        await AssertErrorAsync(truncated, 400, "The multipart body could not be read.");
        Assert.Equal(["Welcome!"], (await server.GetActivitiesAsync(conversation)).Texts);
    }

    [Fact]
    public async Task Uploads_need_the_conversations_token_as_posting_does()
    {
        await using var server = await DirectLineTestServer.StartAsync();
        var mine = await server.StartConversationAsync();
        var other = await server.StartConversationAsync();

        using var missing = await PostUploadAsync(server, mine, null, Upload(null, ("a.txt", "text/plain", new byte[1])));
        using var garbage = await PostUploadAsync(server, mine, "garbage", Upload(null, ("a.txt", "text/plain", new byte[1])));
        using var crossed = await PostUploadAsync(server, other, mine.Token, Upload(null, ("a.txt", "text/plain", new byte[1])));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Single((await server.GetActivitiesAsync(other)).Activities);
    }

    private static MultipartFormDataContent Upload(string? activityJson, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        if (activityJson is not null)
        {
            // As Web Chat sends it: a Blob part, so the browser gives it a file name.
            var activity = new StringContent(activityJson, Encoding.UTF8);
            activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            content.Add(activity, "activity", "blob");
        }

        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "file", name);
        }

        return content;
    }

    private static ByteArrayContent Truncated()
    {
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b1");
        return body;
    }

    private static Task<HttpResponseMessage> PostUploadAsync(DirectLineTestServer server, StartedConversation conversation, string? bearer, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversation.Id}/upload?userId=someone-else") { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return server.Client.SendAsync(request);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string message)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(message, (await response.Content.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString());
    }

    // Hides the length so the server must enforce the limit while reading.
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
