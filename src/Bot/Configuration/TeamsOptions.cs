namespace Chatbot.Bot.Configuration;

/// <summary>How replies look in Microsoft Teams (configuration section <c>Teams</c>).</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>In group chats and channels, start the first reply of each turn with an @mention of the user who wrote.</summary>
    public bool MentionUser { get; set; }
}
