using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Invoke;

/// <summary>
/// Adaptive Card Universal Actions (<c>adaptiveCard/action</c> with an <c>Action.Execute</c>) when no host
/// <see cref="IInvokeHandler"/> takes them: the action's data goes through the dialogs like a card's Action.Submit, and
/// the answer is the Universal Actions response, <c>{ statusCode: 200, type: application/vnd.microsoft.card.adaptive,
/// value: card }</c>, whose card replaces the one the user clicked and carries the turn's replies.
/// </summary>
internal static class CardExecuteInvokes
{
    /// <summary>
    /// The action's data when the activity is an Action.Execute of one of the bot's own cards (its verbs, or a form's data); else null, so
    /// Execute actions of cards the bot did not send keep the 501 of an invoke nobody handles.
    /// </summary>
    public static JsonElement? Data(Activity activity)
    {
        if (!string.Equals(activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.OrdinalIgnoreCase)
            || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute"
            || !action.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var ours = action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() is AdaptiveCardForms.SubmitVerb or AdaptiveCardForms.ButtonVerb;
        return ours || data.TryGetProperty(AdaptiveCardForms.FormKey, out _) ? data : null;
    }

    /// <summary>The 200 invoke answer carrying the refreshed card.</summary>
    public static TurnResult Answer(IReadOnlyList<Reply> replies)
    {
        var body = new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = AdaptiveCardForms.ContentType,
            ["value"] = JsonNode.Parse(AdaptiveCardForms.Refreshed(replies).GetRawText()),
        };
        return TurnResult.ForInvoke(new InvokeResponse { Status = 200, Body = JsonSerializer.SerializeToElement(body, BotJsonElements.Default.JsonObject) });
    }
}
