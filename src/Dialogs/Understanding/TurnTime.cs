namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The one rule for how long a model call inside a turn may take. A turn that must answer its channel by a time
/// (<see cref="UnderstandingRequest.AnswerBy"/>, <see cref="PhrasingRequest.AnswerBy"/>, from the host's turn deadline)
/// gives each model call its own timeout or what is left of the turn, whichever is shorter, and starts none with less
/// than <see cref="MinimumCall"/> left: the call's fallback answers at once instead (the local recognizer's reading, the
/// template text, the knowledge passage). Calls take the time in the order the turn makes them — understanding first,
/// then each phrased reply and knowledge answer — so a reply late in a slow turn is sent as its template, never lost.
/// No deadline (the CLI, author tests, the queue's slow steps): each call has its own timeout.
/// </summary>
internal static class TurnTime
{
    /// <summary>Less time than this left in the turn: the model is not asked (a model's answer rarely comes faster).</summary>
    public static readonly TimeSpan MinimumCall = TimeSpan.FromSeconds(1);

    /// <summary>The fault kind of a call skipped, or cut short and unanswered, because the turn's time ran out (not the endpoint's fault).</summary>
    public const string OutOfTime = "out_of_time";

    /// <summary>
    /// The timeout for a call whose own is <paramref name="own"/>, in a turn that must be done by <paramref name="answerBy"/>
    /// (null: no limit) on <paramref name="timeProvider"/>'s clock; false when too little is left to start it.
    /// <paramref name="cut"/> says the turn's end, not the call's own timeout, limits it.
    /// </summary>
    public static bool TryGetTimeout(TimeSpan own, DateTimeOffset? answerBy, TimeProvider timeProvider, out TimeSpan timeout, out bool cut)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        timeout = own;
        cut = false;
        if (answerBy is not { } end)
        {
            return true;
        }

        var left = end - timeProvider.GetUtcNow();
        if (left < MinimumCall)
        {
            return false;
        }

        if (left < own)
        {
            (timeout, cut) = (left, true);
        }

        return true;
    }
}
