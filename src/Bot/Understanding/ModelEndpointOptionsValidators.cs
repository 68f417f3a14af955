using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Understanding;

/// <summary>Checks the <c>AzureOpenAI</c> settings at start, naming each setting that is wrong.</summary>
internal sealed class AzureOpenAIOptionsValidator : IValidateOptions<AzureOpenAIOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOpenAIOptions options)
    {
        if (!options.IsConfigured)
        {
            return string.IsNullOrWhiteSpace(options.Deployment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("AzureOpenAI:Deployment is set but AzureOpenAI:Endpoint is missing: set it to the resource's endpoint, e.g. https://my-account.openai.azure.com/.");
        }

        var failures = new List<string>();
        if (!ModelEndpoints.IsHttpUrl(options.Endpoint))
        {
            failures.Add($"AzureOpenAI:Endpoint must be an absolute http(s) URL, e.g. https://my-account.openai.azure.com/; found '{options.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            failures.Add("AzureOpenAI:Deployment must be set when AzureOpenAI:Endpoint is: the model deployment's name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks the <c>OpenAI</c> settings at start, naming each setting that is wrong.</summary>
internal sealed class OpenAIOptionsValidator : IValidateOptions<OpenAIOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Endpoint) && !ModelEndpoints.IsHttpUrl(options.Endpoint))
        {
            failures.Add($"OpenAI:Endpoint must be an absolute http(s) URL, e.g. http://localhost:11434/v1; found '{options.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("OpenAI:Model must be set when OpenAI:Endpoint is: the model name the endpoint serves.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class ModelEndpoints
{
    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
