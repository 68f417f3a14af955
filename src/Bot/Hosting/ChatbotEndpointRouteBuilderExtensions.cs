using Chatbot.Bot.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Hosting;

/// <summary>Maps the bot's HTTP endpoints in an ASP.NET Core host.</summary>
public static partial class ChatbotEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/messages</c> and <c>/api/events</c> (POST; any other method gets 405 with <c>Allow: POST</c>), <c>GET /api/health</c>
    /// (liveness) and <c>GET /api/health/ready</c> (storage and definitions; answers only "ready", "ready (warming up)"
    /// while an <see cref="IWarmUpState"/> part still warms up, or "not ready").
    /// </summary>
    public static RouteGroupBuilder MapChatbot(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api");
        group.Map("/messages", (HttpContext context, IActivityEndpoint endpoint) => endpoint.HandleAsync(context));
        group.Map("/events", (HttpContext context, IEventEndpoint endpoint) => endpoint.HandleAsync(context));
        group.MapGet("/health", () => Results.Text("ok"));
        group.MapGet("/health/ready", async (IEnumerable<IReadinessCheck> checks, IEnumerable<IWarmUpState> warmUps, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var logger = loggers.CreateLogger("Chatbot.Bot.Hosting.Readiness");
            foreach (var check in checks)
            {
                if (!await check.IsReadyAsync(ct).ConfigureAwait(false))
                {
                    LogNotReady(logger, check.Name);
                    return Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            }

            // Still 200: the instance serves (e.g. lexically while the model loads); a probe that wants it fully warm reads the text.
            return Results.Text(warmUps.Any(w => w.IsWarmingUp) ? "ready (warming up)" : "ready");
        });
        return group;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check {Check} failed")]
    private static partial void LogNotReady(ILogger logger, string check);
}
