namespace Chatbot.Dialogs.Understanding;

/// <summary>The phraser when no model is configured: always the template text.</summary>
public sealed class TemplateResponsePhraser : IResponsePhraser
{
    /// <inheritdoc />
    public ValueTask<PhrasingResult> PhraseAsync(PhrasingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Mode.Equals("template", StringComparison.OrdinalIgnoreCase) ? null : "no model configured";
        return ValueTask.FromResult(new PhrasingResult(request.TemplateText, FromModel: false, FallbackReason: reason));
    }

    /// <inheritdoc />
    public bool HasModel => false;
}
