using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>Handles one activity. The pipeline is a chain of these: wrappers add one concern each, then call the inner handler.</summary>
public interface ITurnHandler
{
    /// <summary>Runs the turn and says what the HTTP answer should be.</summary>
    Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}
