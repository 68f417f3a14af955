namespace Chatbot.Channels.Activities;

/// <summary>Activity type names from the Bot Framework activity schema.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Trace = "trace";
    public const string Handoff = "handoff";
}

/// <summary>Names of <c>event</c> activities the bot understands.</summary>
public static class EventNames
{
    /// <summary>Web Chat's join event: <c>value.language</c> is the page's language.</summary>
    public const string WebChatJoin = "webchat/join";

    /// <summary>
    /// The Bot Framework's handoff request from the bot to an agent hub: <c>value</c> is hub-specific context, an
    /// attachment named <c>Transcript</c> holds the conversation so far.
    /// </summary>
    public const string HandoffInitiate = "handoff.initiate";

    /// <summary>The agent hub's answer about a handoff: <c>value.state</c> is <c>accepted</c>, <c>failed</c> or <c>completed</c>.</summary>
    public const string HandoffStatus = "handoff.status";

    /// <summary>True for the names of events that arrive from a channel and run a turn (join, handoff status), ignoring case.</summary>
    internal static bool RunsTurn(string? name) =>
        string.Equals(name, WebChatJoin, StringComparison.OrdinalIgnoreCase) || string.Equals(name, HandoffStatus, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Channel ids the bot treats specially.</summary>
public static class Channels
{
    public const string Emulator = "emulator";
    public const string MsTeams = "msteams";
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Test = "test";
}
