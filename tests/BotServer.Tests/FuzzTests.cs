using System.Net;
using System.Text;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Storage;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>Issue 6 item 7: hostile and malformed bodies never get a 5xx, never kill the server, never touch other state.</summary>
public sealed class FuzzTests
{
    private const int Cases = 1200;

    [Fact]
    public async Task A_thousand_hostile_bodies_get_no_5xx_and_leave_an_existing_conversation_untouched()
    {
        await using var channel = await LocalConnectorServer.StartAsync();
        await using var host = new BotServerHost();
        using var client = host.CreateClient();

        // An existing conversation with stored state.
        var existing = new Activity
        {
            Type = ActivityTypes.Message, Id = "seed-1", ChannelId = "emulator", ServiceUrl = channel.ServiceUrl,
            From = new() { Id = "user-1" }, Recipient = new() { Id = "bot-1" }, Conversation = new() { Id = "existing|livechat" }, Text = "hi",
        };
        var seeded = await client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(existing), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        // The real sample bot answers (not a stand-in), so the fuzz reaches the dialog engine too.
        Assert.Equal("DialogEngine", host.GetRequiredService<Chatbot.Dialogs.Engine.IDialogEngine>().GetType().Name);
        var store = host.GetRequiredService<IConversationStore>();
        var key = ConversationKey.For("emulator", "existing|livechat");
        var before = (await store.ReadAsync(key, CancellationToken.None))!.Content.ToArray();

        var generator = new HostileBodies(new Random(20261127), channel.ServiceUrl);
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var (description, contentType, body) = generator.Next(i);
            using var content = new ByteArrayContent(body);
            if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync("/api/messages", content);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"#{i} {description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        var after = (await store.ReadAsync(key, CancellationToken.None))!.Content.ToArray();
        Assert.Equal(before, after);
    }

    /// <summary>Seeded generator of malformed and hostile request bodies (never addressed to the existing conversation).</summary>
    private sealed class HostileBodies(Random random, string serviceUrl)
    {
        // A well-formed invoke nobody handles is answered 501 by design (its own test covers it), so it is not fuzzed here.
        private static readonly string[] Types = ["message", "conversationUpdate", "event", "typing", "messageReaction", "installationUpdate", "endOfConversation", "", "MESSAGE", "unknownType"];
        private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "", "application/*", "application/vnd.x+json"];

        public (string Description, string? ContentType, byte[] Body) Next(int index)
        {
            var kind = index % 14;
            var contentType = random.Next(10) == 0 ? Pick(ContentTypes) : "application/json";
            return kind switch
            {
                0 => ("random bytes", contentType, RandomBytes(random.Next(0, 2048))),
                1 => ("invalid UTF-8 inside a string", contentType, Concat("{\"type\":\"message\",\"text\":\"", [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80], "\"}")),
                2 => ("truncated activity", contentType, Truncate(ValidActivity())),
                3 => ("deep nesting", contentType, Encoding.UTF8.GetBytes("{\"type\":\"message\",\"channelData\":" + Deep(random.Next(65, 5000)) + "}")),
                4 => ("wrong field types", contentType, Encoding.UTF8.GetBytes(WrongTypes())),
                5 => ("huge string", contentType, Encoding.UTF8.GetBytes(ValidActivity(text: new string('x', random.Next(1, 300_000))))),
                6 => ("missing ids", contentType, Encoding.UTF8.GetBytes(MissingIds())),
                7 => ("top-level non-object", contentType, Encoding.UTF8.GetBytes(Pick(["[]", "null", "42", "\"message\"", "true", "[{\"type\":\"message\"}]", " ", "{}{}"]))),
                8 => ("lone surrogate escapes", contentType, Encoding.UTF8.GetBytes(ValidActivity(text: "\\uD800\\uDFFF\\uDC00 \\u0000"))),
                9 => ("bad numbers and dates", contentType, Encoding.UTF8.GetBytes("{\"type\":\"message\",\"timestamp\":" + Pick(["1e999", "\"yesterday\"", "\"2026-13-45T99:00:00Z\"", "-0", "\"\""]) + ",\"conversation\":{\"id\":\"f\"}}")),
                10 => ("many attachments and entities", contentType, Encoding.UTF8.GetBytes(ValidActivity(extra: ",\"attachments\":[" + string.Join(",", Enumerable.Repeat("{}", random.Next(21, 2000))) + "],\"entities\":[" + string.Join(",", Enumerable.Repeat("{\"type\":\"mention\"}", random.Next(0, 200))) + "]"))),
                11 => ("hostile mention entity", contentType, Encoding.UTF8.GetBytes(ValidActivity(text: "<at>" + new string('(', 500) + "</at> hi", extra: ",\"entities\":[{\"type\":\"mention\",\"mentioned\":{\"id\":\"bot-1\",\"name\":\"" + new string('(', 500) + "\"},\"text\":5}]"))),
                12 => ("mutated valid activity", contentType, Mutate(Encoding.UTF8.GetBytes(ValidActivity()))),
                _ => ("odd content type", Pick(ContentTypes), Encoding.UTF8.GetBytes(ValidActivity())),
            };
        }

        private string ValidActivity(string? text = null, string extra = "") =>
            "{\"type\":\"" + Pick(Types) + "\",\"id\":\"f-" + random.Next() + "\",\"channelId\":\"emulator\",\"serviceUrl\":\"" + ServiceUrl() + "\","
            + "\"from\":{\"id\":\"u-" + random.Next(5) + "\"},\"recipient\":{\"id\":\"bot-1\"},\"conversation\":{\"id\":\"fuzz-" + random.Next(50) + "\"},"
            + "\"membersAdded\":[{\"id\":\"u-1\"}],\"text\":\"" + (text ?? "hello") + "\"" + extra + "}";

        private string ServiceUrl() => Pick([serviceUrl, serviceUrl, serviceUrl, "", "not a url", "ftp://example/", "javascript:alert(1)", "http://", "/relative"]);

        private string WrongTypes()
        {
            var field = Pick(["type", "id", "from", "recipient", "conversation", "text", "attachments", "entities", "membersAdded", "timestamp", "value", "channelData", "suggestedActions", "serviceUrl"]);
            var value = Pick(["5", "[]", "{}", "true", "\"s\"", "[1,2]", "{\"id\":[]}", "-1.5e300"]);
            return "{\"type\":\"message\",\"conversation\":{\"id\":\"w\"},\"serviceUrl\":\"" + serviceUrl + "\",\"channelId\":\"emulator\",\"" + field + "\":" + value + "}";
        }

        private string MissingIds()
        {
            var parts = new List<string> { "\"type\":\"" + Pick(["message", "conversationUpdate", "invoke"]) + "\"" };
            if (random.Next(2) == 0) parts.Add("\"conversation\":{}");
            if (random.Next(2) == 0) parts.Add("\"serviceUrl\":\"" + serviceUrl + "\"");
            if (random.Next(2) == 0) parts.Add("\"from\":{}");
            if (random.Next(2) == 0) parts.Add("\"text\":\"hi\"");
            return "{" + string.Join(",", parts) + "}";
        }

        private string Deep(int depth) => random.Next(2) == 0
            ? string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth))
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

        private byte[] Truncate(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            return bytes[..random.Next(0, bytes.Length)];
        }

        private byte[] Mutate(byte[] bytes)
        {
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            return bytes;
        }

        private byte[] RandomBytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private static byte[] Concat(string a, byte[] b, string c) => [.. Encoding.UTF8.GetBytes(a), .. b, .. Encoding.UTF8.GetBytes(c)];

        private string Pick(string[] options) => options[random.Next(options.Length)];
    }
}
