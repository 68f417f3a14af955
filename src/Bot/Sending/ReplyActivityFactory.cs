using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Sending;

/// <summary>Turns the dialogs' replies into channel activities addressed back to the sender.</summary>
internal static class ReplyActivityFactory
{
    public const string ExpectingInput = "expectingInput";
    public const string AcceptingInput = "acceptingInput";

    /// <summary>A message replying to <paramref name="incoming"/>: from/recipient swapped, same conversation, replyToId set.</summary>
    public static Activity CreateMessage(Activity incoming, Reply reply)
    {
        var activity = CreateBase(incoming, ActivityTypes.Message);
        activity.Text = reply.Text;
        activity.InputHint = reply.ExpectsInput ? ExpectingInput : AcceptingInput;
        if (reply.Buttons.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                To = incoming.From?.Id is { } userId ? [userId] : null,
                Actions = reply.Buttons.Select(b => new CardAction
                {
                    Type = "imBack",
                    Title = b.Title,
                    Value = JsonSerializer.SerializeToElement(b.Value, BotJsonElements.Default.String),
                }).ToList(),
            };
        }

        if (reply.Cards.Count > 0)
        {
            activity.Attachments = reply.Cards.Select(c => new Attachment { ContentType = c.ContentType, Content = c.Content }).ToList();
        }

        return activity;
    }

    /// <summary>A typing indicator in the same conversation.</summary>
    public static Activity CreateTyping(Activity incoming)
    {
        var activity = CreateBase(incoming, ActivityTypes.Typing);
        activity.ReplyToId = null; // typing goes to the conversation, not as a reply
        return activity;
    }

    private static Activity CreateBase(Activity incoming, string type) => new()
    {
        Type = type,
        ServiceUrl = incoming.ServiceUrl,
        ChannelId = incoming.ChannelId,
        From = incoming.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" } : null,
        Recipient = incoming.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, AadObjectId = user.AadObjectId, Role = "user" } : null,
        Conversation = incoming.Conversation is { } c
            ? new ConversationAccount { Id = c.Id, Name = c.Name, IsGroup = c.IsGroup, ConversationType = c.ConversationType, TenantId = c.TenantId }
            : null,
        ReplyToId = incoming.Id,
        Locale = incoming.Locale,
    };
}
