namespace Chatbot.Channels.Teams;

/// <summary>What an activity says about the bot being installed in (or removed from) a chat, team or personal scope.</summary>
internal enum BotInstallationChange
{
    /// <summary>The activity is not about installing or removing the bot.</summary>
    None,

    /// <summary>The bot was added (conversationUpdate with the bot in membersAdded, or installationUpdate "add").</summary>
    Installed,

    /// <summary>A new version of the app was installed over an existing one (installationUpdate "add-upgrade").</summary>
    Upgraded,

    /// <summary>The bot was removed (conversationUpdate with the bot in membersRemoved, or installationUpdate "remove").</summary>
    Uninstalled,
}
