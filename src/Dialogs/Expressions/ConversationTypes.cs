namespace Chatbot.Dialogs.Expressions;

/// <summary>The kinds of conversation a channel reports (Teams' <c>conversation.conversationType</c>), as authors compare them.</summary>
internal static class ConversationTypes
{
    /// <summary>One user and the bot; also every channel that does not say (Web Chat, Direct Line, the Emulator).</summary>
    public const string Personal = "personal";

    /// <summary>A group chat of several users.</summary>
    public const string GroupChat = "groupChat";

    /// <summary>A team's channel.</summary>
    public const string Channel = "channel";

    /// <summary>Every value <c>conversation_type</c> can have.</summary>
    public static readonly IReadOnlyList<string> All = [Personal, GroupChat, Channel];

    /// <summary>The canonical spelling of a channel's value, or null for a value we do not know (then nothing is remembered).</summary>
    public static string? Canonical(string? reported) =>
        All.FirstOrDefault(t => string.Equals(t, reported?.Trim(), StringComparison.OrdinalIgnoreCase));
}
