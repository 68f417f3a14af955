using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Testing;

/// <summary>Answers <c>http</c> steps from the mocks a test declares; a call no mock matches is recorded so the test fails.</summary>
internal sealed class MockServiceInvoker(IReadOnlyList<HttpMock> mocks) : IServiceInvoker
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Calls no mock matched, as <c>GET orders /orders/X</c>.</summary>
    public List<string> Unmatched { get; } = [];

    /// <summary>Calls made, as <c>GET orders /orders/X -> 200</c>, for the transcript.</summary>
    public List<string> Calls { get; } = [];

    public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var call = $"{request.Method} {request.Service.Id} {request.Path}";
        var mock = mocks.FirstOrDefault(m =>
            string.Equals(m.Service, request.Service.Id, StringComparison.Ordinal)
            && (m.Method is null || string.Equals(m.Method, request.Method, StringComparison.OrdinalIgnoreCase))
            && Matches(m.Path, request.Path));
        if (mock is null)
        {
            Unmatched.Add(call);
            Calls.Add(call + " -> no mock");
            return ValueTask.FromResult(ServiceResult.Failed("no mock matches " + call));
        }
        if (mock.Fault is { } fault)
        {
            Calls.Add($"{call} -> {fault}");
            return ValueTask.FromResult(ServiceResult.Failed(fault == "timeout" ? "timed out" : "connection failed"));
        }
        Calls.Add($"{call} -> {mock.Status}");
        return ValueTask.FromResult(mock.Status is >= 200 and < 300
            ? ServiceResult.Ok(mock.Body ?? EmptyObject, mock.Status)
            : ServiceResult.Failed($"HTTP {mock.Status}", mock.Status));
    }

    /// <summary>Glob match: <c>*</c> is any run of characters, everything else literal.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(path, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
