using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Handoff;

/// <summary>
/// Lets an agent hub's <c>handoff.status</c> through only from the channels the operator named as the hub's
/// (<see cref="HandoffOptions.HubChannelIds"/>), and from the Emulator in local mode. Anywhere else the user could have
/// written it (Direct Line, Web Chat, the Emulator, the built-in Direct Line endpoint): <c>accepted</c> would silence the
/// bot for hours and <c>completed</c> would take the conversation from the person who has it. Refused with 403 before
/// any state is read, so nothing changes and no channel retries; the hub of a misconfigured deployment sees why.
/// </summary>
internal sealed partial class HubEventTurnHandler(
    ITurnHandler inner,
    IOptions<HandoffOptions> options,
    IOptions<BotAuthenticationOptions> authentication,
    ILogger<HubEventTurnHandler> logger) : DelegatingTurnHandler(inner)
{
    private readonly HashSet<string> _hubChannels = new(options.Value.HubChannelIds, StringComparer.OrdinalIgnoreCase);
    private readonly bool _localMode = string.IsNullOrWhiteSpace(authentication.Value.MicrosoftAppId);

    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Route != ActivityRoute.HandoffStatus || MaySend(turn.Activity.ChannelId)) return Inner.HandleAsync(turn, cancellationToken);
        LogRefused(logger, turn.Activity.ChannelId);
        return Task.FromResult(TurnResult.Reject(403, $"Only the agent hub may send '{EventNames.HandoffStatus}', and channel '{turn.Activity.ChannelId}' is not one (Handoff:HubChannelIds)."));
    }

    private bool MaySend(string? channelId) =>
        channelId is not null && (_hubChannels.Contains(channelId) || (_localMode && string.Equals(channelId, Channels.Activities.Channels.Emulator, StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused handoff.status on channel {ChannelId}: not a hub channel (Handoff:HubChannelIds)")]
    private static partial void LogRefused(ILogger logger, string? channelId);
}
