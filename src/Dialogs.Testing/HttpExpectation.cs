using System.Globalization;
using System.Text.Json;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// The <c>http:</c> expectation of a turn: exactly these calls were made, in order (<c>http: []</c> = none). Each call
/// checks only the fields written: <c>service</c>, <c>method</c>, <c>path</c> (<c>*</c> matches anything), <c>body</c>
/// (fields left out are not checked; types count, so <c>2</c> is not <c>"2"</c>) and <c>headers</c> (by name, any case;
/// <c>{ config: Key }</c> for a configured value, <c>null</c> for a header that must not be sent).
/// </summary>
internal static class HttpExpectation
{
    /// <summary>Keys of one expected call.</summary>
    public static readonly IReadOnlyList<string> CallKeys = ["service", "method", "path", "body", "headers"];

    public static string? Check(JsonElement expected, IReadOnlyList<RecordedCall> calls)
    {
        var wanted = expected.ValueKind switch
        {
            JsonValueKind.Array => expected.EnumerateArray().ToList(),
            JsonValueKind.Object => [expected],
            _ => [],
        };
        if (wanted.Count != calls.Count)
        {
            var got = calls.Count == 0 ? "none" : "[" + string.Join(", ", calls.Select(c => c.Request.ToString())) + "]";
            return wanted.Count == 0 ? $"http: expected no call, got {got}" : $"http: expected {Count(wanted.Count)}, got {got}";
        }
        for (var i = 0; i < wanted.Count; i++)
        {
            if (CheckCall(wanted[i], calls[i]) is { } problem) return $"http: call {i + 1} ({calls[i].Request}): {problem}";
        }
        return null;
    }

    private static string Count(int n) => n == 1 ? "1 call" : $"{n} calls";

    private static string? CheckCall(JsonElement expected, RecordedCall call)
    {
        var request = call.Request;
        foreach (var field in expected.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "service" => Same("service", Text(field.Value), request.Service.Id),
                "method" => string.Equals(Text(field.Value), request.Method, StringComparison.OrdinalIgnoreCase) ? null : $"method expected {Text(field.Value)}, got {request.Method}",
                "path" => MockServiceInvoker.Matches(Text(field.Value) ?? "", request.Path) ? null : $"path expected '{Text(field.Value)}', got '{request.Path}'",
                "body" => Compare(field.Value, request.Body, "body"),
                "headers" => Headers(field.Value, request),
                _ => null,
            };
            if (problem is not null) return problem;
        }
        return null;
    }

    private static string? Same(string what, string? expected, string actual) => expected == actual ? null : $"{what} expected '{expected}', got '{actual}'";

    private static string? Headers(JsonElement expected, Engine.ServiceRequest request)
    {
        if (expected.ValueKind != JsonValueKind.Object) return "headers: write a mapping such as { Idempotency-Key: order-1 }";
        foreach (var header in expected.EnumerateObject())
        {
            var actual = request.Headers.FirstOrDefault(h => string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase));
            var value = header.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (actual is not null) return $"header {header.Name} expected not to be sent, got '{actual}'";
                continue;
            }
            if (actual is null) return $"header {header.Name} expected, but it was not sent";
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("config", out var key))
            {
                if (actual.ConfigKey != Text(key)) return $"header {header.Name} expected from configuration {Text(key)}, got '{actual}'";
            }
            else if (actual.ConfigKey is not null || actual.Value != Text(value))
            {
                return $"header {header.Name} expected '{Text(value)}', got '{actual}'";
            }
        }
        return null;
    }

    /// <summary>Compares what the author wrote with what was sent; objects may hold more fields than written.</summary>
    internal static string? Compare(JsonElement expected, JsonElement? actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return actual is null or { ValueKind: JsonValueKind.Null } ? null : $"{path} expected null, got {Show(actual.Value)}";
        }
        if (actual is not { } a) return $"{path} expected {Show(expected)}, got nothing";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (a.ValueKind != JsonValueKind.Object) return $"{path} expected an object, got {Show(a)}";
                foreach (var p in expected.EnumerateObject())
                {
                    var problem = Compare(p.Value, a.TryGetProperty(p.Name, out var v) ? v : null, $"{path}.{p.Name}");
                    if (problem is not null) return problem;
                }
                return null;
            case JsonValueKind.Array:
                if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() != expected.GetArrayLength()) return $"{path} expected {Show(expected)}, got {Show(a)}";
                var i = 0;
                foreach (var (e, x) in expected.EnumerateArray().Zip(a.EnumerateArray()))
                {
                    if (Compare(e, x, $"{path}[{i++}]") is { } problem) return problem;
                }
                return null;
            case JsonValueKind.Number:
                return a.ValueKind == JsonValueKind.Number && a.GetDouble() == expected.GetDouble() ? null : $"{path} expected {Show(expected)}, got {Show(a)}";
            default:
                return a.ValueKind == expected.ValueKind && a.GetRawText() == expected.GetRawText() ? null : $"{path} expected {Show(expected)}, got {Show(a)}";
        }
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\" (text)",
        JsonValueKind.Number => e.GetDouble().ToString(CultureInfo.InvariantCulture) + " (a number)",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText() + " (a boolean)",
        JsonValueKind.Object => "an object " + e.GetRawText(),
        JsonValueKind.Array => $"a list of {e.GetArrayLength()} {e.GetRawText()}",
        _ => "null",
    };

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };
}
