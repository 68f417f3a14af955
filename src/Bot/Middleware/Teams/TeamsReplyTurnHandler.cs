using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Teams;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Middleware.Teams;

/// <summary>
/// Fits a turn's replies to Teams before they are committed: a text longer than Teams accepts in one message is split
/// into several replies at sentence boundaries (buttons, cards and the input hint stay on the last part), so each part
/// gets its own stable reply id and is delivered exactly once like any other reply. Other channels are left alone.
/// </summary>
internal sealed class TeamsReplyTurnHandler(ITurnHandler inner) : DelegatingTurnHandler(inner)
{
    /// <summary>
    /// Longest reply text sent to Teams in one message, in UTF-16 code units. Teams refuses bot messages over its size
    /// limit with 413 MessageSizeTooBig, counting the whole payload encoded as UTF-16 ("Format your bot messages",
    /// learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages: 100 KB now, 80 KB recommended;
    /// earlier versions of the page said 40 KB, and 28 KB is still quoted). 12,000 characters are 24 KB in UTF-16:
    /// below the strictest published figure with room left for the envelope, a mention, buttons and cards.
    /// </summary>
    internal const int MaxTextLength = 12_000;

    // Another channel: the inner handler's task itself, no state machine of this stage (issue 19).
    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.Activity.FromTeams()
            ? FitAsync(turn, cancellationToken)
            : Inner.HandleAsync(turn, cancellationToken);

    private async Task<TurnResult> FitAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        if (turn.Replies.TrueForAll(r => (r.Text?.Length ?? 0) <= MaxTextLength))
        {
            return result;
        }

        var fitted = turn.Replies.SelectMany(r => Split(r, MaxTextLength)).ToList();
        turn.Replies.Clear();
        turn.Replies.AddRange(fitted);
        return result;
    }

    /// <summary>The reply as one or more replies whose texts are at most <paramref name="max"/> long.</summary>
    internal static IEnumerable<Reply> Split(Reply reply, int max)
    {
        if (reply.Text is not { } text || text.Length <= max)
        {
            yield return reply;
            yield break;
        }

        var parts = SplitText(text, max);
        // The parts before the last are text alone: what the user acts on (buttons, cards, a form, the wait for an
        // answer, the handoff) comes once, after the whole text.
        var leading = reply with { Buttons = [], Cards = [], Form = null, ExpectsInput = false, Handoff = false, HandoffContext = null };
        for (var i = 0; i < parts.Count - 1; i++)
        {
            yield return leading with { Text = parts[i] };
        }

        yield return reply with { Text = parts[^1] };
    }

    /// <summary>
    /// Cuts at the last sentence end (., !, ? or a line break, then whitespace) within the limit; else at the last
    /// whitespace; else at the limit, never inside a surrogate pair. Parts are trimmed and never empty.
    /// </summary>
    internal static List<string> SplitText(string text, int max)
    {
        var parts = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > max)
        {
            var window = rest[..(max + 1)]; // one past the limit: a boundary right at the limit counts
            var cut = LastSentenceEnd(window);
            if (cut <= 0) cut = window.LastIndexOfAny(' ', '\t', '\n') is var space and > 0 ? space : 0;
            if (cut <= 0) cut = char.IsHighSurrogate(rest[max - 1]) ? max - 1 : max;
            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0) parts.Add(rest.ToString());
        return parts;
    }

    // The index just after the last ". ", "! ", "? " (or one of them at the very end) or line break in the span.
    private static int LastSentenceEnd(ReadOnlySpan<char> span)
    {
        for (var i = span.Length - 1; i > 0; i--)
        {
            if (span[i] == '\n') return i + 1;
            if (span[i - 1] is '.' or '!' or '?' or '。' && char.IsWhiteSpace(span[i])) return i;
        }

        return 0;
    }
}
