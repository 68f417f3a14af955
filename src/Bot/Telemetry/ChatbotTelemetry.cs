using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using BotActivity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bot.Telemetry;

/// <summary>The Chatbot ActivitySource and Meter, shared by the tracing wrappers and the turn pipeline (one per process).</summary>
internal sealed class ChatbotTelemetry : IDisposable
{
    // One static source: ActivitySource listeners are process-wide, and a per-instance source would leak listeners.
    internal static readonly ActivitySource Source = new(TelemetryNames.Root);

    private readonly Meter _meter;

    /// <summary>Creates the instruments with the host's meter factory.</summary>
    public ChatbotTelemetry(IMeterFactory meterFactory, IOptions<TelemetryOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Options = options.Value;
        TimeProvider = timeProvider;
        _meter = meterFactory.Create(TelemetryNames.Root);

        Turns = _meter.CreateCounter<long>(TelemetryNames.Metrics.Turns, "{turn}", "Inbound activities handled.");
        TurnDuration = _meter.CreateHistogram<double>(TelemetryNames.Metrics.TurnDuration, "s", "Time from parsed activity to HTTP answer.");
        Errors = _meter.CreateCounter<long>(TelemetryNames.Metrics.Errors, "{error}", "Failures by component and error type.");
        DialogTurns = _meter.CreateCounter<long>(TelemetryNames.Metrics.DialogTurns, "{turn}", "Dialog turns by understanding path.");
        LlmCalls = _meter.CreateCounter<long>(TelemetryNames.Metrics.LlmCalls, "{call}", "Calls to the language model.");
        LlmTokens = _meter.CreateCounter<long>(TelemetryNames.Metrics.LlmTokens, "{token}", "Language model tokens by type (input/output).");
        UnderstandingDuration = _meter.CreateHistogram<double>(TelemetryNames.Metrics.UnderstandingDuration, "s", "Time to understand one input, by path.");
        StorageOperations = _meter.CreateCounter<long>(TelemetryNames.Metrics.StorageOperations, "{operation}", "Conversation store operations by outcome.");
        StorageDuration = _meter.CreateHistogram<double>(TelemetryNames.Metrics.StorageDuration, "s", "Conversation store latency.");
        StorageBytes = _meter.CreateHistogram<long>(TelemetryNames.Metrics.StorageBytes, "By", "Size of conversation state documents read and written.");
        ConnectorOperations = _meter.CreateCounter<long>(TelemetryNames.Metrics.ConnectorOperations, "{operation}", "Activities sent to channels, by outcome.");
        ConnectorRetries = _meter.CreateCounter<long>(TelemetryNames.Metrics.ConnectorRetries, "{retry}", "Retries of Connector calls.");
    }

    /// <summary>The options in force (content capture, console tree).</summary>
    public TelemetryOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal Counter<long> Turns { get; }
    internal Histogram<double> TurnDuration { get; }
    internal Counter<long> Errors { get; }
    internal Counter<long> DialogTurns { get; }
    internal Counter<long> LlmCalls { get; }
    internal Counter<long> LlmTokens { get; }
    internal Histogram<double> UnderstandingDuration { get; }
    internal Counter<long> StorageOperations { get; }
    internal Histogram<double> StorageDuration { get; }
    internal Histogram<long> StorageBytes { get; }
    internal Counter<long> ConnectorOperations { get; }
    internal Counter<long> ConnectorRetries { get; }

    /// <summary>
    /// Starts the root span of a turn (<c>chatbot.turn</c>) for an inbound activity. Dispose the scope when the HTTP
    /// answer is known; call <see cref="TurnScope.Complete"/> or <see cref="TurnScope.Fail"/> first.
    /// Records channel, activity type and a hash of the conversation id — never the message text.
    /// </summary>
    public TurnScope StartTurn(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channel = activity.ChannelId ?? "unknown";
        var type = activity.Type ?? "unknown";
        var span = Source.StartActivity(TelemetryNames.Spans.Turn, ActivityKind.Server);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.Channel, channel);
            span.SetTag(TelemetryTags.ActivityType, type);
            span.SetTag(TelemetryTags.ActivityId, activity.Id);
            if (activity.Conversation?.Id is { } conversationId)
            {
                span.SetTag(TelemetryTags.ConversationHash, ConversationHash.Compute(channel, conversationId));
            }

            if (Options.CaptureContent && activity.Text is { } text)
            {
                span.SetTag(TelemetryTags.MessageText, text);
            }
        }

        return new TurnScope(this, span, channel, type);
    }

    internal long Now() => TimeProvider.GetTimestamp();

    internal double SecondsSince(long start) => TimeProvider.GetElapsedTime(start).TotalSeconds;

    internal void RecordError(string component, Exception exception) =>
        Errors.Add(1, new(TelemetryTags.Component, component), new(TelemetryTags.ErrorType, exception.GetType().Name));

    /// <summary>Marks a span failed with the exception's type (not its message, which may carry user data).</summary>
    internal static void MarkFailed(Activity? span, Exception exception)
    {
        if (span is null)
        {
            return;
        }

        span.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        span.SetTag(TelemetryTags.ErrorType, exception.GetType().FullName);
    }

    /// <summary>Disposes the meter.</summary>
    public void Dispose() => _meter.Dispose();
}
