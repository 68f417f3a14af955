using System.Diagnostics;

namespace Chatbot.Bot.Telemetry;

/// <summary>The root span and the turn metrics of one inbound activity; ends both when disposed.</summary>
internal sealed class TurnScope : IDisposable
{
    private readonly ChatbotTelemetry _telemetry;
    private readonly string _channel;
    private readonly string _activityType;
    private readonly long _start;
    private string _outcome = "ok";
    private int? _statusCode;
    private bool _disposed;

    internal TurnScope(ChatbotTelemetry telemetry, Activity? span, string channel, string activityType)
    {
        _telemetry = telemetry;
        Span = span;
        _channel = channel;
        _activityType = activityType;
        _start = telemetry.Now();
    }

    /// <summary>The <c>chatbot.turn</c> span, or null when nobody listens.</summary>
    public Activity? Span { get; }

    /// <summary>Records the HTTP status the host answers with; 4xx is "rejected", 5xx "error".</summary>
    public void Complete(int statusCode)
    {
        _statusCode = statusCode;
        _outcome = statusCode switch
        {
            >= 500 => "error",
            >= 400 => "rejected",
            _ => "ok",
        };
        Span?.SetTag(TelemetryTags.HttpStatusCode, statusCode);
        if (statusCode >= 500)
        {
            Span?.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>Records a turn that ended with an exception (the host still answers; the user sees no details).</summary>
    public void Fail(Exception exception, int statusCode = 500)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Complete(statusCode);
        _outcome = "error";
        ChatbotTelemetry.MarkFailed(Span, exception);
        _telemetry.RecordError("turn", exception);
    }

    /// <summary>Records a turn abandoned because the caller went away (not an error: nobody waits for the answer).</summary>
    public void Cancelled() => _outcome = "cancelled";

    /// <summary>Ends the span and records <c>chatbot.turns</c> and <c>chatbot.turn.duration</c>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Span?.SetTag(TelemetryTags.Outcome, _outcome);
        var tags = new TagList
        {
            { TelemetryTags.Channel, _channel },
            { TelemetryTags.ActivityType, _activityType },
            { TelemetryTags.Outcome, _outcome },
        };
        if (_statusCode is { } code)
        {
            tags.Add(TelemetryTags.HttpStatusCode, code);
        }

        _telemetry.Turns.Add(1, tags);
        _telemetry.TurnDuration.Record(_telemetry.SecondsSince(_start), tags);
        Span?.Dispose();
    }
}
