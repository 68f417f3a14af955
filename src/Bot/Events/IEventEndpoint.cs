using Microsoft.AspNetCore.Http;

namespace Chatbot.Bot.Events;

/// <summary>The <c>POST /api/events</c> handler shared by BotServer and the Functions trigger.</summary>
public interface IEventEndpoint
{
    /// <summary>Checks the key, reads the event, runs its turn and writes the HTTP answer.</summary>
    Task HandleAsync(HttpContext httpContext);
}
