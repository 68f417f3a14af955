namespace Chatbot.Bot.Events;

/// <summary>Settings of <c>POST /api/events</c> (configuration section <c>Events</c>).</summary>
public sealed class EventOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// The shared key callers send in <c>X-Chatbot-Event-Key</c>. Unset = the endpoint is off (answers 404), so a
    /// deployment never accepts events from anyone by accident. A secret: keep it in Key Vault or app settings.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// The Storage queue events travel through (<c>Events:Queue</c>): the Functions trigger reads it, and delayed events
    /// (reminders, expiry) are written to it. BotServer uses it only with <c>Queues:ConnectionString</c>.
    /// </summary>
    public string Queue { get; set; } = "chatbot-events";
}
