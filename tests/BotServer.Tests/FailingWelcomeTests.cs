using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The built-in Web Chat with the state store down, through the real BotServer, sample dialogs and file store: the
/// conversation's start (the welcome turn) failed and the chat stayed empty, since Web Chat never posts the
/// conversationUpdate again. The user now reads a notice in the browser's language, and what the bot says about a
/// message it could not handle follows the language too.
/// </summary>
public sealed class FailingWelcomeTests : IAsyncLifetime
{
    private readonly StateFolder _state = new();
    private BotServerHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotServerHost().WithSetting("Understanding:Mode", "lexical").WithSetting("Storage:FilePath", _state.Path);
        _client = _host.CreateClient();
        // Web Chat starts the conversation without a body: the browser's Accept-Language is the user's language.
        _client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de-DE"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _state.Dispose();
    }

    private async Task<string?[]> FeedAsync(string conversationId, string token)
    {
        using var feed = await _client.DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        return [.. JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null)];
    }

    [Fact]
    public async Task With_the_store_down_the_chat_opens_with_a_notice_in_the_users_language_and_works_once_the_store_is_back()
    {
        _state.Break();

        var (conversationId, token, _) = await _client.StartDirectLineAsync();

        Assert.Equal("Hallo! Ich kann gerade nicht antworten. Bitte schreiben Sie mir gleich noch einmal.", Assert.Single(await FeedAsync(conversationId, token)));

        using (var failed = await _client.PostActivityAsync(conversationId, token, """{"type":"message","text":"Hallo","locale":"de-DE"}"""))
        {
            // A 5xx, as /api/messages answers the turn (this broken file store gives 500, a Cosmos outage 503).
            Assert.True((int)failed.StatusCode >= 500, $"answered {(int)failed.StatusCode}");
        }

        Assert.Equal("Entschuldigung, Ihre letzte Nachricht konnte gerade nicht bearbeitet werden. Bitte senden Sie sie noch einmal.", (await FeedAsync(conversationId, token))[^1]);

        _state.Restore();
        using (var answered = await _client.PostActivityAsync(conversationId, token, """{"type":"message","text":"Hallo","locale":"de-DE"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        // The notice, the message and what was said about it, the message again, then its answer.
        var texts = await FeedAsync(conversationId, token);
        Assert.Equal("Hallo", texts[3]);
        Assert.True(texts.Length > 4, "the message sent again got no answer");
        Assert.All(texts[4..], t => Assert.DoesNotContain("noch einmal", t ?? "", StringComparison.Ordinal));
    }
}
