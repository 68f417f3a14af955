using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Auth;

/// <summary>Checks the Bot Framework settings at start, naming the setting that is wrong and what to do.</summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var errors = new List<string>();
        var type = options.MicrosoftAppType?.Trim();
        var hasAppId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);

        var knownType = string.IsNullOrEmpty(type)
            || string.Equals(type, BotAuthenticationDefaults.MultiTenant, StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, BotAuthenticationDefaults.SingleTenant, StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, BotAuthenticationDefaults.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if (!knownType)
        {
            errors.Add($"MicrosoftAppType '{type}' is not supported; use MultiTenant, SingleTenant or UserAssignedMSI.");
        }
        else if (string.Equals(type, BotAuthenticationDefaults.SingleTenant, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            errors.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant; set it to the bot's Entra tenant id.");
        }

        var isMsi = string.Equals(type, BotAuthenticationDefaults.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if (isMsi && !hasAppId)
        {
            errors.Add("MicrosoftAppId is required when MicrosoftAppType is UserAssignedMSI; set it to the managed identity's client id.");
        }
        else if (knownType && !isMsi && hasAppId && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            errors.Add("MicrosoftAppPassword is required when MicrosoftAppId is set (MultiTenant/SingleTenant); set the client secret, or use MicrosoftAppType=UserAssignedMSI.");
        }

        if (!string.IsNullOrWhiteSpace(options.ChannelService)
            && !string.Equals(options.ChannelService.Trim().TrimEnd('/'), BotAuthenticationDefaults.GovernmentChannelService, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"ChannelService '{options.ChannelService}' is not supported; leave it empty for the public cloud or set {BotAuthenticationDefaults.GovernmentChannelService} for US Government.");
        }

        CheckUrl(errors, nameof(options.ToBotFromChannelOpenIdMetadataUrl), options.ToBotFromChannelOpenIdMetadataUrl);
        CheckUrl(errors, nameof(options.ToBotFromEmulatorOpenIdMetadataUrl), options.ToBotFromEmulatorOpenIdMetadataUrl);
        if (CheckUrl(errors, nameof(options.ToChannelFromBotLoginUrl), options.ToChannelFromBotLoginUrl) is { } login
            && (login.AbsolutePath.Trim('/').Length == 0 || login.AbsolutePath.Trim('/').Contains('/', StringComparison.Ordinal) || login.Query.Length > 0))
        {
            // MSAL keeps only the first path segment as the tenant, so anything else would silently call another URL.
            errors.Add($"ToChannelFromBotLoginUrl must be https://host/{{tenant}} with exactly one path segment, e.g. {BotAuthenticationDefaults.Public.ToChannelFromBotLoginUrl} (got '{options.ToChannelFromBotLoginUrl}'); tokens are then requested from <that URL>/oauth2/v2.0/token.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Keys and tokens must come over TLS; an http URL would let anyone on the path mint accepted tokens.
    private static Uri? CheckUrl(List<string> errors, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{setting} must be an absolute https URL (got '{value}').");
            return null;
        }

        return uri;
    }
}
