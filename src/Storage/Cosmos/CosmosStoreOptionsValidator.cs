using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Cosmos;

/// <summary>Checks the <c>CosmosDb</c> settings at start, naming the setting that is wrong.</summary>
internal sealed class CosmosStoreOptionsValidator : IValidateOptions<CosmosStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosStoreOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            errors.Add("CosmosDb:Endpoint is required, e.g. https://myaccount.documents.azure.com:443/.");
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"CosmosDb:Endpoint must be an absolute https URL, e.g. https://myaccount.documents.azure.com:443/ (got '{options.Endpoint}').");
        }

        if (options.Key is not null && string.IsNullOrWhiteSpace(options.Key))
        {
            errors.Add("CosmosDb:Key is empty; remove it to use Entra ID, or set the account key.");
        }
        else if (options.Key is not null && !Convert.TryFromBase64String(options.Key, new byte[options.Key.Length], out _))
        {
            errors.Add("CosmosDb:Key is not an account key (base64, as shown under Keys in the Azure portal).");
        }

        if (options.Key is not null && options.ManagedIdentityClientId is not null)
        {
            errors.Add("CosmosDb:Key and CosmosDb:ManagedIdentityClientId are both set; set only one.");
        }

        CheckName(errors, "CosmosDb:Database", options.Database);
        CheckName(errors, "CosmosDb:Container", options.Container);
        if (options.TimeToLiveSeconds < -1)
        {
            errors.Add($"CosmosDb:TimeToLiveSeconds must be a number of seconds, or -1 / 0 for no expiry (got {options.TimeToLiveSeconds}).");
        }

        if (options.MaxDocumentBytes <= 0 || options.MaxDocumentBytes > StorageLimits.CosmosMaxItemBytes - 1024)
        {
            errors.Add($"CosmosDb:MaxDocumentBytes must be between 1 and {StorageLimits.CosmosMaxItemBytes - 1024} (got {options.MaxDocumentBytes}).");
        }

        if (!Enum.IsDefined(options.ConnectionMode))
        {
            errors.Add("CosmosDb:ConnectionMode must be Direct or Gateway.");
        }

        CheckPositive(errors, "CosmosDb:RequestTimeout", options.RequestTimeout);
        CheckPositive(errors, "CosmosDb:OperationTimeout", options.OperationTimeout);
        if (options.MaxRetryAttemptsOnRateLimitedRequests < 0)
        {
            errors.Add("CosmosDb:MaxRetryAttemptsOnRateLimitedRequests must be 0 or more.");
        }

        if (options.MaxRetryWaitTimeOnRateLimitedRequests < TimeSpan.Zero)
        {
            errors.Add("CosmosDb:MaxRetryWaitTimeOnRateLimitedRequests must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckName(List<string> errors, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{setting} must not be empty.");
        }
        else if (value.AsSpan().IndexOfAny("/\\?#") >= 0 || value.Length > 255 || value.EndsWith(' '))
        {
            errors.Add($"{setting} '{value}' is not a valid Cosmos DB name (no / \\ ? #, no trailing space, at most 255 characters).");
        }
    }

    private static void CheckPositive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{setting} must be a positive time span such as 00:00:10 (got {value}).");
        }
    }
}
