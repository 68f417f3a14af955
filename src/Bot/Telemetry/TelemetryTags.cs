namespace Chatbot.Bot.Telemetry;

/// <summary>Every span attribute and metric tag name Chatbot emits, in one place.</summary>
/// <remarks>OpenTelemetry semantic-convention names where one exists (<c>error.type</c>, <c>gen_ai.*</c>, <c>http.*</c>).</remarks>
internal static class TelemetryTags
{
    // Turn (root span)
    public const string Channel = "chatbot.channel";
    public const string ActivityType = "chatbot.activity.type";
    public const string ActivityId = "chatbot.activity.id";

    /// <summary>Pseudonymous conversation key: a hash of channel + conversation id, never the id itself.</summary>
    public const string ConversationHash = "chatbot.conversation.hash";
    public const string Outcome = "chatbot.outcome";
    public const string OutcomeReason = "chatbot.outcome.reason";

    /// <summary>True when the activity was a redelivery answered from the stored outcome.</summary>
    public const string Duplicate = "chatbot.duplicate";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string Component = "chatbot.component";

    // Dialog turn
    public const string TurnKind = "chatbot.turn.kind";
    public const string Flow = "chatbot.flow";
    public const string Step = "chatbot.step";

    /// <summary>How the input was understood: none, fast, keyword, embedded, llm, fallback.</summary>
    public const string UnderstandingPath = "chatbot.understanding.path";
    public const string UnderstandingLatencyMs = "chatbot.understanding.latency_ms";
    public const string UnderstandingError = "chatbot.understanding.error";
    public const string CommandsAccepted = "chatbot.commands.accepted";
    public const string CommandsRejected = "chatbot.commands.rejected";
    public const string Commands = "chatbot.commands";
    public const string DroppedCount = "chatbot.commands.dropped_count";
    public const string ReplyCount = "chatbot.reply.count";
    public const string StateChanged = "chatbot.state.changed";
    public const string LlmCalls = "chatbot.llm.calls";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";

    // Phrasing
    public const string ResponseId = "chatbot.response.id";
    public const string PhrasingMode = "chatbot.phrasing.mode";
    public const string PhrasingFromModel = "chatbot.phrasing.from_model";
    public const string PhrasingFallbackReason = "chatbot.phrasing.fallback_reason";

    // Storage
    public const string StorageOperation = "chatbot.storage.operation";
    public const string StorageBytes = "chatbot.storage.bytes";
    public const string StorageConditional = "chatbot.storage.conditional";
    public const string StorageConflict = "chatbot.storage.conflict";
    public const string StorageFound = "chatbot.storage.found";
    public const string StorageRemembered = "chatbot.storage.remembered";

    // Connector
    public const string ConnectorOperation = "chatbot.connector.operation";
    public const string ConnectorActivityType = "chatbot.connector.activity_type";
    public const string ConnectorRetries = "chatbot.connector.retries";
    public const string RetryDelayMs = "chatbot.retry.delay_ms";

    /// <summary>Message text; recorded only with <c>Telemetry:CaptureContent</c> = true.</summary>
    public const string MessageText = "chatbot.message.text";
}
