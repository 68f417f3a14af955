using Microsoft.AspNetCore.Http;

namespace Chatbot.Bot.Hosting;

/// <summary>The <c>POST /api/messages</c> handler shared by BotServer and the Functions trigger.</summary>
public interface IActivityEndpoint
{
    /// <summary>Reads the activity from the request, runs the turn and writes the HTTP answer.</summary>
    Task HandleAsync(HttpContext httpContext);
}
