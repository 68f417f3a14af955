using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
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
    /// below the strictest published figure with room left for the envelope, a mention, buttons and cards. Counted as the
    /// text is sent when it carries a mention (Teams' XML, encoded: "&amp;" is five units), the longest form a reply takes.
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
        if (turn.Replies.TrueForAll(r => SentLength(r.Text) <= MaxTextLength))
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
        if (reply.Text is not { } text || SentLength(text) <= max)
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

    // A reply may go out encoded (with a mention: Teams' XML), so its length is measured in that form.
    private static int SentLength(string? text) => ReplyActivities.XmlText(text)?.Length ?? 0;

    /// <summary>
    /// Cuts at the last sentence end (., !, ? or a line break, then whitespace) within the limit; else at the last
    /// whitespace; else at the limit, never inside a surrogate pair. The limit holds for each part as sent (encoded
    /// when it carries a mention), so a text full of "&amp;" or "&lt;" is cut shorter. Parts are trimmed and never empty.
    /// </summary>
    internal static List<string> SplitText(string text, int max)
    {
        var parts = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > 1 && SentLength(rest.ToString()) > max)
        {
            // Characters first; a part that grows past the limit when encoded is cut again, shorter in proportion.
            var limit = Math.Min(max, rest.Length - 1);
            while (true)
            {
                var cut = CutWithin(rest, limit);
                var part = rest[..cut].TrimEnd().ToString();
                var sent = SentLength(part);
                if (sent <= max || limit <= 1)
                {
                    parts.Add(part);
                    rest = rest[cut..].TrimStart();
                    break;
                }

                limit = Math.Max(1, Math.Min(limit - 1, (int)((long)limit * max / sent)));
            }
        }

        if (rest.Length > 0) parts.Add(rest.ToString());
        return parts;
    }

    // Where to cut the first part of at most `limit` characters from `rest` (longer than `limit`).
    private static int CutWithin(ReadOnlySpan<char> rest, int limit)
    {
        var window = rest[..(limit + 1)]; // one past the limit: a boundary right at the limit counts
        var cut = LastSentenceEnd(window);
        if (cut <= 0) cut = window.LastIndexOfAny(' ', '\t', '\n') is var space and > 0 ? space : 0;
        if (cut <= 0) cut = limit > 1 && char.IsHighSurrogate(rest[limit - 1]) ? limit - 1 : limit;
        return cut;
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
