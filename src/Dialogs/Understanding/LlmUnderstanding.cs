using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Understands free text with one structured-output chat call per turn: the prompt carries the context, the JSON schema
/// narrows the answer to this step's commands, flows and slots, and every value is validated again in C#.
/// Model faults (timeout, 429, 5xx, malformed/truncated output, refusal) become <see cref="UnderstandingResult.Error"/>; it never throws them.
/// </summary>
public sealed partial class LlmUnderstanding : IUnderstanding
{
    /// <summary>The <see cref="UnderstandingResult.Path"/> of this recognizer.</summary>
    public const string PathName = "llm";

    private readonly IChatClient _chatClient;
    private readonly UnderstandingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LlmCircuitBreaker _breaker;

    /// <summary>
    /// Creates the recognizer over <paramref name="chatClient"/>; <paramref name="breaker"/> is shared with the phraser
    /// of the same client (null: its own, from <paramref name="options"/>).
    /// </summary>
    public LlmUnderstanding(IChatClient chatClient, UnderstandingOptions? options = null, TimeProvider? timeProvider = null, ILogger<LlmUnderstanding>? logger = null, LlmCircuitBreaker? breaker = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _options = options ?? new UnderstandingOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _breaker = breaker ?? new LlmCircuitBreaker(_options, _timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dropped = new List<string>();
        var text = request.Text ?? string.Empty;
        if (text.Length > _options.MaxInputChars)
        {
            text = text[.._options.MaxInputChars];
            dropped.Add($"input cut to {_options.MaxInputChars} characters");
        }

        // Too little of the turn left: the fallback answers at once (before the breaker, so a skipped call never takes
        // the one trial call after a pause). The engine logs this once per turn.
        if (!TurnTime.TryGetTimeout(_options.Timeout, request.AnswerBy, _timeProvider, out var timeout, out var cut))
        {
            return Failed(TurnTime.OutOfTime, dropped, 0, 0, 0, outOfTime: true);
        }

        // A model that keeps failing is skipped for a while (the breaker said so once, in the log): the fallback answers at once.
        if (!_breaker.TryEnter())
        {
            return Failed("paused", dropped, 0, 0, 0);
        }

        var now = request.Now ?? _timeProvider.GetUtcNow();
        var timeZone = SlotValueParser.ResolveTimeZone(request.TimeZone);
        var messages = UnderstandingPrompt.Build(request, text, now, timeZone, _options.HistoryTurns);
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(CommandSchema.Build(request), "commands", "Commands for the dialog engine."),
            Temperature = 0,
            MaxOutputTokens = _options.MaxOutputTokens,

            // OpenAI's strict structured outputs: the model can only produce schema-valid JSON (we still validate everything).
            AdditionalProperties = new() { ["strict"] = true },
        };

        // Our own budget, told apart from the caller's cancellation: a timeout is a model fault, a caller cancel is not;
        // a budget the turn's end cut short says nothing about the endpoint.
        using var budget = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var started = _timeProvider.GetTimestamp();
        var calls = 0;
        var tokensIn = 0;
        var tokensOut = 0;

        while (true)
        {
            calls++;
            try
            {
                var response = await _chatClient.GetResponseAsync(messages, chatOptions, linked.Token).ConfigureAwait(false);
                tokensIn += (int)(response.Usage?.InputTokenCount ?? 0);
                tokensOut += (int)(response.Usage?.OutputTokenCount ?? 0);
                var understood = Interpret(response, request, now, timeZone, dropped, calls, tokensIn, tokensOut);
                if (understood.Error is { } fault)
                {
                    _breaker.Failed(fault); // an unusable answer counts; a refusal neither counts nor resets the count
                }
                else
                {
                    _breaker.Succeeded();
                }

                return understood;
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return TimedOut(cut, dropped, calls, tokensIn, tokensOut);
            }
            catch (LlmServiceException ex) when (ex.StatusCode == 429)
            {
                var wait = ex.RetryAfter ?? _options.MaxRetryDelay;
                var remaining = timeout - _timeProvider.GetElapsedTime(started);
                if (calls == 1 && wait <= _options.MaxRetryDelay && wait < remaining)
                {
                    LogRetry(_logger, wait.TotalMilliseconds);
                    try
                    {
                        await Task.Delay(wait, _timeProvider, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        return TimedOut(cut, dropped, calls, tokensIn, tokensOut);
                    }

                    continue;
                }

                return EndpointFault("rate_limited", dropped, calls, tokensIn, tokensOut, wait > _options.MaxRetryDelay ? wait : null);
            }
            catch (LlmServiceException ex)
            {
                return EndpointFault(FaultOf(ex), dropped, calls, tokensIn, tokensOut);
            }
            catch (HttpRequestException ex)
            {
                var kind = ex.StatusCode is { } status ? "http_" + (int)status : "unavailable";
                return EndpointFault(kind, dropped, calls, tokensIn, tokensOut);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not LlmAnswerRequiredException)
            {
                // Unknown client failure: the turn must still answer; the type name is safe to log, the message may not be.
                LogFault(_logger, "client_error:" + ex.GetType().Name, calls);
                _breaker.Failed("client_error");
                return Failed("client_error", dropped, calls, tokensIn, tokensOut);
            }
        }
    }

    private UnderstandingResult Interpret(ChatResponse response, UnderstandingRequest request, DateTimeOffset now, TimeZoneInfo timeZone, List<string> dropped, int calls, int tokensIn, int tokensOut)
    {
        if (response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>().Any() || response.FinishReason == ChatFinishReason.ContentFilter)
        {
            LogFault(_logger, "refusal", calls);
            return Failed("refusal", dropped, calls, tokensIn, tokensOut);
        }

        var json = response.Text;
        if (response.FinishReason == ChatFinishReason.Length)
        {
            LogFault(_logger, "truncated_output", calls);
            return Failed("truncated_output", dropped, calls, tokensIn, tokensOut);
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            LogFault(_logger, "empty_output", calls);
            return Failed("empty_output", dropped, calls, tokensIn, tokensOut);
        }

        if (!ModelCommandParser.TryParse(json, request, now, timeZone, out var commands, out var parseDropped))
        {
            LogFault(_logger, "malformed_output", calls);
            return Failed("malformed_output", dropped, calls, tokensIn, tokensOut);
        }

        return new UnderstandingResult
        {
            Path = PathName,
            Commands = commands,
            Dropped = [.. dropped, .. parseDropped],
            LlmCalls = calls,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
        };
    }

    /// <summary>The fault kind of an endpoint's HTTP error, as traces, logs and the breaker name it.</summary>
    internal static string FaultOf(LlmServiceException ex) =>
        ex.StatusCode == 429 ? "rate_limited" : ex.StatusCode >= 500 ? "server_error" : ex.StatusCode == 0 ? "unavailable" : "http_" + ex.StatusCode;

    // A call that got no usable HTTP answer: one log line, and the breaker counts it.
    private UnderstandingResult EndpointFault(string fault, List<string> dropped, int calls, int tokensIn, int tokensOut, TimeSpan? retryAfter = null)
    {
        LogFault(_logger, fault, calls);
        _breaker.Failed(fault, retryAfter);
        return Failed(fault, dropped, calls, tokensIn, tokensOut);
    }

    // No answer in time: the endpoint's fault when the call had its whole Understanding:Timeout, the turn's when its end cut it short.
    private UnderstandingResult TimedOut(bool cut, List<string> dropped, int calls, int tokensIn, int tokensOut) => cut
        ? Failed(TurnTime.OutOfTime, dropped, calls, tokensIn, tokensOut, outOfTime: true)
        : EndpointFault("timeout", dropped, calls, tokensIn, tokensOut);

    private static UnderstandingResult Failed(string error, List<string> dropped, int calls, int tokensIn, int tokensOut, bool outOfTime = false) => new()
    {
        Path = PathName,
        Error = error,
        OutOfTime = outOfTime,
        Dropped = dropped,
        LlmCalls = calls,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
    };

    private static void LogFault(ILogger logger, string fault, int calls) => LogFault(logger, fault, calls, Hint(fault));

    // What an operator can do about a fault that is the configuration's, not the model's mood.
    private static string Hint(string fault) => fault switch
    {
        "http_401" or "http_403" => ". The endpoint refused the credentials: check AzureOpenAI:ApiKey / OpenAI:ApiKey, or the managed identity's role on the resource (Cognitive Services OpenAI User)",
        "http_404" => ". The endpoint has no such deployment or model: check AzureOpenAI:Deployment / OpenAI:Model and the endpoint's address",
        "http_400" => ". The endpoint refused this request (often its content filter, or a model without structured output)",
        "unavailable" => ". The endpoint could not be reached: check AzureOpenAI:Endpoint / OpenAI:Endpoint and the network",
        "timeout" => ". No answer within Understanding:Timeout",
        _ => string.Empty,
    };

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "LLM understanding failed ({Fault}) after {Calls} call(s); a fallback answers{Hint}")]
    private static partial void LogFault(ILogger logger, string fault, int calls, string hint);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "LLM understanding rate limited; retrying once in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, double delayMs);
}
