using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Runs the slow part of an <c>async: true</c> step outside any turn, for the host's handler of the <c>chatbot.call</c>
/// event — an http step's call, or an answer step's generation by the phraser — reading what it needs from the
/// conversation's stored state, and returns the <c>chatbot.continue</c> payload that carries the result into the next turn.
/// </summary>
public sealed class SlowStepCaller(IDialogDefinitionsProvider definitions, IServiceInvoker? services, TimeProvider timeProvider, ILogger<SlowStepCaller>? logger = null, IResponsePhraser? phraser = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly HttpStepRunner _http = new(services, (ILogger?)logger ?? NullLogger.Instance);

    /// <summary>The call event's name; the host turns it into <see cref="ContinueEvent"/> with <see cref="CallAsync"/>'s payload.</summary>
    public const string CallEvent = SlowSteps.CallEvent;

    /// <summary>The event that applies the answer.</summary>
    public const string ContinueEvent = SlowSteps.ContinueEvent;

    /// <summary>
    /// Calls the service (or generates the answer) for the pending call <paramref name="callId"/>; returns the continue
    /// payload (the id and the answer), or the id alone when the conversation no longer waits for that call (answered before, expired, reloaded).
    /// </summary>
    public async Task<JsonElement> CallAsync(DialogState? state, string callId, CancellationToken cancellationToken)
    {
        var bot = definitions.Current;
        if (state?.Calling is not { } call || call.Id != callId || state.Revision != bot.Revision
            || state.Stack.Count == 0 || state.Stack[^1].Flow != call.Flow || state.Stack[^1].Step != call.Step
            || bot.Flows.GetValueOrDefault(call.Flow)?.Step(call.Step) is not DeferrableStep step)
        {
            return SlowSteps.Payload(callId, null);
        }

        var turn = new TurnContext(bot, DialogStateJson.Clone(state), bot.LanguageFor(call.Language), timeProvider.GetUtcNow(), new TurnTrace(), bot.TimeZoneFor(state.TimeZone));
        return SlowSteps.Payload(callId, step switch
        {
            HttpStep http => await _http.InvokeAsync(turn, http, cancellationToken),
            AnswerStep answer when phraser is not null => await AnswerStepRunner.GenerateDeferredAsync(phraser, _logger, turn, answer, call, cancellationToken),
            _ => ServiceResult.Failed("no phraser configured"),
        });
    }
}
