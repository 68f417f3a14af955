using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Invoke;

/// <summary>
/// The answer to an invoke nobody handles (an Action.Execute of a card the bot did not send, a task module, a message
/// extension, <c>config/fetch</c>, a name nobody knows): 200 with the body shape the invoke's name expects, carrying a
/// short notice. A 501 or an empty body makes Teams show the user "Something went wrong" with no hint why; the notice
/// is what Teams shows instead (in the card, the task module or the message extension).
/// </summary>
internal static class UnhandledInvokes
{
    private const string English = "This bot cannot do that here. Please write to it in the chat instead.";
    private const string German = "Das kann dieser Bot hier nicht. Bitte schreiben Sie ihm stattdessen im Chat.";

    /// <summary>The 200 answer for an invoke no handler took, in the shape its name expects.</summary>
    public static TurnResult Answer(Activity activity)
    {
        var notice = activity.Locale is { } locale && locale.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German : English;
        var name = activity.Name ?? "";
        JsonObject body;
        if (IsName(name, InvokeNames.AdaptiveCardAction))
        {
            // Universal Actions: a message type is shown to the user where the card is.
            body = new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = notice };
        }
        else if (name.StartsWith("task/", StringComparison.OrdinalIgnoreCase)
            || IsName(name, "composeExtension/fetchTask") || IsName(name, "composeExtension/submitAction"))
        {
            // Dialogs (task modules) and action message extensions: a message task is shown in the dialog.
            body = new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = notice } };
        }
        else if (name.StartsWith("composeExtension/", StringComparison.OrdinalIgnoreCase))
        {
            // Search message extensions: a message result is shown in the extension's result list.
            body = new JsonObject { ["composeExtension"] = new JsonObject { ["type"] = "message", ["text"] = notice } };
        }
        else
        {
            // Names with no message shape of their own (config/fetch, actionableMessage/executeAction, unknown or
            // missing names): the Universal Actions error shape says what happened, under a 200 Teams does not flag.
            body = new JsonObject
            {
                ["statusCode"] = 501,
                ["type"] = "application/vnd.microsoft.error",
                ["value"] = new JsonObject { ["code"] = "NotImplemented", ["message"] = notice },
            };
        }

        return TurnResult.ForInvoke(new InvokeResponse { Status = 200, Body = JsonSerializer.SerializeToElement(body, BotJsonElements.Default.JsonObject) });
    }

    private static bool IsName(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
