namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Calls the inner recognizer; when it reports an <see cref="UnderstandingResult.Error"/> (timeout, 429, bad output),
/// answers with the fallback recognizer's commands instead, keeping the error and the LLM cost for the trace.
/// </summary>
internal sealed class FallbackUnderstanding : DelegatingUnderstanding
{
    private readonly IUnderstanding _fallback;

    /// <summary>Wraps <paramref name="innerUnderstanding"/> with <paramref name="fallback"/> for failures.</summary>
    public FallbackUnderstanding(IUnderstanding innerUnderstanding, IUnderstanding fallback)
        : base(innerUnderstanding)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        _fallback = fallback;
    }

    /// <inheritdoc />
    public override async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        UnderstandingResult primary;
        try
        {
            primary = await InnerUnderstanding.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not LlmAnswerRequiredException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // A recognizer must not throw, but if one does the turn still has to answer.
            primary = new UnderstandingResult { Path = "unknown", Error = "exception: " + ex.GetType().Name };
        }

        if (primary.Error is null)
        {
            return primary;
        }

        var secondary = await _fallback.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        return new UnderstandingResult
        {
            Commands = secondary.Commands,
            Path = "fallback",
            Dropped = [.. primary.Dropped, .. secondary.Dropped],
            Scores = secondary.Scores,
            LlmCalls = primary.LlmCalls + secondary.LlmCalls,
            TokensIn = primary.TokensIn + secondary.TokensIn,
            TokensOut = primary.TokensOut + secondary.TokensOut,
            OutOfTime = primary.OutOfTime || secondary.OutOfTime,
            Error = $"{primary.Path}: {primary.Error}; answered by {secondary.Path}" + (secondary.Error is null ? string.Empty : $" ({secondary.Error})"),
        };
    }
}
