using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Chatbot.BotServer.Tests;

/// <summary>What the Web Chat page does against BotServer's own Direct Line: a page token, a conversation, posts, the feed.</summary>
internal static class DirectLineCalls
{
    /// <summary>Takes a page token and starts a conversation with it, as the page does; its id, token and stream URL.</summary>
    public static async Task<(string ConversationId, string Token, string StreamUrl)> StartDirectLineAsync(this HttpClient client)
    {
        using var tokenResponse = await client.PostAsync("/api/webchat/token", null);
        var pageToken = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        using var started = await client.DirectLineAsync(HttpMethod.Post, "/v3/directline/conversations", pageToken);
        Assert.True(started.IsSuccessStatusCode, $"start failed: {(int)started.StatusCode}");
        var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!, body.GetProperty("streamUrl").GetString() ?? "");
    }

    /// <summary>Posts an activity (JSON as the client sends it) to the conversation.</summary>
    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, string conversationId, string token, string json) =>
        client.DirectLineAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, json);

    /// <summary>A Direct Line call with the conversation's bearer token.</summary>
    public static Task<HttpResponseMessage> DirectLineAsync(this HttpClient client, HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return client.SendAsync(request);
    }
}
