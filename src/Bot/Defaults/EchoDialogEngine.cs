using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Defaults;

/// <summary>Stand-in until the Dialogs engine is registered: greets on conversation start and echoes messages.</summary>
internal sealed class EchoDialogEngine : IDialogEngine
{
    public ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var state = input.State ?? new DialogState();
        Reply reply = input.Kind == TurnKind.ConversationStart
            ? new Reply { ResponseId = "welcome", Text = "Hello! I'm the sample bot. Say something.", ExpectsInput = true }
            : new Reply { ResponseId = "echo", Text = $"You said: {input.Text}", ExpectsInput = true };
        return ValueTask.FromResult(new TurnOutcome { State = state, StateChanged = input.State is null, Replies = [reply] });
    }
}
