using Chatbot.Bot.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Chatbot.BotFunctions;

/// <summary>Thin HTTP trigger: other systems post events here (docs/events.md); the shared endpoint does the rest.</summary>
/// <remarks>Anonymous at the Functions level: the endpoint checks the <c>X-Chatbot-Event-Key</c> header against <c>Events:Key</c>.</remarks>
public sealed class EventsFunction(IEventEndpoint endpoint)
{
    /// <summary>Runs the event's turn inside the invocation (a worker may be frozen once it has answered).</summary>
    [Function("events")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await endpoint.HandleAsync(request.HttpContext).ConfigureAwait(false);
        // The endpoint has written status and body to the response already.
        return new EmptyResult();
    }
}
