using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Teams;

namespace Chatbot.Bot.Middleware.Mentions;

/// <summary>
/// Prepares the message text for the dialogs (Channels' Teams normaliser, <c>GetUserText</c>): removes the bot's own
/// <c>&lt;at&gt;…&lt;/at&gt;</c> mention and Teams' quoted-reply placeholder, and reads markup, other people's mentions and
/// Teams' HTML entities as the text they show, so neither is taken as words nor repeated back. The text is already
/// bounded by <c>Limits:MaxTextLength</c> when the activity was read, cut before any markup the limit fell into.
/// </summary>
internal sealed class MentionCleanupTurnHandler(ITurnHandler inner) : DelegatingTurnHandler(inner)
{
    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Route == ActivityRoute.Message && turn.Text is not null)
        {
            turn.Text = turn.Activity.GetUserText() ?? "";
        }

        return Inner.HandleAsync(turn, cancellationToken);
    }
}
