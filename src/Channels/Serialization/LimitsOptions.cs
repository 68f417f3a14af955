namespace Chatbot.Channels.Serialization;

/// <summary>
/// Limits on inbound activities (configuration section <c>Limits</c>), applied by <see cref="ActivityReader"/> to
/// <c>POST /api/messages</c> and to activities posted over Direct Line alike.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Limits";

    /// <summary>Largest accepted request body in bytes; larger bodies get 413. The Bot Connector's own limit is 256 KB.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest accepted JSON nesting; deeper bodies get 400 (adaptive cards rarely go past 20).</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Characters of user text passed to the dialogs (and so to the LLM); longer text is truncated, not rejected.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Most attachments one activity may carry; more gets 400.</summary>
    public int MaxAttachments { get; set; } = 20;

    /// <summary>Most entities one activity may carry; more gets 400.</summary>
    public int MaxEntities { get; set; } = 50;
}
