using Chatbot.Bot.Configuration;
using Chatbot.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.DirectLine;

/// <summary>Wires the built-in Direct Line endpoint and Web Chat page into a host.</summary>
public static class DirectLineChatbotExtensions
{
    /// <summary>The built-in page's token endpoint (its "token server").</summary>
    public const string PageTokenPath = "/api/webchat/token";

    /// <summary>
    /// Adds the Direct Line services (options from the <c>DirectLine</c> section) and routes the bot's replies for
    /// Direct Line conversations into their feeds. Call after <c>AddChatbot</c>, so the connector client it wraps exists.
    /// While the endpoint lets callers in without the secret, <c>directline</c> cannot be an agent hub's channel.
    /// </summary>
    public static IServiceCollection AddChatbotDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDirectLine(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>, DirectLineHubChannelValidator>());
        return services;
    }

    /// <summary>
    /// Serves the Web Chat page from wwwroot at <c>/</c>, its token endpoint, and the Direct Line 3.0 endpoints
    /// (with WebSockets for the stream).
    /// </summary>
    public static WebApplication MapChatbotDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapDirectLine();
        app.MapDirectLinePageToken(PageTokenPath);
        return app;
    }
}
