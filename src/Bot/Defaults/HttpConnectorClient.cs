using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Channels.Serialization;

namespace Chatbot.Bot.Defaults;

/// <summary>
/// Minimal Connector client used until Channels' <c>ConnectorClient</c> (with retries) is registered: keeps the
/// serviceUrl path, escapes ids, adds the bearer token when there is one. No retries.
/// </summary>
internal sealed class HttpConnectorClient(HttpClient http, IAccessTokenProvider tokens) : IConnectorClient
{
    private static readonly JsonTypeInfo<Activity> ActivityInfo = (JsonTypeInfo<Activity>)ActivitySerializer.Options.GetTypeInfo(typeof(Activity));
    private static readonly JsonTypeInfo<ResourceResponse> ResourceInfo = (JsonTypeInfo<ResourceResponse>)ActivitySerializer.Options.GetTypeInfo(typeof(ResourceResponse));

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(activity.Conversation?.Id ?? "")}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId)) path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        return SendJsonAsync(HttpMethod.Post, activity.ServiceUrl, path, activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Put, activity.ServiceUrl,
            $"v3/conversations/{Uri.EscapeDataString(activity.Conversation?.Id ?? "")}/activities/{Uri.EscapeDataString(activity.Id ?? "")}",
            activity, cancellationToken);

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private async Task<ResourceResponse> SendJsonAsync(HttpMethod method, string? serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(method, serviceUrl, path, cancellationToken).ConfigureAwait(false);
        request.Content = JsonContent.Create(activity, ActivityInfo);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength == 0) return new ResourceResponse();
        try
        {
            return await response.Content.ReadFromJsonAsync(ResourceInfo, cancellationToken).ConfigureAwait(false) ?? new ResourceResponse();
        }
        catch (System.Text.Json.JsonException)
        {
            return new ResourceResponse();
        }
    }

    private async Task<HttpRequestMessage> CreateAsync(HttpMethod method, string? serviceUrl, string path, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)) throw new InvalidOperationException("The activity has no valid serviceUrl.");
        // Keep the serviceUrl's own path (Teams uses e.g. /amer/): make sure it ends with '/' before combining.
        if (!baseUri.AbsolutePath.EndsWith('/')) baseUri = new Uri(baseUri.AbsoluteUri + "/");
        var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        if (await tokens.GetTokenAsync(serviceUrl!, cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
