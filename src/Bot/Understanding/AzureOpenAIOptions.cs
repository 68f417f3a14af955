namespace Chatbot.Bot.Understanding;

/// <summary>An Azure OpenAI deployment (configuration section <c>AzureOpenAI</c>); no endpoint = not used.</summary>
public sealed class AzureOpenAIOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "AzureOpenAI";

    /// <summary>The resource endpoint, e.g. <c>https://my-account.openai.azure.com/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model deployment's name (required with an endpoint).</summary>
    public string? Deployment { get; set; }

    /// <summary>The API key; absent = Entra ID (<c>DefaultAzureCredential</c>, e.g. a managed identity).</summary>
    public string? ApiKey { get; set; }

    /// <summary>True when an endpoint is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
