using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;

namespace Chatbot.Bot.Understanding;

/// <summary>
/// Builds the <see cref="IChatClient"/> for understanding and phrasing from configuration: Azure OpenAI
/// (<c>AzureOpenAI:Endpoint</c>, <c>AzureOpenAI:Deployment</c>, <c>AzureOpenAI:ApiKey</c> or Entra ID) or any
/// OpenAI-compatible endpoint (<c>OpenAI:Endpoint</c>, <c>OpenAI:Model</c>, <c>OpenAI:ApiKey</c>). Null when neither is configured.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>Creates the client, or returns null when no model endpoint is configured.</summary>
    public static IChatClient? Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var azureEndpoint = configuration["AzureOpenAI:Endpoint"];
        if (!string.IsNullOrWhiteSpace(azureEndpoint))
        {
            var deployment = configuration["AzureOpenAI:Deployment"];
            if (string.IsNullOrWhiteSpace(deployment))
            {
                throw new InvalidOperationException("AzureOpenAI:Endpoint is set but AzureOpenAI:Deployment is missing: set it to the model deployment's name.");
            }

            return CreateAzure(ParseUri(azureEndpoint, "AzureOpenAI:Endpoint"), deployment, configuration["AzureOpenAI:ApiKey"]);
        }

        var openAiEndpoint = configuration["OpenAI:Endpoint"];
        var model = configuration["OpenAI:Model"];
        if (!string.IsNullOrWhiteSpace(openAiEndpoint) || !string.IsNullOrWhiteSpace(model))
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new InvalidOperationException("OpenAI:Endpoint is set but OpenAI:Model is missing: set it to the model name the endpoint serves.");
            }

            return CreateOpenAI(string.IsNullOrWhiteSpace(openAiEndpoint) ? null : ParseUri(openAiEndpoint, "OpenAI:Endpoint"), model, configuration["OpenAI:ApiKey"]);
        }

        return null;
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
    // the call count; understanding retries at most once itself, within its timeout.
    private static void Configure(ClientPipelineOptions options)
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    private static Uri ParseUri(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"{name} must be an absolute http(s) URL; found '{value}'.");
}
