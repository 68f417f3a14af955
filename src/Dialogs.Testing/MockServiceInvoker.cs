using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// Answers <c>http</c> steps from the mocks a test declares and records every request (for <c>http:</c> expectations and
/// the transcript); a call no mock matches is recorded so the test fails. Configured header values are never resolved.
/// </summary>
internal sealed class MockServiceInvoker(IReadOnlyList<HttpMock> mocks) : IServiceInvoker
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Calls no mock matched, as <c>GET orders /orders/X</c>.</summary>
    public List<string> Unmatched { get; } = [];

    /// <summary>Every request made, with what the mock answered, in order.</summary>
    public List<RecordedCall> Calls { get; } = [];

    public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var call = request.ToString();
        var mock = mocks.FirstOrDefault(m =>
            string.Equals(m.Service, request.Service.Id, StringComparison.Ordinal)
            && (m.Method is null || string.Equals(m.Method, request.Method, StringComparison.OrdinalIgnoreCase))
            && Matches(m.Path, request.Path));
        if (mock is null)
        {
            Unmatched.Add(call);
            Calls.Add(new RecordedCall(request, "no mock"));
            return ValueTask.FromResult(ServiceResult.Failed("no mock matches " + call));
        }
        if (mock.Fault is { } fault)
        {
            Calls.Add(new RecordedCall(request, fault));
            return ValueTask.FromResult(ServiceResult.Failed(fault == "timeout" ? "timed out" : "connection failed"));
        }
        Calls.Add(new RecordedCall(request, mock.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ValueTask.FromResult(mock.Status is >= 200 and < 300
            ? ServiceResult.Ok(mock.Body ?? EmptyObject, mock.Status)
            : ServiceResult.Failed($"HTTP {mock.Status}", mock.Status, mock.Body));
    }

    /// <summary>Glob match: <c>*</c> is any run of characters, everything else literal.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(path, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

/// <summary>One request an <c>http</c> step made in a test, and what answered it (<c>200</c>, <c>timeout</c>, <c>no mock</c>).</summary>
internal sealed record RecordedCall(ServiceRequest Request, string Outcome)
{
    /// <summary>The transcript line: <c>POST orders /orders {"quantity":2} [Idempotency-Key: o-1] -> 201</c>; configured headers show their setting name only.</summary>
    public override string ToString()
    {
        var body = Request.Body is { } b ? " " + Shorten(b.GetRawText()) : "";
        var headers = Request.Headers.Count > 0 ? " [" + string.Join(", ", Request.Headers) + "]" : "";
        return $"{Request}{body}{headers} -> {Outcome}";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
