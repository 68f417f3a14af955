using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Invoke;

/// <summary>
/// Teams' <c>fileConsent/invoke</c> (the user accepted or declined a FileConsentCard), acknowledged with 200, an empty
/// body and no reply when no <see cref="IInvokeHandler"/> of the host takes it. The bot never sends FileConsentCards
/// (it sends no files), so there is no upload waiting; a 501 would make Teams show the user an error for a card
/// that, if it exists at all, came from an earlier bot on the same app id.
/// </summary>
internal static class FileConsentInvokes
{
    private static readonly TurnResult Acknowledged = TurnResult.ForInvoke(new InvokeResponse { Status = 200 });

    /// <summary>The 200 answer for a file consent invoke, or null when the activity is not one.</summary>
    public static TurnResult? Answer(Activity activity) =>
        string.Equals(activity.Name, InvokeNames.FileConsent, StringComparison.OrdinalIgnoreCase) ? Acknowledged : null;
}
