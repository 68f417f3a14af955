using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>Base for wrappers: forwards to the inner handler; a concern overrides <see cref="HandleAsync"/>.</summary>
public abstract class DelegatingTurnHandler(ITurnHandler inner) : ITurnHandler
{
    /// <summary>The next handler in the pipeline.</summary>
    protected ITurnHandler Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public virtual Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        Inner.HandleAsync(turn, cancellationToken);
}
