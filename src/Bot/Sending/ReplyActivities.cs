using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Sending;

/// <summary>Turns the dialogs' replies into channel messages (addressed by Channels' <c>CreateReply</c>).</summary>
internal static class ReplyActivities
{
    public const string ExpectingInput = "expectingInput";
    public const string AcceptingInput = "acceptingInput";

    /// <summary>
    /// A message replying to <paramref name="incoming"/> with the reply's text, input hint, buttons and cards; with
    /// <paramref name="mentionUser"/>, the text starts with an @mention of the user who wrote (Teams' mention entity).
    /// </summary>
    public static Activity ToMessage(Activity incoming, Reply reply, bool mentionUser = false)
    {
        var activity = incoming.CreateReply(reply.Text);
        if (mentionUser && incoming.From is { Id: { Length: > 0 } mentionedId, Name: { Length: > 0 } name })
        {
            // Teams renders <at>name</at> as a mention only together with an entity naming the same text and account.
            var tag = "<at>" + System.Net.WebUtility.HtmlEncode(name) + "</at>";
            activity.Text = string.IsNullOrEmpty(reply.Text) ? tag : tag + " " + reply.Text;
            activity.Entities =
            [
                new Entity
                {
                    Type = "mention",
                    Properties = new Dictionary<string, JsonElement>
                    {
                        ["text"] = JsonSerializer.SerializeToElement(tag, BotJsonElements.Default.String),
                        ["mentioned"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["id"] = mentionedId, ["name"] = name }, BotJsonElements.Default.DictionaryStringString),
                    },
                },
            ];
        }

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
