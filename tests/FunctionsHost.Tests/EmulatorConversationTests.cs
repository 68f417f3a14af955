using System.Net;
using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>The Bot Framework Emulator against BotFunctions under the Functions host in local mode (no app id).</summary>
[Collection(LocalModeCollection.Name)]
public sealed class EmulatorConversationTests(LocalModeFunctionsHost fixture)
{
    [Fact]
    public async Task Connecting_gets_one_welcome_and_an_order_runs_to_its_end()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);

        var welcome = await TurnAsync(emulator, chat.Connect("connect-1"));
        Assert.Equal(["Hi! I am the Contoso Shop assistant. I can check an order, place an order or report a problem."], Texts(welcome));
        // Each button posts its 'sends' text, as the Emulator's imBack does; the bot takes it as the button's value.
        var actions = welcome[0].SuggestedActions!.Actions!.Select(a => a.Value?.GetString() ?? "").ToArray();
        Assert.Equal(["Where is my order?", "I would like to place an order.", "I have a problem with a device."], actions);

        Assert.Equal(["Which product would you like?"], Texts(await TurnAsync(emulator, chat.Message("m-1", actions[1]))));
        Assert.Equal(["How many would you like?"], Texts(await TurnAsync(emulator, chat.Message("m-2", "laptop"))));
        Assert.Equal(["Which size would you like?"], Texts(await TurnAsync(emulator, chat.Message("m-3", "2"))));
        Assert.Equal(["Where should we deliver it?"], Texts(await TurnAsync(emulator, chat.Message("m-4", "large"))));
        Assert.Equal(["What e-mail address should we use?"], Texts(await TurnAsync(emulator, chat.Message("m-5", "12 Baker Street"))));
        Assert.Equal(["Thanks!", "So that is 2 x Laptop (large) to 12 Baker Street, confirmation to ann@example.com. Shall I place the order?"],
            Texts(await TurnAsync(emulator, chat.Message("m-6", "ann@example.com"))));
        Assert.Equal(["Done! Your order for 2 x Laptop (large) is placed."], Texts(await TurnAsync(emulator, chat.Message("m-7", "yes"))));

        // Every reply went back into this conversation, in answer to the activity that caused it, without a token
        // (local mode: the Emulator accepts replies without one).
        var messages = emulator.Requests.Where(r => r.Activity!.Type == ActivityTypes.Message).ToList();
        Assert.Equal(["connect-1", "m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-6", "m-7"], messages.Select(r => r.ActivityId ?? "").ToArray());
        // Local mode also shows the developer each turn's trace in the Emulator's inspector, after that turn's replies.
        var traced = emulator.Requests.Where(r => r.Activity!.Type == ActivityTypes.Trace && r.Activity.Name == "TurnTrace").Select(r => r.ActivityId ?? "");
        Assert.Equal(["m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7"], traced.Where(id => id.StartsWith("m-", StringComparison.Ordinal)).ToArray());
        Assert.All(emulator.Requests, r =>
        {
            Assert.Equal((chat.Id, r.ActivityId), (r.ConversationId, r.Activity!.ReplyToId));
            Assert.Equal((ChannelConversation.BotId, ChannelConversation.UserId), (r.Activity.From!.Id, r.Activity.Recipient!.Id));
            Assert.Null(r.Authorization);
        });
    }

    [Fact]
    public async Task A_channel_that_announces_the_bot_and_the_user_separately_gets_one_welcome()
    {
        await using var channel = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(channel.ServiceUrl);

        // Direct Line style: first an update that adds the bot, then one that adds the user.
        Assert.Empty(await TurnAsync(channel, chat.Connect("connect-bot", ChannelConversation.BotId)));
        var welcome = await TurnAsync(channel, chat.Connect("connect-user", ChannelConversation.UserId));

        Assert.StartsWith("Hi! I am the Contoso Shop assistant.", Assert.Single(welcome).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);
        var help = chat.Message("help-1", "help");

        var first = await TurnAsync(emulator, help);
        Assert.StartsWith("I can check the status of an order", Assert.Single(first).Text, StringComparison.Ordinal);

        // The channel did not see the answer in time and sends the same activity again: 200, nothing sent twice.
        Assert.Empty(await TurnAsync(emulator, help));

        // Two deliveries of one activity at the same time (a retry racing the original): one answer between them.
        var again = chat.Message("order-1", "place_order");
        var responses = await Task.WhenAll(fixture.PostAsync(again), fixture.PostAsync(again));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(["Which product would you like?"], Texts(emulator.Messages.Where(m => m.ReplyToId == "order-1")));
        Assert.Equal(2, emulator.Messages.Count);
    }

    private Task<List<Activity>> TurnAsync(LocalConnectorServer channel, Activity activity) => fixture.TurnAsync(channel, activity);

    private static string[] Texts(IEnumerable<Activity> messages) => messages.Select(m => m.Text ?? "").ToArray();
}
