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
        // The endpoints are singletons, taken from the application's services at their first request (building the
        // activity endpoint builds the pipeline and loads the dialogs: not while mapping, before the server listens). Not
        // handler parameters: resolving one per request opened a DI scope per request (issue 19).
        var services = endpoints.ServiceProvider;
        IActivityEndpoint? activities = null;
        IEventEndpoint? events = null;
        group.Map("/messages", (HttpContext context) => (activities ??= services.GetRequiredService<IActivityEndpoint>()).HandleAsync(context));
        group.Map("/events", (HttpContext context) => (events ??= services.GetRequiredService<IEventEndpoint>()).HandleAsync(context));
        group.MapGet("/health", () => Results.Text("ok"));
        // The services are looked up here, not declared as handler parameters: inferring where a parameter comes from asks
        // each type for a TryParse method, which loads System.Runtime.Numerics for nothing (issue 19).
        group.MapGet("/health/ready", async (HttpContext context) =>
        {
            var checks = services.GetServices<IReadinessCheck>();
            var warmUps = services.GetServices<IWarmUpState>();
            var ct = context.RequestAborted;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Chatbot.Bot.Hosting.Readiness");
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
