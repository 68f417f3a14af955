using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Channels.DirectLine;

/// <summary>Maps the Direct Line 3.0 subset that Web Chat uses under <c>/v3/directline</c>.</summary>
public static class DirectLineEndpointRouteBuilderExtensions
{
    /// <summary>Where Direct Line 3.0 lives; Web Chat's <c>domain</c> is the site's origin plus this.</summary>
    public const string RoutePrefix = "/v3/directline";

    /// <summary>
    /// Maps the endpoints (services from <see cref="DirectLineServiceCollectionExtensions.AddDirectLine"/>).
    /// The WebSocket stream needs <c>app.UseWebSockets()</c> earlier in the pipeline.
    /// </summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handlers = endpoints.ServiceProvider.GetRequiredService<DirectLineHandlers>();
        var group = endpoints.MapGroup(RoutePrefix);
        group.MapPost("/tokens/generate", handlers.GenerateTokenAsync);
        group.MapPost("/tokens/refresh", handlers.RefreshTokenAsync);
        group.MapPost("/conversations", handlers.StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", (HttpContext c, string conversationId) => handlers.GetConversationAsync(c, conversationId));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext c, string conversationId) => handlers.GetActivitiesAsync(c, conversationId));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext c, string conversationId) => handlers.PostActivityAsync(c, conversationId));
        group.MapPost("/conversations/{conversationId}/upload", (HttpContext c, string conversationId) => handlers.UploadAsync(c, conversationId));
        group.MapGet("/conversations/{conversationId}/stream", (HttpContext c, string conversationId) => handlers.StreamAsync(c, conversationId));
        return group;
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: a token for a new conversation, without the secret, for the page
    /// this server itself serves (the usual "token server" of a Web Chat page). Answers 404 when
    /// <see cref="DirectLineOptions.EnablePageTokens"/> is false.
    /// </summary>
    public static IEndpointConventionBuilder MapDirectLinePageToken(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handlers = endpoints.ServiceProvider.GetRequiredService<DirectLineHandlers>();
        return endpoints.MapPost(pattern, handlers.GeneratePageTokenAsync);
    }
}
