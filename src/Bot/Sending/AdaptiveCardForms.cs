using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Sending;

/// <summary>
/// Renders a dialog's <see cref="ReplyForm"/> for a channel: an Adaptive Card 1.5 whose inputs are named after the slots
/// and whose <c>Action.Submit</c> posts them back as the message's <c>value</c> (read by the dialogs like typed answers);
/// on channels without Adaptive Cards, a plain-text list of what to answer.
/// </summary>
internal static class AdaptiveCardForms
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>The submit data key naming the response whose form was sent; not a valid slot id, so it can never fill a slot.</summary>
    public const string FormKey = "chatbot.form";

    /// <summary>Teams, Web Chat (Direct Line) and the Emulator render Adaptive Cards 1.5; other channels get text.</summary>
    public static bool Renders(string? channelId) => CardChannels.Contains(channelId ?? "", StringComparer.OrdinalIgnoreCase);

    private static readonly string[] CardChannels =
    [
        Chatbot.Channels.Activities.Channels.MsTeams, Chatbot.Channels.Activities.Channels.WebChat,
        Chatbot.Channels.Activities.Channels.DirectLine, Chatbot.Channels.Activities.Channels.Emulator,
    ];

    /// <summary>The form as an Adaptive Card (content of an attachment of type <see cref="ContentType"/>); the reply's text stays the message text.</summary>
    public static JsonElement Card(ReplyForm form, string? responseId)
    {
        var body = new JsonArray([.. form.Fields.Select(f => (JsonNode)Input(f))]);
        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = form.SubmitTitle, ["data"] = FormData(responseId) };
        return Serialize(body, new JsonArray(submit));
    }

    /// <summary>
    /// The card that replaces a card after its <c>Action.Execute</c> (Universal Actions): the turn's replies as text
    /// blocks, the last reply's form (if any) as inputs, and its submit and every button as <c>Action.Execute</c>, so
    /// the conversation goes on inside the card.
    /// </summary>
    public static JsonElement Refreshed(IReadOnlyList<Reply> replies)
    {
        var body = new JsonArray();
        var actions = new JsonArray();
        foreach (var reply in replies.Where(r => !string.IsNullOrEmpty(r.Text)))
        {
            body.Add(Shown(reply));
        }
        if (replies.LastOrDefault(r => r.Form is not null) is { Form: { } form } asking)
        {
            foreach (var field in form.Fields) body.Add(Input(field));
            actions.Add(new JsonObject { ["type"] = "Action.Execute", ["verb"] = SubmitVerb, ["title"] = form.SubmitTitle, ["data"] = FormData(asking.ResponseId) });
        }
        foreach (var button in replies.Count > 0 ? replies[^1].Buttons : [])
        {
            // {"value": …} is how a click arrives from a postBack too: the dialogs take it as that button.
            actions.Add(new JsonObject { ["type"] = "Action.Execute", ["verb"] = ButtonVerb, ["title"] = button.Title, ["data"] = new JsonObject { ["value"] = button.Value } });
        }
        return Serialize(body, actions);
    }

    /// <summary>
    /// A reply's text in a card: the author's Markdown as a <c>TextBlock</c>, which renders it; any other text as a
    /// <c>RichTextBlock</c> of one <c>TextRun</c>, which shows it as written (the schema: "Markdown is not supported"),
    /// so a value the user typed and the reply repeats ("[win](https://…)") is no link in the card.
    /// </summary>
    private static JsonObject Shown(Reply reply) => reply.Markdown
        ? new JsonObject { ["type"] = "TextBlock", ["text"] = reply.Text, ["wrap"] = true }
        : new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = reply.Text }) };

    /// <summary>The verbs of the actions in refreshed cards (Action.Execute needs one to tell actions apart).</summary>
    public const string SubmitVerb = "chatbot.submit";

    /// <inheritdoc cref="SubmitVerb"/>
    public const string ButtonVerb = "chatbot.button";

    private static JsonObject FormData(string? responseId)
    {
        var data = new JsonObject();
        if (responseId is not null) data[FormKey] = responseId;
        return data;
    }

    private static JsonElement Serialize(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["body"] = body,
            ["actions"] = actions,
        };
        return JsonSerializer.SerializeToElement(card, BotJsonElements.Default.JsonObject);
    }

    /// <summary>The reply's text followed by one line per field (with its choices or range), for channels without cards.</summary>
    public static string Text(string? text, ReplyForm form)
    {
        var builder = new StringBuilder(text);
        foreach (var field in form.Fields)
        {
            if (builder.Length > 0) builder.Append('\n');
            builder.Append("- ").Append(field.Label);
            if (field.Choices.Count > 0) builder.Append(": ").AppendJoin(", ", field.Choices.Select(c => c.Title));
            else if (field.Min is { } min && field.Max is { } max) builder.Append(" (").Append(Number(min)).Append('–').Append(Number(max)).Append(')');
        }
        return builder.ToString();
    }

    private static JsonObject Input(ReplyFormField field)
    {
        var input = new JsonObject { ["id"] = field.Slot, ["label"] = field.Label };
        switch (field.Kind)
        {
            case "enum":
                input["type"] = "Input.ChoiceSet";
                // Few choices read best as radio buttons; more as a drop-down.
                input["style"] = field.Choices.Count <= 4 ? "expanded" : "compact";
                input["choices"] = new JsonArray([.. field.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
                break;
            case "integer" or "number":
                input["type"] = "Input.Number";
                if (field.Min is { } min) input["min"] = min;
                if (field.Max is { } max) input["max"] = max;
                if (field.Value is { } n && double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    input["value"] = number;
                    return input;
                }
                break;
            case "date" or "time":
                // The picker greys out what the slot type's min/max refuse; the parser still checks what comes back.
                input["type"] = field.Kind == "date" ? "Input.Date" : "Input.Time";
                if (field.Earliest is { } earliest) input["min"] = earliest;
                if (field.Latest is { } latest) input["max"] = latest;
                break;
            case "boolean":
                input["type"] = "Input.Toggle";
                input["title"] = field.Label;
                input["valueOn"] = "true";
                input["valueOff"] = "false";
                break;
            default:
                input["type"] = "Input.Text";
                if (field.Sensitive) input["style"] = "Password";
                else if (field.Kind == "email") input["style"] = "Email";
                if (field.Pattern is { } pattern) input["regex"] = pattern;
                break;
        }
        if (field.Value is { } value) input["value"] = value;
        return input;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
