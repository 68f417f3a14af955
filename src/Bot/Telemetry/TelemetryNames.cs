namespace Chatbot.Bot.Telemetry;

/// <summary>Names of the Chatbot ActivitySource, Meter, spans and metrics (dotted lower-case under one root).</summary>
internal static class TelemetryNames
{
    /// <summary>Name of the ActivitySource and the Meter; subscribe to it with <c>AddSource</c> / <c>AddMeter</c>.</summary>
    public const string Root = "Chatbot";

    /// <summary>Spans.</summary>
    public static class Spans
    {
        /// <summary>One inbound activity, from parsed request to HTTP answer; the root of a turn's tree.</summary>
        public const string Turn = "chatbot.turn";
        public const string DialogTurn = "dialog.turn";
        public const string Understanding = "understanding";
        public const string Phrasing = "phrasing";
        public const string StorageRead = "storage.read";
        public const string StorageWrite = "storage.write";
        public const string StorageDelete = "storage.delete";
        public const string ConnectorSend = "connector.send";
        public const string ConnectorUpdate = "connector.update";
        public const string ConnectorDelete = "connector.delete";

        /// <summary>
        /// An event that a retrying layer below <c>TracingConnectorClient</c> adds to <c>Activity.Current</c> once per retry
        /// (tags: <c>http.response.status_code</c>, <c>chatbot.retry.delay_ms</c>); the send span counts them.
        /// </summary>
        public const string RetryEvent = "retry";
    }

    /// <summary>Metrics.</summary>
    public static class Metrics
    {
        public const string Turns = "chatbot.turns";
        public const string TurnDuration = "chatbot.turn.duration";
        public const string Errors = "chatbot.errors";
        public const string DialogTurns = "chatbot.dialog.turns";
        public const string LlmCalls = "chatbot.llm.calls";
        public const string LlmTokens = "chatbot.llm.tokens";
        public const string UnderstandingDuration = "chatbot.understanding.duration";
        public const string StorageOperations = "chatbot.storage.operations";
        public const string StorageDuration = "chatbot.storage.duration";
        public const string StorageBytes = "chatbot.storage.bytes";
        public const string ConnectorOperations = "chatbot.connector.operations";
        public const string ConnectorRetries = "chatbot.connector.retries";
    }
}
