namespace Chatbot.Bot.Telemetry;

/// <summary>Settings under <c>Telemetry</c> (environment: <c>Telemetry__Console</c>, …).</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Print each turn's span tree to the console when it ends (local debugging).</summary>
    public bool Console { get; set; }

    /// <summary>Record user and bot message text on spans. Off by default: message text is personal data.</summary>
    public bool CaptureContent { get; set; }

    /// <summary>
    /// Also record HttpClient's own spans (Connector, Cosmos gateway, LLM and dialog <c>http</c> step requests, one per attempt).
    /// Off by default: their URLs carry conversation ids and, for author-declared services, possibly slot values.
    /// </summary>
    public bool HttpSpans { get; set; }

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "chatbot";
}
