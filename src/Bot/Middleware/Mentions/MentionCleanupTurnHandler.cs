using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Teams;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Mentions;

/// <summary>
/// Prepares the message text for the dialogs: removes the bot's own <c>&lt;at&gt;…&lt;/at&gt;</c> mention (Channels' Teams normaliser) and
/// limits its length (<c>Limits:MaxTextLength</c>; longer text is truncated rather than rejected so the user still gets an answer).
/// </summary>
internal sealed class MentionCleanupTurnHandler(ITurnHandler inner, IOptions<LimitsOptions> limits) : DelegatingTurnHandler(inner)
{
    private readonly int _maxTextLength = limits.Value.MaxTextLength;

    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type == ActivityTypes.Message && turn.Text is { } text)
        {
            text = turn.Activity.GetTextWithoutRecipientMention() ?? "";
            if (text.Length > _maxTextLength)
            {
                // Do not cut a surrogate pair in half.
                var cut = char.IsHighSurrogate(text[_maxTextLength - 1]) ? _maxTextLength - 1 : _maxTextLength;
                text = text[..cut];
            }

            turn.Text = text;
        }

        return Inner.HandleAsync(turn, cancellationToken);
    }
}
