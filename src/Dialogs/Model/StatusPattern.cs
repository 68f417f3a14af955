using System.Globalization;

namespace Chatbot.Dialogs.Model;

/// <summary>An HTTP status as authors write it in <c>on_status</c> and <c>retry_on</c>: one code (<c>404</c>) or a class (<c>5xx</c>).</summary>
public readonly record struct StatusPattern(int Value, bool IsClass)
{
    /// <summary>True when <paramref name="status"/> is this code, or in this class.</summary>
    public bool Matches(int status) => IsClass ? status / 100 == Value : status == Value;

    /// <summary>Reads <c>404</c> (100–599) or <c>4xx</c> (1xx–5xx).</summary>
    public static bool TryParse(string text, out StatusPattern pattern)
    {
        pattern = default;
        if (text.Length == 3 && text[0] is >= '1' and <= '5' && text.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
        {
            pattern = new StatusPattern(text[0] - '0', IsClass: true);
            return true;
        }
        if (text.Length == 3 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
        {
            pattern = new StatusPattern(code, IsClass: false);
            return true;
        }
        return false;
    }

    public override string ToString() => IsClass ? $"{Value}xx" : Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a service call retries (within its <c>retry</c> budget): answers with these statuses, timeouts, failed connections.</summary>
public sealed record RetryConditions(IReadOnlyList<StatusPattern> Statuses, bool Timeout, bool ConnectionFailure)
{
    /// <summary>The default: <c>[timeout, connection, 408, 429, 5xx]</c> — failures that are usually gone a moment later.</summary>
    public static RetryConditions Default { get; } = new([new(408, false), new(429, false), new(5, true)], Timeout: true, ConnectionFailure: true);

    /// <summary>The words <c>retry_on</c> accepts besides status codes and classes.</summary>
    public static readonly IReadOnlyList<string> Words = ["timeout", "connection"];

    public bool RetriesStatus(int status) => Statuses.Any(s => s.Matches(status));

    public override string ToString() =>
        string.Join(", ", (Timeout ? ["timeout"] : Array.Empty<string>()).Concat(ConnectionFailure ? ["connection"] : []).Concat(Statuses.Select(s => s.ToString())));
}
