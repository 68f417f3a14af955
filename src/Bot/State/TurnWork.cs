using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.State;

/// <summary>Runs the turn's logic against the loaded dialog state (may run more than once when a write race is lost).</summary>
internal delegate ValueTask<TurnWork> TurnWorkDelegate(DialogState? state, CancellationToken cancellationToken);

/// <summary>What the turn's logic produced: the state to commit, the replies to send, the invoke answer.</summary>
internal sealed record TurnWork(DialogState State, bool StateChanged, IReadOnlyList<Reply> Replies, InvokeResponse? InvokeResponse = null, TurnTrace? Trace = null);
