using Chatbot.Bot.Configuration;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.DirectLine;

/// <summary>
/// Refuses <c>directline</c> among <c>Handoff:HubChannelIds</c> at start while the built-in Direct Line endpoint lets
/// callers in without the secret (no <c>DirectLine:Secret</c>, or page tokens on): its conversations carry that channel
/// id, so any visitor of the Web Chat page could send <c>handoff.status</c>. A hub on Azure's Direct Line channel holds
/// the secret; so must every caller of the built-in endpoint before its channel can be the hub's.
/// </summary>
internal sealed class DirectLineHubChannelValidator(IOptions<DirectLineOptions> directLine) : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var endpoint = directLine.Value;
        if (!string.IsNullOrEmpty(endpoint.Secret) && !endpoint.EnablePageTokens) return ValidateOptionsResult.Success;
        var index = -1;
        for (var i = 0; i < options.HubChannelIds.Count && index < 0; i++)
        {
            if (string.Equals(options.HubChannelIds[i], Channels.Activities.Channels.DirectLine, StringComparison.OrdinalIgnoreCase)) index = i;
        }

        if (index < 0) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"Handoff:HubChannelIds:{index} is 'directline', the channel of the built-in Direct Line endpoint, which lets callers in without the secret "
            + "(DirectLine:Secret unset or DirectLine:EnablePageTokens true): any visitor could send handoff.status and silence the bot or take a conversation from its agent. "
            + "Set DirectLine:Secret and DirectLine:EnablePageTokens=false, or name the hub's own channel.");
    }
}
