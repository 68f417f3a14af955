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

    /// <summary>
    /// The 400 Universal Actions error for an <c>adaptiveCard/action</c> that carries no Action.Execute (no value, no
    /// action, or another action type such as Action.Submit), as the Bot Framework SDK answers it:
    /// <c>{ statusCode: 400, type: application/vnd.microsoft.error, value: { code, message } }</c>. Null for any other
    /// invoke, and for an Execute (ours runs the dialogs, another card's keeps the 501 of an invoke nobody handles).
    /// </summary>
    public static TurnResult? Refusal(Activity activity)
    {
        if (!string.Equals(activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.OrdinalIgnoreCase)) return null;
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value) return Error("BadRequest", "The invoke has no value object.");
        if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object) return Error("BadRequest", "The invoke value has no action.");
        var type = action.TryGetProperty("type", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
        if (type == "Action.Execute") return null;

        // The type comes from the caller: shown shortened, it cannot make the answer large.
        var shown = type is null ? "(none)" : type.Length > 64 ? type[..64] + "…" : type;
        return Error("NotSupported", $"The action type '{shown}' is not supported; adaptiveCard/action takes Action.Execute.");
    }

    private static TurnResult Error(string code, string message)
    {
        var body = new JsonObject
        {
            ["statusCode"] = 400,
            ["type"] = "application/vnd.microsoft.error",
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
        return TurnResult.ForInvoke(new InvokeResponse { Status = 400, Body = JsonSerializer.SerializeToElement(body, BotJsonElements.Default.JsonObject) });
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
