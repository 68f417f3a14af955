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
    /// Adds a wrapper to the turn pipeline. The first one added is the outermost; all of them sit inside the turn's
    /// telemetry and failure handling (so their exceptions are answered like any other) and outside the built-in
    /// concerns (rate limiting, mention cleanup, state, typing, routing). See <c>docs/bot-pipeline.md</c>.
    /// </summary>
    public ChatbotBuilder Use(Func<IServiceProvider, ITurnHandler, ITurnHandler> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        Wrappers.Add(wrap);
        return this;
    }
}
