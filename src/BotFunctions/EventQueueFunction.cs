using System.Text;
using Chatbot.Bot.Events;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Chatbot.BotFunctions;

/// <summary>
/// Queue trigger for events (docs/events.md): each message is one event in the JSON form <c>POST /api/events</c> takes.
/// Delivery is at least once; the event id makes it exactly once (a repeat is recognised and sends nothing).
/// </summary>
/// <remarks>
/// A message whose event cannot run (a bad payload, an unknown conversation, the store unavailable) fails the
/// invocation: the host retries it and, after <c>maxDequeueCount</c> attempts (host.json, 5), moves it to
/// <c>&lt;queue&gt;-poison</c>; the reason is in the log of every attempt.
/// </remarks>
public sealed partial class EventQueueFunction(IEventIngress ingress, ILogger<EventQueueFunction> logger)
{
    /// <summary>Runs the event's turn inside the invocation; throws when it did not run, so the host retries or poisons it.</summary>
    [Function("EventQueue")]
    public async Task RunAsync([QueueTrigger("%Events:Queue%")] string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await ingress.RunAsync(Encoding.UTF8.GetBytes(message), cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess) return;
        LogNotRun(logger, result.StatusCode, result.Reason);
        throw new EventNotRunException(result.StatusCode, result.Reason);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Queued event not run ({Status}): {Reason}")]
    private static partial void LogNotRun(ILogger logger, int status, string? reason);
}

/// <summary>A queued event that did not run, with the reason the HTTP endpoint would have answered.</summary>
public sealed class EventNotRunException(int status, string? reason) : Exception($"The event was not run ({status}): {reason}")
{
    /// <summary>The status <c>POST /api/events</c> would have answered.</summary>
    public int Status { get; } = status;
}
