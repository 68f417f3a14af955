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
            // The tag is markup, so the reply cannot be plain text: a reply the author did not write in Markdown goes as
            // Teams' XML (HTML) with its text encoded, or a value the user gave ("<img src=…>", "[win](https://…)",
            // "Smith &amp; Sons") would show as the bot's own markup.
            var text = reply.Markdown ? reply.Text : XmlText(reply.Text);
            activity.Text = string.IsNullOrEmpty(text) ? tag : tag + " " + text;
            if (!reply.Markdown) activity.TextFormat = Xml;
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
        var teams = incoming.FromTeams();
        var attachments = reply.Cards.Select(c => new Attachment { ContentType = c.ContentType, Content = teams ? ForTeams(c) : c.Content }).ToList();
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

    /// <summary>Teams' <c>textFormat</c> for its subset of HTML, in which an <c>&lt;at&gt;</c> mention is markup and text is encoded.</summary>
    public const string Xml = "xml";

    /// <summary>Plain text as Teams' XML shows it: encoded, its line breaks kept (HTML would join the lines).</summary>
    internal static string? XmlText(string? text) =>
        string.IsNullOrEmpty(text) ? text : System.Net.WebUtility.HtmlEncode(text).ReplaceLineEndings("<br/>");

    /// <summary>
    /// A card as Teams shows it. A hero card's text is HTML in Teams, not Markdown as in Web Chat and the Emulator: the
    /// dialogs' Markdown escapes ("\[win\]") would show their backslashes and leave "&lt;img …&gt;" a picture, so the
    /// text goes without them, encoded (the author's Markdown, which Teams does not render in a hero card, shows as written).
    /// </summary>
    private static JsonElement ForTeams(ReplyCard card)
    {
        if (card.ContentType != ReplyCard.HeroContentType || card.Content.ValueKind != JsonValueKind.Object
            || !card.Content.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            return card.Content;
        }

        var hero = JsonSerializer.Deserialize(card.Content, BotJsonElements.Default.JsonObject)!;
        hero["text"] = XmlText(Unescaped(text.GetString()!));
        return JsonSerializer.SerializeToElement(hero, BotJsonElements.Default.JsonObject);
    }

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // CommonMark's backslash escapes undone: a backslash before ASCII punctuation is the punctuation alone.
    private static string Unescaped(string markdown)
    {
        if (!markdown.Contains('\\', StringComparison.Ordinal)) return markdown;
        var text = new System.Text.StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && AsciiPunctuation.Contains(markdown[i + 1])) i++;
            text.Append(markdown[i]);
        }

        return text.ToString();
    }

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
