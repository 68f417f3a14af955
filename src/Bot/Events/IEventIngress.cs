using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Events;

/// <summary>
/// Runs one event from its JSON form (<c>{ id, name, channelId, conversation, payload }</c>), whatever carried it: the
/// <c>POST /api/events</c> endpoint (after its key and size checks) or a queue trigger.
/// </summary>
public interface IEventIngress
{
    /// <summary>
    /// Parses and checks the event, then runs its turn through the turn pipeline. 2xx: done (or done before, for a
    /// repeated id); 400 the event is wrong; 404/409 the conversation cannot take it; 503 retry later.
    /// </summary>
    Task<TurnResult> RunAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken);
}
