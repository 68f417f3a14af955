namespace Chatbot.Dialogs.Engine;

/// <summary>What was wrong with the stored state a turn was given (<see cref="TurnOutcome.StoredState"/>).</summary>
public enum StoredStateFault
{
    /// <summary>Nothing: no state (a new conversation) or one the engine read.</summary>
    None,

    /// <summary>
    /// JSON that is not a dialog state (the wrong shape: <c>"stack": 5</c>, a frame with no flow): the turn ran on a new
    /// state, and the host should keep the stored one aside before it saves over it.
    /// </summary>
    Unreadable,

    /// <summary>A state of a newer shape version than this code writes: the turn did not run (no replies, nothing changed), so nothing of it is lost.</summary>
    Newer,
}
