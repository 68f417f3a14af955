using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Sending;

/// <summary>Turns the dialogs' replies into channel messages (addressed by Channels' <c>CreateReply</c>).</summary>
internal static class ReplyActivities
{
    public const string ExpectingInput = "expectingInput";
    public const string AcceptingInput = "acceptingInput";

    /// <summary>A message replying to <paramref name="incoming"/> with the reply's text, input hint, buttons and cards.</summary>
    public static Activity ToMessage(Activity incoming, Reply reply)
    {
        var activity = incoming.CreateReply(reply.Text);
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
}
