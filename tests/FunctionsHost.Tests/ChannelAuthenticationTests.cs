using System.Net;
using Chatbot.Channels.Tests.Auth;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// With an app id configured, the Functions host accepts only activities with a valid channel token (checked against
/// the local token issuer's keys) and replies with the bot's own token.
/// </summary>
[Collection(ProductionLikeCollection.Name)]
public sealed class ChannelAuthenticationTests(ProductionLikeFunctionsHost fixture)
{
    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_token()
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("webchat", $"auth-{Guid.NewGuid():N}", channel.ServiceUrl);

        using var response = await fixture.PostAsync(chat.Message("m-1", "help"), ProductionLikeFunctionsHost.ChannelToken(channel.ServiceUrl));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{fixture.HostLog}");
        var reply = Assert.Single(channel.Requests);
        Assert.StartsWith("I can check the status of an order", reply.Activity!.Text, StringComparison.Ordinal);
        // The bot's token for the channel, from the issuer's token endpoint with the bot's app id and secret.
        Assert.StartsWith("Bearer access-token-", reply.Authorization, StringComparison.Ordinal);
    }

    public static TheoryData<string> RejectedTokens => ["forged signature", "no token", "another bot's token", "expired", "for another serviceUrl"];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_request_without_a_valid_token_gets_401_and_no_reply(string kind)
    {
        await using var channel = await LocalConnectorServer.StartAsync("amer");
        var chat = new ChannelConversation("webchat", $"auth-{Guid.NewGuid():N}", channel.ServiceUrl);
        var now = DateTimeOffset.UtcNow;
        var claims = ProductionLikeFunctionsHost.ChannelClaims(channel.ServiceUrl, now);
        var token = kind switch
        {
            // Same key id as the issuer's real key, signed with another key.
            "forged signature" => TokenMinter.Sign(claims, TestKeys.Forger),
            "no token" => null,
            "another bot's token" => TokenMinter.Sign(With(claims, "aud", "another-bot-app-id"), TestKeys.Channel1),
            "expired" => TokenMinter.Sign(With(With(claims, "nbf", now.AddHours(-2).ToUnixTimeSeconds()), "exp", now.AddHours(-1).ToUnixTimeSeconds()), TestKeys.Channel1),
            "for another serviceUrl" => TokenMinter.Sign(With(claims, "serviceurl", "https://smba.trafficmanager.net/amer/"), TestKeys.Channel1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await fixture.PostAsync(chat.Message("m-1", "help"), token);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode} {body}\n{fixture.HostLog}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal); // a short reason, no stack trace
        Assert.Empty(channel.Requests);
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> claims, string name, object? value) =>
        new(claims) { [name] = value };
}
