using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>
/// Issue 14 item 2: the sample bot's warranty claim asks for a receipt (a file slot: PDF or image, at most 5 MB); the
/// file arrives through the real BotServer from Teams (file download info), the Emulator (contentUrl on its service
/// host) and Web Chat's upload through our Direct Line, and the back end receives the reference, never the bytes.
/// </summary>
public sealed class FileSlotExchangeTests : ChannelServerTest
{
    private readonly ConcurrentQueue<JsonElement> _claims = new();
    private WebApplication _backEnd = null!;
    private string _baseUrl = "";

    protected override string ChannelPath => "amer";

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Understanding:Mode", "lexical")
            .WithSetting("Services:Orders:BaseUrl", _baseUrl)
            .WithSetting("Services:Orders:ApiKey", "orders-key");

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _backEnd = builder.Build();
        _backEnd.MapPost("/api/claims", async (HttpRequest request) =>
        {
            _claims.Enqueue((await JsonDocument.ParseAsync(request.Body)).RootElement.Clone());
            return Results.Json(new { id = "WC-1001" }, statusCode: 201);
        });
        await _backEnd.StartAsync();
        _baseUrl = _backEnd.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _backEnd.DisposeAsync();
    }

    private async Task<string> PostAsync(JsonObject activity)
    {
        var before = Channel.Messages.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" | ", Channel.Messages.Skip(before).Select(m => m.Text));
    }

    private async Task StartClaimInTeamsAsync()
    {
        await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "I want to make a warranty claim"));
        Assert.StartsWith("Please attach your purchase receipt", await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "laptop")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_shared_in_Teams_fills_the_file_slot_and_the_back_end_gets_its_download_reference()
    {
        await StartClaimInTeamsAsync();
        var file = TeamsPayloads.Message(Channel.ServiceUrl, null);
        file["attachments"] = new JsonArray(TeamsPayloads.FileDownloadInfo("receipt.pdf"));

        var reply = await PostAsync(file);

        Assert.Contains("with receipt.pdf. Your claim number is WC-1001.", reply, StringComparison.Ordinal);
        var receipt = Assert.Single(_claims).GetProperty("receipt");
        Assert.Equal("receipt.pdf", receipt.GetProperty("name").GetString());
        Assert.Equal("application/pdf", receipt.GetProperty("content_type").GetString()); // from Teams' fileType
        Assert.StartsWith("https://contoso-my.sharepoint.com/personal/megan/_layouts/15/download.aspx", receipt.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809", receipt.GetProperty("id").GetString());
        Assert.False(receipt.TryGetProperty("size", out _)); // Teams does not say; the bot does not download to find out
    }

    [Fact]
    public async Task A_Teams_file_of_another_type_and_words_at_the_file_ask_are_asked_again_naming_why()
    {
        await StartClaimInTeamsAsync();
        var document = TeamsPayloads.Message(Channel.ServiceUrl, null);
        document["attachments"] = new JsonArray(TeamsPayloads.FileDownloadInfo("notes.docx"));

        var refused = await PostAsync(document);
        var words = await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "it is on my desk"));

        Assert.Equal("Sorry, I can't accept this type of file. Please send PDF files or images.", refused);
        Assert.StartsWith("Please attach a file to answer this", words, StringComparison.Ordinal);
        Assert.Empty(_claims);
    }

    [Fact]
    public async Task An_image_pasted_in_Teams_is_taken_with_its_link_on_the_Teams_service_host()
    {
        await StartClaimInTeamsAsync();
        var image = TeamsPayloads.Message(Channel.ServiceUrl, "here you go");
        var pasted = TeamsPayloads.InlineImage();
        pasted["contentUrl"] = Channel.ServiceUrl.TrimEnd('/') + "/v3/attachments/0-eus-d4-1a2b3c4d5e6f/views/original";
        image["attachments"] = new JsonArray(pasted, new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>here you go</p>" });

        var reply = await PostAsync(image);

        Assert.Contains("Your claim number is WC-1001.", reply, StringComparison.Ordinal);
        var receipt = Assert.Single(_claims).GetProperty("receipt");
        Assert.Equal("image/*", receipt.GetProperty("content_type").GetString());
        Assert.Equal(pasted["contentUrl"]!.GetValue<string>(), receipt.GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_Emulator_attachment_keeps_its_contentUrl_only_on_the_service_host()
    {
        var chat = ChannelConversation.Emulator(Channel.ServiceUrl);
        await SendAsync(chat.Message("e1", "I want to make a warranty claim"));
        await SendAsync(chat.Message("e2", "phone"));
        var upload = chat.Message("e3", "");
        upload.Text = null;
        var elsewhere = chat.Message("e4", "");
        elsewhere.Text = null;
        upload.Attachments = [new Attachment { ContentType = "image/png", Name = "receipt.png", ContentUrl = Channel.ServiceUrl.TrimEnd('/') + "/v3/attachments/abc/views/original" }];
        elsewhere.Attachments = [new Attachment { ContentType = "image/png", Name = "receipt.png", ContentUrl = "https://attacker.example/steal" }];

        await SendAsync(upload);
        await SendAsync(chat.Message("e5", "I want to make a warranty claim"));
        await SendAsync(chat.Message("e6", "phone"));
        await SendAsync(elsewhere);

        var claims = _claims.ToArray();
        Assert.Equal(2, claims.Length);
        Assert.Equal(upload.Attachments[0].ContentUrl, claims[0].GetProperty("receipt").GetProperty("url").GetString());
        Assert.False(claims[1].GetProperty("receipt").TryGetProperty("url", out _)); // a link off the channel's host is dropped
    }

    [Fact]
    public async Task A_Web_Chat_upload_through_Direct_Line_is_taken_with_its_size_and_a_too_large_one_is_refused()
    {
        var (conversationId, token, _) = await Client.StartDirectLineAsync();
        await DirectLineAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"message","text":"I want to make a warranty claim"}""");
        await DirectLineAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"message","text":"tablet"}""");

        // The type's max_size is 5 MB; Direct Line counts the bytes of each file while it drops them.
        using (var big = Upload(("scan.png", "image/png", new byte[3_000_000]), ("scan2.png", "image/png", new byte[3_000_000])))
        {
            using var response = await UploadAsync(conversationId, token, big);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode); // the 4 MB upload limit comes first
        }
        using (var photo = Upload(("receipt.jpg", "image/jpeg", new byte[150_000])))
        {
            using var response = await UploadAsync(conversationId, token, photo);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var receipt = Assert.Single(_claims).GetProperty("receipt");
        Assert.Equal(("receipt.jpg", "image/jpeg", 150_000L), (receipt.GetProperty("name").GetString(), receipt.GetProperty("content_type").GetString(), receipt.GetProperty("size").GetInt64()));
        Assert.False(receipt.TryGetProperty("url", out _)); // the upload keeps no bytes, so there is nothing to link to
        using var feed = await DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        var texts = JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null).ToList();
        Assert.Contains(texts, t => t is not null && t.Contains("with receipt.jpg", StringComparison.Ordinal));
    }

    private async Task SendAsync(Activity activity)
    {
        using var response = await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> DirectLineAsync(HttpMethod method, string path, string token, string? json = null)
    {
        var response = await Client.DirectLineAsync(method, path, token, json);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
        return response;
    }

    private Task<HttpResponseMessage> UploadAsync(string conversationId, string token, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId=dl_user");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = content;
        return Client.SendAsync(request);
    }

    // What Web Chat's attach button posts: the activity part and one part per file.
    private static MultipartFormDataContent Upload(params (string Name, string Type, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        var activity = new StringContent("""{"type":"message"}""", Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        content.Add(activity, "activity", "blob");
        foreach (var (name, type, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(part, "file", name);
        }
        return content;
    }
}
