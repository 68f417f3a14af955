using System.Text.Json;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// An event the turn asks the host to deliver back to this conversation later (a reminder, an expiry): the host
/// enqueues it with <see cref="Delay"/> once the turn's state is committed; the engine checks on delivery whether it still applies.
/// </summary>
/// <param name="Id">Unique within the conversation (the event id: a repeat runs once).</param>
/// <param name="Name">A reserved event name (<c>chatbot.remind</c>, <c>chatbot.expire</c>).</param>
/// <param name="Delay">How long after the commit it is due.</param>
/// <param name="Payload">What the engine needs to recognise it as stale.</param>
public sealed record ScheduledEvent(string Id, string Name, TimeSpan Delay, JsonElement Payload);
