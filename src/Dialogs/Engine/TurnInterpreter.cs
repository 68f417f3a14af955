using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>How a turn is understood: the one interpretation policy (see dialogs/README.md, "How a turn is understood").</summary>
internal sealed partial class TurnInterpreter(IUnderstanding understanding, TimeProvider time, ILogger logger)
{
    /// <summary>The commands the user's input means at the current position, with the path and cost recorded in the trace.</summary>
    public async Task<IReadOnlyList<Command>> InterpretAsync(TurnContext turn, string text, string? buttonValue, CancellationToken cancellationToken)
    {
        if (FastPath(turn, text, buttonValue) is { } fast)
        {
            turn.Trace.Path = "fast";
            return fast;
        }
        var request = UnderstandingRequestBuilder.Build(turn, text.Length > 0 ? text : buttonValue!, CommandApplier.AllowedCommands(turn));
        var started = time.GetTimestamp();
        var result = await UnderstandAsync(request, cancellationToken);
        turn.Trace.UnderstandingLatency = time.GetElapsedTime(started);
        turn.Trace.Path = result.Path;
        turn.Trace.LlmCalls += result.LlmCalls;
        turn.Trace.TokensIn += result.TokensIn;
        turn.Trace.TokensOut += result.TokensOut;
        return AnswerToFreeTextAsk(request, text, result.Commands);
    }

    /// <summary>Commands that need no understanding: a button value or text that exactly answers what the bot waits for.</summary>
    private static List<Command>? FastPath(TurnContext turn, string text, string? value)
    {
        var candidate = value ?? text;
        if (turn.AwaitsYesNo)
        {
            var yes = Lexicon.For(turn.Language).YesNo(candidate);
            if (yes is not null) return [yes.Value ? new AffirmCommand() : new DenyCommand()];
        }
        else if (turn.CurrentStep is AskStep ask && turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } slot)
        {
            var info = turn.Bot.SlotInfo(slot, turn.Language);
            var exact = info.Kind is not "text" || value is not null;
            if (exact && SlotValueParser.TryParse(info, candidate, SlotParseContext.For(turn.Language, turn.Now), out var parsed, out _)) return [new SetSlotCommand(ask.Slot.Name, parsed)];
        }
        if (value is not null && turn.Bot.Flows.ContainsKey(value))
        {
            return [new StartFlowCommand(value)];
        }
        return null;
    }

    /// <summary>
    /// At an ask for free text, an answer that understanding could only call chit-chat or out of scope *is* the answer
    /// (a name, a description): recognizers match it against examples and find nothing. Commands that mean something
    /// (a flow, cancel, help, a slot) still win, so interruptions keep working.
    /// </summary>
    private static IReadOnlyList<Command> AnswerToFreeTextAsk(UnderstandingRequest request, string text, IReadOnlyList<Command> commands)
    {
        if (request.ExpectedSlot is not { Kind: "text" } slot || text.Length == 0) return commands;
        if (commands.Any(c => c.Kind is not (CommandKind.Chitchat or CommandKind.CannotHandle))) return commands;
        return [new SetSlotCommand(slot.Name, text)];
    }

    private async Task<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await understanding.UnderstandAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The seam says recognizers do not throw; if one does, the turn still answers (cannot-handle).
            LogUnderstandingFailed(logger, ex);
            return new UnderstandingResult { Path = "fallback", Error = ex.GetType().Name };
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Understanding failed; the turn continues as not understood")]
    private static partial void LogUnderstandingFailed(ILogger logger, Exception exception);
}
