using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>Conversation state lives in Cosmos DB, not in the host: a conversation goes on across a host restart.</summary>
[Collection(ProductionLikeCollection.Name)]
public sealed class CosmosStateTests(ProductionLikeFunctionsHost fixture)
{
    [Fact]
    public async Task A_conversation_goes_on_where_it_was_after_the_host_restarts()
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("msteams", $"19:{Guid.NewGuid():N}@thread.tacv2", channel.ServiceUrl);
        var writesBefore = await DocumentWritesAsync();

        Assert.Equal(["Which product would you like?"], await TurnAsync(channel, chat.Message("m-1", "place_order")));
        Assert.Equal(["How many would you like?"], await TurnAsync(channel, chat.Message("m-2", "laptop")));
        Assert.True(await DocumentWritesAsync() > writesBefore, "The turns wrote no document to Cosmos DB.");

        await fixture.RestartHostAsync();

        // The new host process knows the order in progress: product chosen, quantity asked (the size comes next).
        Assert.Equal(["Which size would you like?"], await TurnAsync(channel, chat.Message("m-3", "2")));
    }

    private async Task<string[]> TurnAsync(LocalConnectorServer channel, Activity activity) =>
        [.. (await fixture.TurnAsync(channel, activity, ProductionLikeFunctionsHost.ChannelToken(channel.ServiceUrl))).Select(m => m.Text ?? "")];

    private async Task<int> DocumentWritesAsync()
    {
        var requests = await fixture.Cosmos.DocumentRequestsAsync(ProductionLikeFunctionsHost.CosmosContainer);
        return requests.Where(r => r.Key is "POST" or "PUT").Sum(r => r.Value);
    }
}
