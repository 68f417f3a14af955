using Chatbot.Channels.Activities;
using Chatbot.Channels.Teams;

namespace Chatbot.Bot.Pipeline;

/// <summary>Decides whether a <c>conversationUpdate</c> deserves a welcome.</summary>
/// <remarks>
/// One welcome per activity when anyone other than the bot (<c>recipient.id</c>) was added; the Emulator's connect
/// (bot and user in one <c>membersAdded</c>) therefore greets exactly once. An update that only adds the bot greets
/// nobody, except on Teams, where that is how an install arrives and no other "user added" event follows in a personal chat.
/// In a Teams team or group chat it is the other way round: the bot greets once, when it is added itself; people joining
/// the team or chat later (<c>teamMemberAdded</c>) are not greeted, or every new colleague would post the bot's
/// introduction to the whole channel.
/// </remarks>
internal static class WelcomeRule
{
    public static bool ShouldWelcome(Activity activity)
    {
        if (activity.MembersAdded is not { Count: > 0 } added) return false;
        var botId = activity.Recipient?.Id;
        var anyoneElse = added.Any(m => m?.Id is { } id && !string.Equals(id, botId, StringComparison.Ordinal));
        if (!activity.FromTeams()) return anyoneElse;
        var botAdded = botId is not null && added.Any(m => string.Equals(m?.Id, botId, StringComparison.Ordinal));
        return botAdded || (anyoneElse && !activity.InTeamsGroup());
    }
}
