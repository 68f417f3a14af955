using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Chatbot.BotFunctions;

/// <summary>Thin HTTP trigger: the Bot Connector posts activities here.</summary>
public sealed class MessagesFunction
{
    [Function("messages")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "messages")] HttpRequest request)
        => new StatusCodeResult(StatusCodes.Status501NotImplemented);
}
