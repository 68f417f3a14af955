using Chatbot.Channels.Activities;

namespace Chatbot.Testing;

/// <summary>Activities of one conversation as a channel posts them (ids, accounts, serviceUrl filled in).</summary>
public sealed class ChannelConversation(string channelId, string conversationId, string serviceUrl)
{
    public const string BotId = "bot-1";
    public const string UserId = "user-1";

    public string ChannelId { get; } = channelId;

    public string Id { get; } = conversationId;

    /// <summary>An Emulator conversation (<c>emulator</c>, <c>&lt;uuid&gt;|livechat</c>) replying to <paramref name="serviceUrl"/>.</summary>
    public static ChannelConversation Emulator(string serviceUrl) => new("emulator", $"{Guid.NewGuid()}|livechat", serviceUrl);

    /// <summary>A message the user types.</summary>
    public Activity Message(string id, string text)
    {
        var activity = Activity(ActivityTypes.Message, id);
        activity.Text = text;
        return activity;
    }

    /// <summary>What the Emulator posts on connect: the bot and the user join (or only the members given).</summary>
    public Activity Connect(string id, params string[] members)
    {
        var activity = Activity(ActivityTypes.ConversationUpdate, id);
        activity.MembersAdded = members.Length > 0
            ? [.. members.Select(m => new ChannelAccount { Id = m })]
            : [new() { Id = BotId, Name = "Bot" }, new() { Id = UserId, Name = "User" }];
        return activity;
    }

    private Activity Activity(string type, string id) => new()
    {
        Type = type,
        Id = id,
        ChannelId = ChannelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = UserId, Name = "User", Role = "user" },
        Recipient = new ChannelAccount { Id = BotId, Name = "Bot", Role = "bot" },
        Conversation = new ConversationAccount { Id = Id },
        Locale = "en-US",
        Timestamp = DateTimeOffset.UtcNow,
    };
}
