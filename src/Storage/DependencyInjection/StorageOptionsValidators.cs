using Chatbot.Storage.File;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.DependencyInjection;

/// <summary>Checks <c>Storage:Provider</c> at start.</summary>
internal sealed class StorageProviderOptionsValidator : IValidateOptions<StorageProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageProviderOptions options) =>
        string.IsNullOrWhiteSpace(options.Provider) || StorageProviderOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Storage:Provider must be one of {string.Join(", ", StorageProviderOptions.Providers)} (or empty to choose by CosmosDb:Endpoint); found '{options.Provider}'.");
}

/// <summary>Checks the file store's <c>Storage</c> settings at start, naming each setting that is wrong.</summary>
internal sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FilePath))
        {
            failures.Add("Storage:FilePath must not be empty.");
        }

        if (options.MaxDocumentBytes <= 0)
        {
            failures.Add($"Storage:MaxDocumentBytes must be positive; found {options.MaxDocumentBytes}.");
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Storage:LockTimeout must be a positive time span such as 00:00:10; found {options.LockTimeout}.");
        }

        if (options.FlushInterval < TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Storage:FlushInterval must be between 00:00:00 (flush every write) and 00:01:00; found {options.FlushInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
