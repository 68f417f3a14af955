using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Channels.DirectLine;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Hosting;

/// <summary>
/// Runs activities posted to the built-in Direct Line endpoint through the same turn pipeline as <c>/api/messages</c>,
/// and hands back the same <see cref="TurnResult"/> (so an invoke or a failure is answered the same way on both).
/// The Direct Line endpoint has already checked its own token, so the turn runs as an authenticated local caller.
/// The pipeline is resolved at the first activity, not when the endpoints are mapped: mapping happens before the server
/// listens, and building the pipeline loads the dialogs (<see cref="PipelineWarmUp"/> does that in the background).
/// </summary>
internal sealed class DirectLineTurnHandler(IServiceProvider services, HostNoticeTexts notices) : IDirectLineTurnHandler
{
    private ITurnHandler? _pipeline;

    public Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.CallerId = null;
        _pipeline ??= services.GetRequiredService<ITurnHandler>();
        return _pipeline.HandleAsync(new TurnContext(activity, AuthenticationResult.Anonymous), cancellationToken);
    }

    public string NotHandledNotice(Activity message) => notices.For(HostNotice.NotHandled, message?.Locale).Text ?? "";
}
