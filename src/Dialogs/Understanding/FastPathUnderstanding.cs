namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Resolves unambiguous input without the inner recognizer (so without an LLM call): yes/no at a confirmation,
/// an exact value or synonym of the expected enum slot, an exact example utterance of one routable flow,
/// and an exact value for an expected number/date/e-mail slot. Anything else goes to the inner recognizer.
/// </summary>
public sealed class FastPathUnderstanding : DelegatingUnderstanding
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps <paramref name="innerUnderstanding"/>.</summary>
    public FastPathUnderstanding(IUnderstanding innerUnderstanding, TimeProvider? timeProvider = null)
        : base(innerUnderstanding) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public override ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = TryResolve(request, _timeProvider.GetUtcNow());
        return command is null
            ? InnerUnderstanding.UnderstandAsync(request, cancellationToken)
            : ValueTask.FromResult(new UnderstandingResult { Path = "fast", Commands = [command] });
    }

    /// <summary>The command the fast path would return for this request, or null when the inner recognizer must decide.</summary>
    public static Command? TryResolve(UnderstandingRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var normalized = UtteranceText.Normalize(request.Text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (request.AwaitingConfirmation && Lexicon.For(request.Language).YesNo(request.Text) is { } yes)
        {
            var kind = yes ? CommandKind.Affirm : CommandKind.Deny;
            if (Allowed(request, kind))
            {
                return yes ? new AffirmCommand() : new DenyCommand();
            }
        }

        if (request.ExpectedSlot is { } slot && Allowed(request, CommandKind.SetSlot))
        {
            var direct = (slot.Kind == "enum" || IsStructuredKind(slot.Kind))
                && SlotValueParser.TryParse(slot, request.Text, SlotParseContext.For(request.Language, request.Now ?? now, SlotValueParser.ResolveTimeZone(request.TimeZone)), out var value, out _)
                    ? value
                    : null;
            if (direct is not null)
            {
                return new SetSlotCommand(slot.Name, direct);
            }
        }

        if (Allowed(request, CommandKind.StartFlow))
        {
            var matches = request.Flows
                .Where(f => f.Examples.Any(e => UtteranceText.Normalize(e) == normalized))
                .Select(f => f.Id)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (matches.Count == 1)
            {
                return new StartFlowCommand(matches[0]);
            }
        }

        return null;
    }

    // Free text could be anything ("I want to cancel" is valid text), so only self-evidently typed values take the fast path.
    private static bool IsStructuredKind(string kind) =>
        kind.ToLowerInvariant() is "integer" or "number" or "email" or "date" or "datetime";

    private static bool Allowed(UnderstandingRequest request, CommandKind kind) =>
        request.AllowedCommands.Count == 0 || request.AllowedCommands.Contains(kind);
}
