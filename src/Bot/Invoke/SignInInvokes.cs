using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Bot.Sending;

namespace Chatbot.Bot.Invoke;

/// <summary>
/// The sign-in invokes a channel sends after an OAuth card (<c>signin/verifyState</c>, <c>signin/tokenExchange</c>),
/// acknowledged with 200 when no <see cref="IInvokeHandler"/> of the host takes them: the bot has no OAuth prompt yet,
/// so there is nothing waiting for the token, and a 501 would make Teams show the user an error.
/// </summary>
internal static class SignInInvokes
{
    private static readonly TurnResult Acknowledged = TurnResult.ForInvoke(new InvokeResponse { Status = 200 });

    /// <summary>The 200 answer for a sign-in invoke, or null when the activity is not one.</summary>
    public static TurnResult? Answer(Activity activity)
    {
        if (string.Equals(activity.Name, InvokeNames.SignInVerifyState, StringComparison.OrdinalIgnoreCase)) return Acknowledged;
        if (!string.Equals(activity.Name, InvokeNames.SignInTokenExchange, StringComparison.OrdinalIgnoreCase)) return null;

        // The success shape of a token exchange answer (TokenExchangeInvokeResponse) echoes the request's id and
        // connectionName; the failure shape (412 + failureDetail) would make Teams fall back to a sign-in card nobody asked for.
        return TurnResult.ForInvoke(new InvokeResponse { Status = 200, Body = ExchangeEcho(activity.Value) });
    }

    private static JsonElement? ExchangeEcho(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } request) return null;
        var echo = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["id", "connectionName"])
        {
            if (request.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String && field.GetString() is { } text) echo[name] = text;
        }

        return echo.Count == 0 ? null : JsonSerializer.SerializeToElement(echo, BotJsonElements.Default.DictionaryStringString);
    }
}
