using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Serialization;

/// <summary>Checks the <c>Limits</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes is <= 0 or > 16 * 1024 * 1024)
        {
            failures.Add($"Limits:MaxBodyBytes must be between 1 and 16777216 (16 MB); found {options.MaxBodyBytes}.");
        }

        if (options.MaxJsonDepth is <= 0 or > 256)
        {
            failures.Add($"Limits:MaxJsonDepth must be between 1 and 256; found {options.MaxJsonDepth}.");
        }

        if (options.MaxTextLength <= 0)
        {
            failures.Add($"Limits:MaxTextLength must be positive; found {options.MaxTextLength}.");
        }

        if (options.MaxAttachments < 0)
        {
            failures.Add($"Limits:MaxAttachments must not be negative; found {options.MaxAttachments}.");
        }

        if (options.MaxEntities < 0)
        {
            failures.Add($"Limits:MaxEntities must not be negative; found {options.MaxEntities}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
