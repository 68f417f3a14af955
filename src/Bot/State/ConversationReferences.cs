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
    /// <remarks>Compared field by field with the activity, without building the reference (a turn asks once or twice).</remarks>
    public static bool IsCurrent(ConversationReference? stored, Activity activity)
    {
        if (stored is null) return false;
        var conversation = activity.Conversation;
        return stored.ServiceUrl == activity.ServiceUrl && stored.ChannelId == activity.ChannelId && stored.Locale == activity.Locale
            && Same(stored.User, activity.From) && Same(stored.Bot, activity.Recipient)
            && stored.Conversation?.Id == conversation?.Id && stored.Conversation?.TenantId == conversation?.TenantId
            && stored.Conversation?.ConversationType == conversation?.ConversationType && stored.Conversation?.IsGroup == conversation?.IsGroup;
    }

    /// <summary>
    /// True when <paramref name="stored"/> is exactly what <see cref="From"/> would build for <paramref name="activity"/>
    /// (the same fields and nothing else), so keeping it writes the same JSON as replacing it; the commit then keeps it.
    /// </summary>
    public static bool IsExactly(ConversationReference? stored, Activity activity) =>
        IsCurrent(stored, activity) && stored!.ActivityId is null && stored.Properties is null
        && Bare(stored.User) && Bare(stored.Bot) && (stored.Conversation is null) == (activity.Conversation is null)
        && stored.Conversation is null or { Name: null, AadObjectId: null, Role: null, Properties: null };

    private static bool Bare(ChannelAccount? account) => account?.Properties is null;

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
        // A reference saved before the reader kept only the language tag may hold the locale as the channel sent it.
        activity.Locale = LanguageTag.Clean(reference.Locale);
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
