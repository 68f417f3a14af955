namespace Chatbot.Bot.Configuration;

/// <summary>Where the agent hub of the handoff protocol talks to the bot (configuration section <c>Handoff</c>).</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>
    /// Channel ids an agent hub's <c>handoff.status</c> events may arrive on (e.g. the hub's own channel, or
    /// <c>directline</c> when only the hub talks Direct Line to the bot). Empty: from no channel, except the Emulator
    /// in local mode; a hub without a channel of its own posts to <c>/api/events</c> instead. Channels users write on are
    /// refused at start: <c>webchat</c>, <c>emulator</c> with an app id, and <c>directline</c> while the built-in endpoint
    /// lets callers in without the secret.
    /// </summary>
    public IList<string> HubChannelIds { get; } = [];
}
