using System.Net.Http.Headers;
using System.Text;
using Chatbot.BotServer.Tests;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// A channel that posts a bad request learns the same from both hosts: the Functions host answers what BotServer
/// answers (status and reason), always a 4xx, never a 5xx or a stack trace.
/// </summary>
[Collection(LocalModeCollection.Name)]
public sealed class BadRequestTests(LocalModeFunctionsHost fixture, BotServerHost botServer) : IClassFixture<BotServerHost>
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    public static TheoryData<string> Cases => [.. BadRequests.Keys];

    private static readonly Dictionary<string, (string? ContentType, byte[] Body, bool Chunked)> BadRequests = new()
    {
        ["not JSON"] = ("application/json", Utf8("{not json"), false),
        ["empty body"] = ("application/json", [], false),
        ["no Content-Type"] = (null, Utf8("{\"type\":\"message\"}"), false),
        ["text/plain"] = ("text/plain", Utf8("{\"type\":\"message\"}"), false),
        ["form"] = ("application/x-www-form-urlencoded", Utf8("type=message"), false),
        ["UTF-16 charset"] = ("application/json; charset=utf-16", Encoding.Unicode.GetBytes("{\"type\":\"message\"}"), false),
        ["an array"] = ("application/json", Utf8("[{\"type\":\"message\"}]"), false),
        ["two objects"] = ("application/json", Utf8("{\"type\":\"message\"}{}"), false),
        ["invalid UTF-8"] = ("application/json", [.. Utf8("{\"type\":\"message\",\"text\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], false),
        ["nested too deep"] = ("application/json", Utf8("{\"type\":\"message\",\"channelData\":" + new string('[', 200) + new string(']', 200) + "}"), false),
        ["no type"] = ("application/json", Utf8("{\"text\":\"hi\"}"), false),
        ["no conversation"] = ("application/json", Utf8($"{{\"type\":\"message\",\"channelId\":\"emulator\",\"serviceUrl\":\"{ServiceUrl}\"}}"), false),
        ["serviceUrl not http"] = ("application/json", Utf8("{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"recipient\":{\"id\":\"b\"},\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"file:///etc/passwd\"}"), false),
        ["too many attachments"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"from\":{{\"id\":\"u\"}},\"channelId\":\"emulator\",\"conversation\":{{\"id\":\"c\"}},\"serviceUrl\":\"{ServiceUrl}\",\"attachments\":[{string.Join(",", Enumerable.Repeat("{}", 21))}]}}"), false),
        ["lone surrogate escape in value"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"id\":\"s1\",\"from\":{{\"id\":\"u\"}},\"channelId\":\"emulator\",\"conversation\":{{\"id\":\"c\"}},\"serviceUrl\":\"{ServiceUrl}\",\"value\":{{\"a\":\"\\uD800\"}}}}"), false),
        ["conversation id over 1024 characters"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"id\":\"s2\",\"from\":{{\"id\":\"u\"}},\"channelId\":\"emulator\",\"conversation\":{{\"id\":\"{new string('c', 2000)}\"}},\"serviceUrl\":\"{ServiceUrl}\",\"text\":\"hi\"}}"), false),
        ["no sender"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"id\":\"s4\",\"channelId\":\"emulator\",\"from\":null,\"conversation\":{{\"id\":\"c\"}},\"serviceUrl\":\"{ServiceUrl}\",\"text\":\"hi\"}}"), false),
        ["sender without id"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"id\":\"s5\",\"channelId\":\"emulator\",\"from\":{{\"name\":\"u\"}},\"conversation\":{{\"id\":\"c\"}},\"serviceUrl\":\"{ServiceUrl}\",\"text\":\"hi\"}}"), false),
        ["recipient without id"] = ("application/json", Utf8(
            $"{{\"type\":\"message\",\"id\":\"s7\",\"channelId\":\"emulator\",\"from\":{{\"id\":\"u\"}},\"recipient\":{{\"name\":\"Bot\"}},\"conversation\":{{\"id\":\"c\"}},\"serviceUrl\":\"{ServiceUrl}\",\"text\":\"hi\"}}"), false),
        ["join event without conversation"] = ("application/json", Utf8(
            $"{{\"type\":\"event\",\"name\":\"webchat/join\",\"id\":\"s6\",\"channelId\":\"webchat\",\"from\":{{\"id\":\"u\"}},\"serviceUrl\":\"{ServiceUrl}\",\"value\":{{\"language\":\"en-US\"}}}}"), false),
        ["serviceUrl not allowed"] = ("application/json", Utf8(
            "{\"type\":\"message\",\"id\":\"s3\",\"from\":{\"id\":\"u\"},\"recipient\":{\"id\":\"b\"},\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"https://evil.example.com/\",\"text\":\"hi\"}"), false),
        ["over 256 KB"] = ("application/json", Utf8("{\"type\":\"message\",\"text\":\"" + new string('a', 300 * 1024) + "\"}"), false),
        ["over 256 KB, chunked"] = ("application/json", Utf8("{\"type\":\"message\",\"text\":\"" + new string('a', 300 * 1024) + "\"}"), true),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_the_same_4xx_and_reason_as_from_BotServer(string name)
    {
        var (contentType, body, chunked) = BadRequests[name];

        using var botServerClient = botServer.CreateClient();
        var expected = await AnswerAsync(botServerClient, contentType, body, chunked);
        using var functionsClient = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var actual = await AnswerAsync(functionsClient, contentType, body, chunked);

        Assert.InRange(expected.Status, 400, 499);
        Assert.True(expected == actual, $"{name}: BotServer answers {expected}, the Functions host {actual}.\n{fixture.HostLog}");
    }

    private static async Task<(int Status, string Reason)> AnswerAsync(HttpClient client, string? contentType, byte[] body, bool chunked)
    {
        // A stream of unknown length goes out chunked, without Content-Length: the size limit must hold while reading.
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync("api/messages", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
