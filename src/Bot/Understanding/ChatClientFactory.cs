using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Chatbot.Bot.Understanding;

/// <summary>
/// Builds the <see cref="IChatClient"/> for understanding and phrasing: Azure OpenAI (<see cref="AzureOpenAIOptions"/>,
/// key or Entra ID) or any OpenAI-compatible endpoint (<see cref="OpenAIOptions"/>).
/// </summary>
internal static class ChatClientFactory
{
    /// <summary>Creates the client from validated options (Azure OpenAI first), or returns null when neither is configured.</summary>
    public static IChatClient? Create(AzureOpenAIOptions azure, OpenAIOptions openAI)
    {
        ArgumentNullException.ThrowIfNull(azure);
        ArgumentNullException.ThrowIfNull(openAI);
        if (azure.IsConfigured)
        {
            return CreateAzure(new Uri(azure.Endpoint!), azure.Deployment!, azure.ApiKey);
        }

        return openAI.IsConfigured
            ? CreateOpenAI(string.IsNullOrWhiteSpace(openAI.Endpoint) ? null : new Uri(openAI.Endpoint), openAI.Model!, openAI.ApiKey)
            : null;
    }

    /// <summary>Azure OpenAI client for one deployment; no API key = Entra ID (DefaultAzureCredential).</summary>
    public static IChatClient CreateAzure(Uri endpoint, string deployment, string? apiKey)
    {
        var options = new AzureOpenAIClientOptions();
        Configure(options);
        var client = string.IsNullOrWhiteSpace(apiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), options)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), options);
        return new FaultTranslatingChatClient(client.GetChatClient(deployment).AsIChatClient());
    }

    /// <summary>OpenAI-compatible client (OpenAI, Ollama, llama.cpp server); a null endpoint means api.openai.com.</summary>
    public static IChatClient CreateOpenAI(Uri? endpoint, string model, string? apiKey)
    {
        var options = new OpenAIClientOptions();
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        Configure(options);

        // Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? "no-key" : apiKey), options);
        return new FaultTranslatingChatClient(client.GetChatClient(model).AsIChatClient());
    }

    // The SDK would retry 429/5xx up to three times with its own backoff, blowing the turn's budget and hiding
    // the call count; understanding retries at most once itself, within its timeout. Every caller cancels on its own
    // budget (seconds in a turn, a minute for an async answer the queue runs), so the network timeout only catches a
    // hung connection and must not be shorter than the longest budget.
    private static void Configure(ClientPipelineOptions options)
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = TimeSpan.FromSeconds(90);
    }
}
