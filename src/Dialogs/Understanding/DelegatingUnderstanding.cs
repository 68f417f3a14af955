namespace Chatbot.Dialogs.Understanding;

/// <summary>Base for wrappers that add one concern around another recognizer; by default forwards everything.</summary>
internal abstract class DelegatingUnderstanding : IUnderstanding
{
    /// <summary>Wraps <paramref name="innerUnderstanding"/>.</summary>
    protected DelegatingUnderstanding(IUnderstanding innerUnderstanding)
    {
        ArgumentNullException.ThrowIfNull(innerUnderstanding);
        InnerUnderstanding = innerUnderstanding;
    }

    /// <summary>The recognizer this one wraps.</summary>
    protected IUnderstanding InnerUnderstanding { get; }

    /// <inheritdoc />
    public virtual ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
        InnerUnderstanding.UnderstandAsync(request, cancellationToken);
}
