using System.Text.Json;
using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.Activities;

/// <summary>Helpers that read an activity the way channels mean it and build the replies they expect.</summary>
public static class ActivityExtensions
{
    /// <summary>
    /// A message answering <paramref name="incoming"/>: from/recipient swapped (roles <c>bot</c> and <c>user</c>), same
    /// conversation, <c>replyToId</c> = the incoming id, and the serviceUrl, channelId and locale the channel needs to
    /// route it. The one place replies are addressed; the bot's dialog replies add their content on top.
    /// </summary>
    public static Activity CreateReply(this Activity incoming, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var reply = CreateResponse(incoming, ActivityTypes.Message);
        reply.Text = text;
        return reply;
    }

    /// <summary>
    /// A typing indicator in the same conversation, shown while the bot works on <paramref name="incoming"/>.
    /// It has no <c>replyToId</c>, so the Connector posts it to the conversation (<c>POST …/activities</c>).
    /// </summary>
    public static Activity CreateTyping(this Activity incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var typing = CreateResponse(incoming, ActivityTypes.Typing);
        typing.ReplyToId = null;
        return typing;
    }

    /// <summary>
    /// An <c>event</c> activity named <paramref name="name"/> in the same conversation, replying to <paramref name="incoming"/>:
    /// a signal for the software at the channel's end (an agent hub's <c>handoff.initiate</c>), never shown as a message.
    /// </summary>
    public static Activity CreateEvent(this Activity incoming, string name, JsonElement? value)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var signal = CreateResponse(incoming, ActivityTypes.Event);
        signal.Name = name;
        signal.Value = value;
        return signal;
    }

    /// <summary>
    /// A <c>trace</c> activity in the same conversation (shown by the Emulator's inspector, never to users): <paramref name="name"/>
    /// and <paramref name="label"/> name it, <paramref name="valueType"/> says what <paramref name="value"/> holds.
    /// </summary>
    public static Activity CreateTrace(this Activity incoming, string name, string label, string valueType, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var trace = CreateResponse(incoming, ActivityTypes.Trace);
        trace.Name = name;
        trace.Label = label;
        trace.ValueType = valueType;
        trace.Value = value;
        return trace;
    }

    /// <summary>True for <c>type == "message"</c> (case-insensitive, as the spec asks receivers to compare).</summary>
    public static bool IsMessage(this Activity activity) => activity.IsType(ActivityTypes.Message);

    /// <summary>
    /// True for a Web Chat <c>postBack</c> click whose value is a string: Web Chat posts the value as the message's
    /// <c>text</c> (hidden from the transcript) with <c>channelData.postBack: true</c> and no <c>value</c>. False for
    /// anything else (typed text, imBack, messageBack, a postBack of an object, which arrives in <c>value</c>).
    /// </summary>
    public static bool IsPostBackText(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Value is null
            && activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("postBack", out var postBack) && postBack.ValueKind == JsonValueKind.True;
    }

    /// <summary>
    /// True for Web Chat's <c>webchat/join</c> event (the page sends it once connected, as the welcome trigger);
    /// <paramref name="language"/> is its <c>value.language</c> (a BCP 47 tag such as <c>de-DE</c>) as
    /// <see cref="LanguageTag.Clean"/> keeps it, null when absent, not a string or not shaped like a language tag.
    /// </summary>
    public static bool IsWebChatJoin(this Activity activity, out string? language)
    {
        ArgumentNullException.ThrowIfNull(activity);
        language = null;
        if (!activity.IsType(ActivityTypes.Event) || !string.Equals(activity.Name, EventNames.WebChatJoin, StringComparison.OrdinalIgnoreCase)) return false;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("language", out var tag)
            && tag.ValueKind == JsonValueKind.String)
        {
            language = LanguageTag.Clean(tag.GetString());
        }
        return true;
    }

    /// <summary>True when the activity's type equals <paramref name="type"/>, ignoring case.</summary>
    public static bool IsType(this Activity activity, string type)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return string.Equals(activity.Type, type, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>mention</c> entities of the activity, skipping malformed ones (no <c>mentioned.id</c>).</summary>
    internal static IReadOnlyList<Mention> GetMentions(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Entities is not { Count: > 0 } entities)
        {
            return [];
        }

        var mentions = new List<Mention>();
        foreach (var entity in entities)
        {
            if (entity is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Properties is null)
            {
                continue;
            }

            if (!entity.Properties.TryGetValue("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var account = new ChannelAccount
            {
                Id = GetString(mentioned, "id"),
                Name = GetString(mentioned, "name"),
                AadObjectId = GetString(mentioned, "aadObjectId"),
                Role = GetString(mentioned, "role"),
            };
            if (string.IsNullOrEmpty(account.Id))
            {
                continue;
            }

            var text = entity.Properties.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            mentions.Add(new Mention(account, text));
        }

        return mentions;
    }

    /// <summary>True when the activity's recipient (the bot) is among the mentioned accounts.</summary>
    public static bool MentionsRecipient(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var botId = activity.Recipient?.Id;
        return !string.IsNullOrEmpty(botId)
            && activity.GetMentions().Any(m => string.Equals(m.Mentioned.Id, botId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The members added by a conversationUpdate other than the bot itself (the users to welcome).</summary>
    public static IReadOnlyList<ChannelAccount> GetMembersAddedOtherThanRecipient(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.MembersAdded is not { Count: > 0 } added)
        {
            return [];
        }

        var botId = activity.Recipient?.Id;
        return added
            .Where(m => m is not null && !string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>
    /// The files and images the user sent (uploads, pasted images, Teams file download info, cards the user forwarded):
    /// every attachment except <c>text/html</c>, which Teams adds as the formatted copy of the message text.
    /// </summary>
    public static IReadOnlyList<Attachment> GetUserFiles(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Attachments is not { Count: > 0 } attachments)
        {
            return [];
        }

        return attachments
            .Where(a => a is not null && !string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>A deep copy through the wire format, so a copy can be changed without touching the original.</summary>
    public static Activity Clone(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return ActivitySerializer.Deserialize(ActivitySerializer.SerializeToUtf8Bytes(activity))!;
    }

    private static Activity CreateResponse(Activity incoming, string type) => new()
    {
        Type = type,
        // The timestamp is set by the channel service; the bot leaves it out.
        ChannelId = incoming.ChannelId,
        ServiceUrl = incoming.ServiceUrl,
        // The roles say who speaks, whatever the incoming activity claimed.
        From = incoming.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" } : null,
        Recipient = incoming.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, AadObjectId = user.AadObjectId, Role = "user" } : null,
        Conversation = Copy(incoming.Conversation),
        ReplyToId = incoming.Id,
        Locale = incoming.Locale,
    };

    // Only the routing fields: the conversation id must stay exactly as the channel sent it.
    private static ConversationAccount? Copy(ConversationAccount? conversation) => conversation is null
        ? null
        : new ConversationAccount
        {
            Id = conversation.Id,
            Name = conversation.Name,
            IsGroup = conversation.IsGroup,
            ConversationType = conversation.ConversationType,
            TenantId = conversation.TenantId,
        };

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
