using Chatbot.Dialogs.Engine;

namespace Chatbot.Cli;

/// <summary>
/// The services of <c>chat</c> (real ones or a test file's mocks), noting each call and its outcome so the chat shows
/// them: a flow that took its error path because no base URL is set says so instead of only "not reachable".
/// </summary>
internal sealed class ChatServices(IServiceInvoker inner) : IServiceInvoker
{
    private readonly List<string> _calls = [];

    public async ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var result = await inner.InvokeAsync(request, cancellationToken);
        var answer = result.Success ? result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "ok"
            : result.Error ?? "failed";
        lock (_calls) _calls.Add($"{request} -> {answer}");
        return result;
    }

    /// <summary>The calls since the last time, in order.</summary>
    public IReadOnlyList<string> TakeCalls()
    {
        lock (_calls)
        {
            var calls = _calls.ToList();
            _calls.Clear();
            return calls;
        }
    }
}
