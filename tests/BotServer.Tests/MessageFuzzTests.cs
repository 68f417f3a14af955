using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 14: 1,000 well-formed message activities with random mixes of text (or none), value objects, attachments and
/// entities, on the Emulator, Teams and Web Chat, through /api/messages to the real sample bot: every one is answered,
/// each reply exactly once, and nothing gets a 5xx.
/// </summary>
public sealed class MessageFuzzTests
{
    private const int Cases = 1000;

    private static readonly string?[] Texts =
    [
        null, "", "   ", "hi", "help", "I want to buy a laptop", "where is my order AB12345", "2", "three", "large", "yes", "no",
        "cancel", "start over", "12 Baker Street", "megan@contoso.com", "asdf qwer", "<at>Bot</at>", "<at>Bot</at> help",
        "my screen is broken", "agent", "🙂", "tomorrow", "-1", "1e9",
    ];

    private static readonly string[] Values =
    [
        "\"place_order\"", "\"order_status\"", "\"medium\"", "\"\"", "{\"value\":\"report_problem\"}", "{\"quantity\":\"2\",\"size\":\"small\"}",
        "{\"quantity\":\"many\"}", "{\"email\":\"a@b.de\"}", "{\"action\":\"refresh\"}", "{}", "[1,2,3]", "42", "true", "null",
        "{\"product\":\"phone\",\"unknown\":{\"deep\":[1]}}", "{\"value\":7}",
    ];

    [Fact]
    public async Task A_thousand_random_messages_are_each_answered_exactly_once_without_a_5xx()
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        await using var host = new BotServerHost();
        using var client = host.CreateClient();
        var random = new Random(20261214);
        var failures = new List<string>();
        var ids = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (id, body, description) = Next(random, i, channel.ServiceUrl);
            ids.Add(id);
            using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"#{i} {description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var replies = channel.Requests.Where(r => r.Activity?.Type == "message").ToList();
        var byInbound = replies.GroupBy(r => r.Activity!.ReplyToId ?? "").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var id in ids)
        {
            if (!byInbound.TryGetValue(id, out var answers))
            {
                failures.Add($"{id}: no answer");
                continue;
            }

            // Several replies to one message are fine (a flow's next question after a notice); the same reply twice is not.
            var duplicated = answers.GroupBy(a => a.Activity!.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicated.Count > 0) failures.Add($"{id}: replies sent twice: {string.Join(", ", duplicated)}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(30)));
        Assert.Equal(ids.Count, byInbound.Keys.Intersect(ids).Count());
        Assert.Empty(byInbound.Keys.Except(ids));
    }

    private static (string Id, string Body, string Description) Next(Random random, int index, string serviceUrl)
    {
        var id = "fz-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var channelId = Pick(random, ["emulator", "msteams", "webchat"]);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = channelId,
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "user-" + random.Next(4), ["name"] = "User" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = "fuzz-" + random.Next(25),
                ["conversationType"] = Pick(random, ["personal", "groupChat", "channel"]),
            },
            ["locale"] = Pick(random, ["en-US", "de-DE", "fr-FR"]),
        };
        var parts = new List<string> { channelId };

        if (random.Next(4) != 0 && Pick(random, Texts) is { } text)
        {
            activity["text"] = text;
            parts.Add("text '" + text + "'");
        }

        if (random.Next(3) == 0)
        {
            var value = Pick(random, Values);
            activity["value"] = JsonNode.Parse(value);
            parts.Add("value " + value);
        }

        if (random.Next(3) == 0)
        {
            var attachments = new JsonArray();
            for (var n = random.Next(1, 4); n > 0; n--) attachments.Add(Attachment(random));
            activity["attachments"] = attachments;
            parts.Add("attachments " + string.Join(",", attachments.Select(a => (string?)a!["contentType"])));
        }

        if (random.Next(3) == 0)
        {
            var entities = new JsonArray();
            for (var n = random.Next(1, 4); n > 0; n--) entities.Add(Entity(random));
            activity["entities"] = entities;
            parts.Add("entities");
        }

        return (id, activity.ToJsonString(), string.Join("; ", parts));
    }

    private static JsonObject Attachment(Random random) => random.Next(6) switch
    {
        0 => new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "data:image/png;base64,iVBORw0KGgo=", ["name"] = "photo.png" },
        1 => new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["name"] = "report.docx",
            ["content"] = new JsonObject { ["downloadUrl"] = "https://contoso.sharepoint.com/x", ["fileType"] = "docx" },
        },
        2 => new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>hello</p>" },
        3 => new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = new JsonObject { ["type"] = "AdaptiveCard" } },
        4 => new JsonObject { ["contentType"] = "image/*", ["contentUrl"] = "https://smba.trafficmanager.net/amer/v3/attachments/1/views/original" },
        _ => new JsonObject(),
    };

    private static JsonObject Entity(Random random) => random.Next(4) switch
    {
        0 => new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["timezone"] = "Europe/Berlin", ["platform"] = "Web" },
        1 => new JsonObject { ["type"] = "mention", ["text"] = "<at>Bot</at>", ["mentioned"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot" } },
        2 => new JsonObject { ["type"] = "mention", ["text"] = "<at>Alex</at>", ["mentioned"] = new JsonObject { ["id"] = "user-9", ["name"] = "Alex" } },
        _ => new JsonObject { ["type"] = "https://schema.org/Place", ["name"] = "Berlin" },
    };

    private static T Pick<T>(Random random, T[] options) => options[random.Next(options.Length)];
}
