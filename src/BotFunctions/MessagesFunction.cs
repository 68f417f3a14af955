using Chatbot.Bot.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Chatbot.BotFunctions;

/// <summary>Thin HTTP trigger: the Bot Connector posts activities here; the shared endpoint does the rest.</summary>
/// <remarks>Anonymous: the Bot Connector sends no function key; the bearer token is checked by the endpoint.</remarks>
public sealed class MessagesFunction(IActivityEndpoint endpoint)
{
    /// <summary>Runs one turn inside the invocation (a worker may be frozen once it has answered).</summary>
    [Function("messages")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "messages")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await endpoint.HandleAsync(request.HttpContext).ConfigureAwait(false);
        // The endpoint has written status and body to the response already.
        return new EmptyResult();
    }
}
