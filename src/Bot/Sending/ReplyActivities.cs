using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Teams;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;

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
        var cardForm = reply.Form is not null && AdaptiveCardForms.Renders(incoming.ChannelId);
        if (reply.Form is { } textForm && !cardForm)
        {
            reply = reply with { Text = AdaptiveCardForms.Text(reply.Text, textForm), Form = null };
        }
        var activity = incoming.CreateReply(reply.Text);
        // "de" on a German reply to an en-US browser (the conversation follows the user's writing, not the channel's
        // locale); the channel's own, more specific tag when the languages agree ("en-US" for an English reply).
        if (reply.Language is { Length: > 0 } language && !SameLanguage(language, incoming.Locale)) activity.Locale = language;
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
        else if (!reply.Markdown && !string.IsNullOrEmpty(activity.Text))
        {
            activity.TextFormat = PlainText;
        }

        activity.InputHint = reply.ExpectsInput ? ExpectingInput : AcceptingInput;
        var attachments = reply.Cards.Select(c => new Attachment { ContentType = c.ContentType, Content = c.Content }).ToList();
        if (reply.Buttons.Count > 0 && ButtonsAsCard(incoming, reply.Buttons.Count))
        {
            attachments.Add(new Attachment { ContentType = ReplyCard.HeroContentType, Content = HeroCard(reply.Buttons) });
        }
        else if (reply.Buttons.Count > 0)
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

        if (cardForm) attachments.Add(new Attachment { ContentType = AdaptiveCardForms.ContentType, Content = AdaptiveCardForms.Card(reply.Form!, reply.ResponseId) });
        if (attachments.Count > 0) activity.Attachments = attachments;

        return activity;
    }

    /// <summary>
    /// The <c>handoff.initiate</c> event that follows a handoff reply, for an agent hub at the channel's end (Direct Line,
    /// Web Chat, the Emulator's log): the task, what the user gave for it and the reply's language as its value, the
    /// last lines of the conversation (sensitive values masked) as a <c>Transcript</c> attachment. Null for other
    /// replies, and on Teams, whose service refuses event activities from a bot with 400.
    /// </summary>
    public static Activity? ToHandoffEvent(Activity incoming, Reply reply)
    {
        if (reply.HandoffContext is not { } context || incoming.FromTeams()) return null;
        var value = new JsonObject { ["flow"] = context.Flow, ["label"] = context.FlowLabel, ["given"] = context.Given, ["language"] = reply.Language };
        var lines = context.Transcript.Select(line => (JsonNode)new JsonObject
        {
            ["type"] = ActivityTypes.Message,
            ["from"] = new JsonObject { ["role"] = line.Speaker == "bot" ? "bot" : "user" },
            ["text"] = line.Text,
        });
        var handoff = incoming.CreateEvent(EventNames.HandoffInitiate, JsonSerializer.SerializeToElement(value, BotJsonElements.Default.JsonObject));
        handoff.Attachments =
        [
            new Attachment
            {
                ContentType = "application/json",
                Name = "Transcript",
                Content = JsonSerializer.SerializeToElement(new JsonObject { ["activities"] = new JsonArray([.. lines]) }, BotJsonElements.Default.JsonObject),
            },
        ];
        return handoff;
    }

    private static bool SameLanguage(string language, string? locale) =>
        locale is { Length: > 0 } && LanguageDetector.Primary(language) == LanguageDetector.Primary(locale);

    /// <summary>
    /// The <c>textFormat</c> of text shown as written, without Markdown or HTML: every reply but one the author wrote in
    /// Markdown (<see cref="Reply.Markdown"/>). Teams, Web Chat and the Emulator read a reply without <c>textFormat</c>
    /// as Markdown (Web Chat and Teams with HTML), so a value the user gave and the reply repeats ("Flat &lt;3&gt;",
    /// "Smith &amp;amp; Sons", "[prize](https://…)", "&lt;img src=…&gt;") lost its angle brackets or came out as a link
    /// or picture in the bot's own message. A reply mentioning the user keeps the default: its <c>&lt;at&gt;</c> tag is markup.
    /// </summary>
    public const string PlainText = "plain";

    /// <summary>
    /// Teams shows suggested actions only in a personal chat, and only the first three: in a team channel or group chat,
    /// or with more buttons, the buttons travel as a hero card's <c>imBack</c> actions instead (a click sends the same
    /// message, visible to everyone in the chat), so the user always sees every choice.
    /// </summary>
    private static bool ButtonsAsCard(Activity incoming, int count) =>
        incoming.InTeamsGroup()
        || (count > 3 && incoming.FromTeams());

    private static JsonElement HeroCard(IReadOnlyList<ReplyButton> buttons)
    {
        var actions = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
        {
            ["type"] = "imBack",
            ["title"] = b.Title,
            ["value"] = b.Value,
        })]);
        return JsonSerializer.SerializeToElement(new JsonObject { ["buttons"] = actions }, BotJsonElements.Default.JsonObject);
    }
}
