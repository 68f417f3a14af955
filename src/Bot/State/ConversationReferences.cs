using Chatbot.Channels.Activities;

namespace Chatbot.Bot.State;

/// <summary>
/// The conversation reference kept in each conversation's document: where and to whom the bot can write without being
/// written to first (service URL, channel, conversation with tenant, bot, user, locale). Only ids and names are kept,
/// never message content, so the document stays small.
/// </summary>
internal static class ConversationReferences
{
    /// <summary>The reference an inbound activity gives: the user wrote from <c>from</c> to the bot at <c>recipient</c>.</summary>
    public static ConversationReference From(Activity activity) => new()
    {
        ChannelId = activity.ChannelId,
        ServiceUrl = activity.ServiceUrl,
        Locale = activity.Locale,
        User = Account(activity.From),
        Bot = Account(activity.Recipient),
        Conversation = activity.Conversation is { } c
            ? new ConversationAccount { Id = c.Id, IsGroup = c.IsGroup, ConversationType = c.ConversationType, TenantId = c.TenantId }
            : null,
    };

    /// <summary>True when the stored reference already says what <paramref name="activity"/> would store.</summary>
    public static bool IsCurrent(ConversationReference? stored, Activity activity)
    {
        if (stored is null) return false;
        var now = From(activity);
        return stored.ServiceUrl == now.ServiceUrl && stored.ChannelId == now.ChannelId && stored.Locale == now.Locale
            && Same(stored.User, now.User) && Same(stored.Bot, now.Bot)
            && stored.Conversation?.Id == now.Conversation?.Id && stored.Conversation?.TenantId == now.Conversation?.TenantId
            && stored.Conversation?.ConversationType == now.Conversation?.ConversationType && stored.Conversation?.IsGroup == now.Conversation?.IsGroup;
    }

    /// <summary>
    /// Addresses an event turn's activity as if the user had just written from the reference, so its replies take the
    /// same path as any reply (ReplySender, the Connector's outbound token and service-URL allow-list), posted to the
    /// conversation rather than as a reply to an activity.
    /// </summary>
    public static void Address(Activity activity, ConversationReference reference)
    {
        activity.ServiceUrl = reference.ServiceUrl;
        activity.From = Account(reference.User);
        activity.Recipient = Account(reference.Bot);
        activity.Locale = reference.Locale;
        if (reference.Conversation is { } c)
        {
            activity.Conversation = new ConversationAccount { Id = c.Id, IsGroup = c.IsGroup, ConversationType = c.ConversationType, TenantId = c.TenantId };
        }
    }

    private static ChannelAccount? Account(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount { Id = account.Id, Name = account.Name, AadObjectId = account.AadObjectId, Role = account.Role };

    private static bool Same(ChannelAccount? a, ChannelAccount? b) =>
        a?.Id == b?.Id && a?.Name == b?.Name && a?.AadObjectId == b?.AadObjectId && a?.Role == b?.Role;
}
