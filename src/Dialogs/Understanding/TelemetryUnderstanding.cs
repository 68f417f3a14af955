using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Records each understanding call: an activity <c>chatbot.understanding</c>, metrics under <c>chatbot.understanding.*</c>,
/// and a log line with path, latency, LLM calls, tokens, commands and dropped values. Never records the user's text.
/// </summary>
internal sealed partial class TelemetryUnderstanding : DelegatingUnderstanding
{
    /// <summary>Name of the <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string SourceName = "Chatbot.Understanding";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("chatbot.understanding.duration", "s", "Time to understand one input.");
    private static readonly Counter<long> LlmCalls = Meter.CreateCounter<long>("chatbot.understanding.llm_calls", description: "LLM calls made for understanding.");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chatbot.understanding.tokens", description: "LLM tokens used for understanding.");
    private static readonly Counter<long> DroppedValues = Meter.CreateCounter<long>("chatbot.understanding.dropped", description: "Values a recognizer produced but dropped as invalid.");

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps <paramref name="innerUnderstanding"/>.</summary>
    public TelemetryUnderstanding(IUnderstanding innerUnderstanding, ILogger? logger = null, TimeProvider? timeProvider = null)
        : base(innerUnderstanding)
    {
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("chatbot.understanding");
        var started = _timeProvider.GetTimestamp();
        var result = await InnerUnderstanding.UnderstandAsync(request, cancellationToken).ConfigureAwait(false);
        var elapsed = _timeProvider.GetElapsedTime(started);

        var pathTag = new KeyValuePair<string, object?>("chatbot.understanding.path", result.Path);
        Duration.Record(elapsed.TotalSeconds, pathTag, new("error.type", result.Error is null ? null : "understanding_error"));
        if (result.LlmCalls > 0)
        {
            LlmCalls.Add(result.LlmCalls, pathTag);
        }

        if (result.TokensIn + result.TokensOut > 0)
        {
            Tokens.Add(result.TokensIn, pathTag, new("gen_ai.token.type", "input"));
            Tokens.Add(result.TokensOut, pathTag, new("gen_ai.token.type", "output"));
        }

        if (result.Dropped.Count > 0)
        {
            DroppedValues.Add(result.Dropped.Count, pathTag);
        }

        var commands = string.Join(",", result.Commands.Select(c => c.Kind));
        if (activity is not null)
        {
            activity.SetTag("chatbot.understanding.path", result.Path);
            activity.SetTag("chatbot.understanding.commands", commands);
            activity.SetTag("chatbot.understanding.llm_calls", result.LlmCalls);
            activity.SetTag("gen_ai.usage.input_tokens", result.TokensIn);
            activity.SetTag("gen_ai.usage.output_tokens", result.TokensOut);
            if (result.Error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Error);
            }
        }

        LogUnderstood(_logger, result.Path, elapsed.TotalMilliseconds, result.LlmCalls, result.TokensIn, result.TokensOut, commands, result.Dropped.Count, result.Error);
        return result;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Understood via {Path} in {ElapsedMs:F0} ms: llm calls {LlmCalls}, tokens {TokensIn}/{TokensOut}, commands [{Commands}], dropped {Dropped}, error {Error}")]
    private static partial void LogUnderstood(ILogger logger, string path, double elapsedMs, int llmCalls, int tokensIn, int tokensOut, string commands, int dropped, string? error);
}
