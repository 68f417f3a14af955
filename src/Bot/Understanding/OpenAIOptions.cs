namespace Chatbot.Bot.Understanding;

/// <summary>Any OpenAI-compatible endpoint (configuration section <c>OpenAI</c>), used when Azure OpenAI is not configured.</summary>
public sealed class OpenAIOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "OpenAI";

    /// <summary>The endpoint, e.g. <c>http://localhost:11434/v1</c>; empty = api.openai.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the endpoint serves (required when this section is used).</summary>
    public string? Model { get; set; }

    /// <summary>The API key; local servers need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>True when an endpoint or a model is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) || !string.IsNullOrWhiteSpace(Model);
}
