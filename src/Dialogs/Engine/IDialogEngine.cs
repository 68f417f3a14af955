namespace Chatbot.Dialogs.Engine;

/// <summary>Runs one turn of a bot's dialogs: state in, replies and new state out. Knows nothing of HTTP or channels.</summary>
public interface IDialogEngine
{
    /// <summary>Runs one turn to completion (until the bot waits for input or the conversation ends).</summary>
    ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken);
}
