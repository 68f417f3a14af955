using Chatbot.Bot.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot;

/// <summary>Returned by <c>AddChatbot</c>: adds wrappers to the turn pipeline.</summary>
public sealed class ChatbotBuilder
{
    internal ChatbotBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the bot is registered in.</summary>
    public IServiceCollection Services { get; }

    internal List<Func<IServiceProvider, ITurnHandler, ITurnHandler>> Wrappers { get; } = [];

    /// <summary>
    /// Adds a wrapper around the turn pipeline. The first one added is the outermost; all of them sit outside the
    /// built-in concerns (mention cleanup, rate limiting, routing, exactly-once state).
    /// </summary>
    public ChatbotBuilder Use(Func<IServiceProvider, ITurnHandler, ITurnHandler> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        Wrappers.Add(wrap);
        return this;
    }
}
