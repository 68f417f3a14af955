namespace Chatbot.Channels.Activities;

/// <summary>
/// What the HTTP answer to an inbound activity is: a status with a short reason safe to show the caller, or the body
/// of an invoke. Every endpoint (<c>/api/messages</c>, Direct Line) renders this one type in its own wire shape.
/// </summary>
public sealed record TurnResult(int StatusCode, string? Reason = null, InvokeResponse? InvokeResponse = null)
{
    /// <summary>The activity was handled (200, empty body).</summary>
    public static TurnResult Ok { get; } = new(200);

    /// <summary>The activity type is not one the bot acts on (200, empty body).</summary>
    public static TurnResult Ignored { get; } = new(200, "ignored");

    /// <summary>When set, the caller should wait this long before retrying (HTTP <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True for a 2xx answer without an invoke body.</summary>
    public bool IsSuccess => InvokeResponse is null && StatusCode is >= 200 and < 300;

    /// <summary>The status the caller sees: the invoke's own status when there is an invoke body.</summary>
    public int HttpStatus => InvokeResponse is { } invoke ? (invoke.Status is >= 200 and < 600 ? invoke.Status : 200) : StatusCode;

    /// <summary>The answer to an invoke: its status and body go back in the HTTP response.</summary>
    public static TurnResult ForInvoke(InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new TurnResult(response.Status, InvokeResponse: response);
    }

    /// <summary>
    /// 503: a dependency failed or the conversation is busy, so the caller must post the activity again. Every 503 is
    /// built here so it always says when (<c>Retry-After</c>): channels treat a bare 503 like any failure and may back
    /// off far longer or give up.
    /// </summary>
    public static TurnResult Unavailable(string reason, TimeSpan retryAfter) => new(503, reason) { RetryAfter = retryAfter };

    /// <summary>A refusal of the request itself (400, 401, 413, 415, …) with a short reason.</summary>
    public static TurnResult Reject(int statusCode, string reason) => new(statusCode, reason);
}
