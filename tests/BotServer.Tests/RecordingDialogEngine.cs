using System.Collections.Concurrent;
using Chatbot.Dialogs.Engine;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// A predictable dialog engine for host tests: records every turn input and answers exactly one reply per turn
/// ("welcome" on conversation start, "echo: {text}" for messages), so tests do not depend on the sample bot's wording.
/// </summary>
public sealed class RecordingDialogEngine : IDialogEngine
{
    private readonly ConcurrentQueue<TurnInput> _inputs = new();

    /// <summary>Every turn the engine ran, in order.</summary>
    public IReadOnlyList<TurnInput> Inputs => [.. _inputs];

    /// <inheritdoc />
    public ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        _inputs.Enqueue(input);
        var state = input.State ?? new DialogState();
        var reply = input.Kind == TurnKind.ConversationStart
            ? new Reply { ResponseId = "welcome", Text = "welcome", ExpectsInput = true }
            : new Reply { ResponseId = "echo", Text = "echo: " + input.Text, ExpectsInput = true };
        return ValueTask.FromResult(new TurnOutcome { State = state, StateChanged = true, Replies = [reply] });
    }
}
