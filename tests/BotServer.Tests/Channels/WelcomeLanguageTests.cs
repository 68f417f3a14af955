using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// The welcome's language when the channel names none: a Web Chat <c>conversationUpdate</c> without <c>locale</c> to the
/// German-first sample (samples/buergeramt) is greeted in the bot's first language, as a user of that bot expects.
/// </summary>
public sealed class WelcomeLanguageTests : ChannelServerTest
{
    protected override BotServerHost CreateHost() => new BotServerHost()
        .WithSetting("Turn:TypingDelay", "00:00:00")
        .WithSetting("Understanding:Mode", "lexical")
        .WithSetting("Dialogs:Path", RepositoryPaths.Combine("samples", "buergeramt"));

    private async Task<string?> WelcomeAsync(string? locale)
    {
        var payload = ChannelPayloads.Load("webchat-conversationUpdate", Channel.ServiceUrl);
        if (locale is not null) payload["locale"] = locale;
        var before = Channel.Requests.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(Channel.Requests.Skip(before), r => r.Activity?.Type == ActivityTypes.Message).Activity!.Text;
    }

    [Fact]
    public async Task A_Web_Chat_welcome_without_a_locale_is_in_the_bots_first_language()
    {
        Assert.StartsWith("Willkommen beim Bürgeramt Musterstadt!", await WelcomeAsync(locale: null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Willkommen beim Bürgeramt Musterstadt!")]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "Willkommen beim Bürgeramt Musterstadt!")]
    [InlineData("en-GB,en;q=0.9", "Welcome to the Musterstadt city office!")]
    public async Task A_Web_Chat_page_on_the_bots_own_Direct_Line_is_welcomed_in_the_browsers_language_or_the_bots_first(string? acceptLanguage, string expected)
    {
        if (acceptLanguage is not null) Client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var (conversationId, token, _) = await Client.StartDirectLineAsync();

        using var feed = await Client.DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        var welcome = Assert.Single(JsonNode.Parse(await feed.Content.ReadAsStringAsync())!["activities"]!.AsArray(), a => (string?)a!["type"] == "message");
        Assert.StartsWith(expected, (string?)welcome!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Web_Chat_welcome_with_an_English_locale_is_in_English()
    {
        Assert.StartsWith("Welcome to the Musterstadt city office!", await WelcomeAsync(locale: "en-US"), StringComparison.Ordinal);
    }
}
