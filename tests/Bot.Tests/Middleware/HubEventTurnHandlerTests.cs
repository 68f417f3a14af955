using Chatbot.Bot.Configuration;
using Chatbot.Bot.Middleware.Handoff;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Tests.Middleware;

/// <summary>Who may send an agent hub's <c>handoff.status</c>: the channels the operator names, and the Emulator only in local mode.</summary>
public sealed class HubEventTurnHandlerTests
{
    [Theory]
    [InlineData("emulator", null, null, 200)]           // local mode: a developer tries the handoff in the Emulator
    [InlineData("emulator", "app-id", null, 403)]       // a deployed bot: the Emulator is a user's client like any other
    [InlineData("directline", null, null, 403)]
    [InlineData("webchat", "app-id", null, 403)]
    [InlineData("msteams", "app-id", null, 403)]
    [InlineData("omnichannel", "app-id", "omnichannel", 200)]
    [InlineData("OmniChannel", "app-id", "omnichannel", 200)]
    [InlineData("directline", "app-id", "omnichannel", 403)]
    [InlineData(null, null, "omnichannel", 403)]
    public async Task A_handoff_status_runs_only_from_a_hub_channel_or_the_local_emulator(string? channelId, string? appId, string? hubChannel, int expected)
    {
        var inner = new CountingHandler();
        var handler = Handler(inner, appId, hubChannel);

        var result = await handler.HandleAsync(Turn(channelId, EventNames.HandoffStatus), CancellationToken.None);

        Assert.Equal(expected, result.HttpStatus);
        Assert.Equal(expected == 200 ? 1 : 0, inner.Calls);
    }

    [Fact]
    public async Task Other_activities_on_a_users_channel_pass_whatever_the_setting()
    {
        var inner = new CountingHandler();
        var handler = Handler(inner, "app-id", hubChannel: null);

        await handler.HandleAsync(Turn("directline", EventNames.WebChatJoin), CancellationToken.None);
        await handler.HandleAsync(new TurnContext(new Activity { Type = ActivityTypes.Message, ChannelId = "directline", Text = "hi" }, AuthenticationResult.Anonymous), CancellationToken.None);

        Assert.Equal(2, inner.Calls);
    }

    private static HubEventTurnHandler Handler(ITurnHandler inner, string? appId, string? hubChannel)
    {
        var options = new HandoffOptions();
        if (hubChannel is not null) options.HubChannelIds.Add(hubChannel);
        return new HubEventTurnHandler(inner, Options.Create(options), Options.Create(new BotAuthenticationOptions { MicrosoftAppId = appId }), NullLogger<HubEventTurnHandler>.Instance);
    }

    private static TurnContext Turn(string? channelId, string eventName) =>
        new(new Activity { Type = ActivityTypes.Event, Name = eventName, ChannelId = channelId }, AuthenticationResult.Anonymous);

    private sealed class CountingHandler : ITurnHandler
    {
        public int Calls { get; private set; }

        public Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(TurnResult.Ok);
        }
    }
}
