using System.Diagnostics;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bot.Telemetry;

/// <summary>
/// Wraps an <see cref="IResponsePhraser"/> in a <c>phrasing</c> span: response id, mode, whether the model's text was
/// used or the template fell back (and why), and tokens.
/// </summary>
internal sealed class TracingResponsePhraser(IResponsePhraser inner, ChatbotTelemetry telemetry) : IResponsePhraser
{
    /// <inheritdoc />
    public bool HasModel => inner.HasModel;

    /// <inheritdoc />
    public async ValueTask<PhrasingResult> PhraseAsync(PhrasingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = ChatbotTelemetry.Source.StartActivity(TelemetryNames.Spans.Phrasing);
        span?.SetTag(TelemetryTags.ResponseId, request.ResponseId);
        span?.SetTag(TelemetryTags.PhrasingMode, request.Mode);

        PhrasingResult result;
        try
        {
            result = await inner.PhraseAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ChatbotTelemetry.MarkFailed(span, ex);
            telemetry.RecordError("phrasing", ex);
            throw;
        }

        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.PhrasingFromModel, result.FromModel);
            span.SetTag(TelemetryTags.PhrasingFallbackReason, result.FallbackReason);
            if (result.TokensIn + result.TokensOut > 0)
            {
                span.SetTag(TelemetryTags.InputTokens, result.TokensIn);
                span.SetTag(TelemetryTags.OutputTokens, result.TokensOut);
            }

            if (telemetry.Options.CaptureContent)
            {
                span.SetTag(TelemetryTags.MessageText, result.Text);
            }
        }

        return result;
    }
}
