using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>What kind of turn an activity starts.</summary>
public enum ActivityRoute
{
    /// <summary>Acknowledged and ignored (events, reactions, typing, unknown types, updates that welcome nobody): no state.</summary>
    None,

    /// <summary>A user message: a dialog turn.</summary>
    Message,

    /// <summary>
    /// A conversationUpdate that deserves a welcome (<see cref="WelcomeRule"/>), or Web Chat's <c>webchat/join</c> event:
    /// a dialog turn.
    /// </summary>
    ConversationStart,

    /// <summary>An invoke: answered by an <c>IInvokeHandler</c> in the HTTP body.</summary>
    Invoke,

    /// <summary>An event another system sent (<c>POST /api/events</c>): a dialog turn in which the bot speaks first.</summary>
    Event,

    /// <summary>
    /// An agent hub's <c>handoff.status</c> event activity through the channel (accepted, failed, completed): a dialog
    /// turn that ends or starts the bot's silence while a person has the conversation.
    /// </summary>
    HandoffStatus,
}

/// <summary>Classifies activities by type, case-insensitively as the activity schema asks receivers to compare.</summary>
internal static class ActivityRoutes
{
    public static ActivityRoute Classify(Activity activity)
    {
        if (activity.IsType(ActivityTypes.Message)) return ActivityRoute.Message;
        if (activity.IsType(ActivityTypes.Invoke)) return ActivityRoute.Invoke;
        if (activity.IsType(ActivityTypes.ConversationUpdate) && WelcomeRule.ShouldWelcome(activity)) return ActivityRoute.ConversationStart;
        if (activity.IsWebChatJoin(out _)) return ActivityRoute.ConversationStart;
        if (activity.IsType(ActivityTypes.Event) && string.Equals(activity.Name, EventNames.HandoffStatus, StringComparison.OrdinalIgnoreCase)) return ActivityRoute.HandoffStatus;
        return ActivityRoute.None;
    }
}
