using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.Tests.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Tests.State;

/// <summary>
/// A state a newer version of the bot wrote, met by this version on Cosmos DB (the production store; red7 tested the
/// file store): within Turn:NewerStateWait of its last turn it is left as it is (503, a rolling upgrade's re-post reaches
/// the newer version); after it, nobody newer answers (rolled back), so it is kept aside whole as a damaged item and the
/// conversation starts over, the user told so.
/// </summary>
[Collection(CosmosServerCollection.Name)]
public sealed class CosmosNewerStateTests(CosmosServerFixture server)
{
    private readonly string _container = "c" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task On_Cosmos_a_newer_versions_state_waits_for_it_then_is_kept_aside_and_the_conversation_starts_over()
    {
        var options = server.CreateOptions(_container);
        using var cosmos = new CosmosConversationStore(Options.Create(options), TimeProvider.System);
        await using var bot = await BotUnderTest.StartAsync(store: cosmos);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a1"))).Status);
        var key = Chatbot.Bot.Pipeline.ConversationKey.For(bot.Message("hi"));
        var stored = (await bot.Store.ReadAsync(key, CancellationToken.None))!;
        var document = JsonNode.Parse(stored.Content.Span)!.AsObject();
        document["schemaVersion"] = 99;
        document["addedLater"] = "kept";
        var newer = document.ToJsonString();
        var written = await bot.Store.WriteAsync(key, Encoding.UTF8.GetBytes(newer), stored.ETag, CancellationToken.None);

        bot.Time.Advance(TimeSpan.FromMinutes(9)); // a rolling upgrade: the re-post may reach the newer version
        var waiting = await bot.PostAsync(bot.Message("hi", id: "a2"));
        Assert.Equal(503, waiting.Status);
        Assert.Equal(written, (await bot.Store.ReadAsync(key, CancellationToken.None))!.ETag);

        bot.Time.Advance(TimeSpan.FromMinutes(1)); // 10 minutes: nobody newer answers it
        var response = await bot.PostAsync(bot.Message("hi", id: "a3"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["count 1", "Sorry, I lost track of our conversation, so we are starting over.", "count 1"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal(JsonNode.Parse(newer)!.ToJsonString(), JsonNode.Parse(await KeptAsideAsync(options, key))!.ToJsonString());
        Assert.Equal(200, (await bot.PostAsync(bot.Message("hi", id: "a4"))).Status);
        Assert.Equal("count 2", bot.Connector.Messages[^1].Text);
    }

    // The state of the one item the store kept aside for the conversation (its whole original, base64).
    private static async Task<string> KeptAsideAsync(CosmosStoreOptions options, string key)
    {
        using var client = new CosmosClient(options.Endpoint, options.Key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = options.ServerCertificateValidation,
        });
        var container = client.GetContainer(options.Database, options.Container);
        using var query = container.GetItemQueryStreamIterator((string?)null); // the read feed: every item of the container
        var kept = new List<JsonNode>();
        while (query.HasMoreResults)
        {
            using var page = await query.ReadNextAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            kept.AddRange(JsonNode.Parse(page.Content)!["Documents"]!.AsArray()!.Select(d => d!).Where(d => (string?)d["damagedId"] == key));
        }

        var original = JsonNode.Parse(Convert.FromBase64String(Assert.Single(kept)["contentBase64"]!.GetValue<string>()))!;
        return original["state"]!.ToJsonString();
    }
}
