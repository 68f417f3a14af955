using Chatbot.Channels.Auth;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Configuration;

/// <summary>Checks the <c>Turn</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class TurnOptionsValidator : IValidateOptions<TurnOptions>
{
    public ValidateOptionsResult Validate(string? name, TurnOptions options)
    {
        var failures = new List<string>();
        if (options.RecentActivityCount is <= 0 or > 1000)
        {
            failures.Add($"Turn:RecentActivityCount must be between 1 and 1000; found {options.RecentActivityCount}.");
        }

        if (options.RedeliveryLease < TimeSpan.FromSeconds(2) || options.RedeliveryLease > TimeSpan.FromHours(1))
        {
            failures.Add($"Turn:RedeliveryLease must be between 00:00:02 and 01:00:00 (it must outlast the clock difference between instances); found {options.RedeliveryLease}.");
        }

        if (options.Deadline <= TimeSpan.Zero || options.Deadline > TimeSpan.FromSeconds(15))
        {
            failures.Add($"Turn:Deadline must be more than 0 and at most 15 seconds (channels give up after 15 s); found {options.Deadline}.");
        }

        if (options.SendReserve < TimeSpan.Zero || options.SendReserve >= options.Deadline)
        {
            failures.Add($"Turn:SendReserve must be at least 0 and less than Turn:Deadline ({options.Deadline}); found {options.SendReserve}.");
        }

        if (options.MaxQueueWait < TimeSpan.Zero || options.MaxQueueWait >= options.Deadline)
        {
            failures.Add($"Turn:MaxQueueWait must be at least 0 and less than Turn:Deadline ({options.Deadline}); found {options.MaxQueueWait}.");
        }

        if (options.NewerStateWait < TimeSpan.Zero || options.NewerStateWait > TimeSpan.FromDays(7))
        {
            failures.Add($"Turn:NewerStateWait must be between 00:00:00 and 7.00:00:00; found {options.NewerStateWait}.");
        }

        if (options.MaxQueuedTurns is < 0 or > 1000)
        {
            failures.Add($"Turn:MaxQueuedTurns must be between 0 and 1000; found {options.MaxQueuedTurns}.");
        }

        if (options.MaxOrderedConversations is < 1 or > 1_000_000)
        {
            failures.Add($"Turn:MaxOrderedConversations must be between 1 and 1000000; found {options.MaxOrderedConversations}.");
        }

        if (options.TypingDelay < TimeSpan.Zero)
        {
            failures.Add($"Turn:TypingDelay must not be negative (00:00:00 turns typing indicators off); found {options.TypingDelay}.");
        }

        if (options.TypingTimeout <= TimeSpan.Zero || options.TypingTimeout > TimeSpan.FromSeconds(15))
        {
            failures.Add($"Turn:TypingTimeout must be more than 0 and at most 15 seconds (channels give up after 15 s); found {options.TypingTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks the <c>RateLimits</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(failures, "RateLimits:Conversation", options.Conversation);
        Check(failures, "RateLimits:User", options.User);
        if (options.Message is not null && string.IsNullOrWhiteSpace(options.Message))
        {
            failures.Add("RateLimits:Message must not be empty when set: it is what a user over the limit is told (unset, the dialogs' rate_limited text is).");
        }

        if (options.MaxPartitions <= 0)
        {
            failures.Add($"RateLimits:MaxPartitions must be positive; found {options.MaxPartitions}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string prefix, TokenBucketSettings? bucket)
    {
        if (bucket is null)
        {
            failures.Add($"{prefix} must be set.");
            return;
        }

        if (bucket.TokenLimit <= 0)
        {
            failures.Add($"{prefix}:TokenLimit must be positive; found {bucket.TokenLimit}.");
        }

        if (bucket.TokensPerPeriod <= 0)
        {
            failures.Add($"{prefix}:TokensPerPeriod must be positive; found {bucket.TokensPerPeriod}.");
        }

        if (bucket.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:ReplenishmentPeriod must be a positive time span such as 00:00:10; found {bucket.ReplenishmentPeriod}.");
        }
    }
}

/// <summary>Checks <c>Dialogs:Path</c> at start.</summary>
internal sealed class DialogsPathOptionsValidator : IValidateOptions<DialogsPathOptions>
{
    public ValidateOptionsResult Validate(string? name, DialogsPathOptions options) =>
        string.IsNullOrWhiteSpace(options.Path)
            ? ValidateOptionsResult.Fail("Dialogs:Path must name a folder of dialog definitions (default: dialogs/).")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks the <c>Events</c> settings at start: a usable rate limit, and Entra ID settings that admit someone specific.</summary>
internal sealed class EventOptionsValidator : IValidateOptions<Events.EventOptions>
{
    public ValidateOptionsResult Validate(string? name, Events.EventOptions options)
    {
        var failures = new List<string>();
        var bucket = options.RateLimit;
        if (bucket.TokenLimit < 1 || bucket.TokensPerPeriod < 1 || bucket.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            failures.Add("Events:RateLimit:TokenLimit and TokensPerPeriod must be at least 1 and ReplenishmentPeriod more than 0.");
        }

        var auth = options.Auth;
        if (!string.IsNullOrWhiteSpace(auth.Authority) || !string.IsNullOrWhiteSpace(auth.Audience))
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"Events:Auth:Authority must be an https URL such as https://login.microsoftonline.com/<tenant-id>/v2.0; found '{auth.Authority}'.");
            }

            if (string.IsNullOrWhiteSpace(auth.Audience))
            {
                failures.Add("Events:Auth:Audience must be set with Events:Auth:Authority (the app id URI or client id tokens are issued for).");
            }

            if (auth.AllowedClientIds.Length == 0 && auth.AllowedRoles.Length == 0)
            {
                // Every app in the tenant can get a token for an audience; without a list any of them could post events.
                failures.Add("Events:Auth needs AllowedClientIds or AllowedRoles: without them any app of the tenant could post events.");
            }

            if (authority is not null && auth.AllowedTenants.Length == 0
                && authority.Segments.Any(s => Uri.UnescapeDataString(s.Trim('/')) is "common" or "organizations" or "{tenantid}"))
            {
                failures.Add($"Events:Auth:Authority '{auth.Authority}' accepts tokens of every tenant: list the tenants allowed to post events in Events:Auth:AllowedTenants.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Checks the <c>Handoff</c> settings at start: each hub channel id is a channel id, not blank or padded, and none is a
/// channel where users write: <c>webchat</c> (Azure's Web Chat channel) always, <c>emulator</c> once the bot has an app
/// id. Whoever can post on a listed channel can silence the bot (<c>accepted</c>) or take a conversation from its agent
/// (<c>completed</c>). <c>directline</c> stays allowed (hubs such as LivePerson talk Direct Line to the bot), except
/// where the built-in endpoint lets anonymous pages in (<c>DirectLineHubChannelValidator</c>).
/// </summary>
internal sealed class HandoffOptionsValidator(IOptions<BotAuthenticationOptions> authentication) : IValidateOptions<HandoffOptions>
{
    // Channel ids are short words (msteams, directline, emulator, omnichannel); longer ones are a mistake in the setting.
    private const int MaxChannelIdLength = 64;

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var failures = new List<string>();
        var production = !string.IsNullOrWhiteSpace(authentication.Value.MicrosoftAppId);
        for (var i = 0; i < options.HubChannelIds.Count; i++)
        {
            var id = options.HubChannelIds[i];
            if (string.IsNullOrWhiteSpace(id) || id.Trim() != id || id.Length > MaxChannelIdLength || id.Any(char.IsControl))
            {
                failures.Add($"Handoff:HubChannelIds:{i} must be a channel id such as 'omnichannel' (no spaces, at most {MaxChannelIdLength} characters); found '{id}'.");
            }
            else if (string.Equals(id, Channels.Activities.Channels.WebChat, StringComparison.OrdinalIgnoreCase)
                || (production && string.Equals(id, Channels.Activities.Channels.Emulator, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"Handoff:HubChannelIds:{i} is '{id}', a channel users write on: any of them could send handoff.status and silence the bot or take a conversation from its agent. Name the hub's own channel, or let the hub post to /api/events.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
