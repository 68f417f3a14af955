using Chatbot.Dialogs.Understanding;
using Chatbot.Dialogs.Testing.Recording;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// The phraser of recorded tests: a cassette miss is kept for the runner to report ("re-record needed") instead of
/// quietly sending the template, as the engine would for any other phrasing failure.
/// </summary>
internal sealed class RecordedPhraser(IResponsePhraser inner, List<string> misses) : IResponsePhraser
{
    public bool HasModel => inner.HasModel;

    public async ValueTask<PhrasingResult> PhraseAsync(PhrasingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.PhraseAsync(request, cancellationToken);
        }
        catch (CassetteMissException ex)
        {
            misses.Add(ex.Message);
            return new PhrasingResult(request.TemplateText, FromModel: false, FallbackReason: "re-record needed");
        }
    }
}
