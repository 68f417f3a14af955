namespace Chatbot.Bot.Configuration;

/// <summary>Input limits for <c>POST /api/messages</c> (configuration section <c>Limits</c>).</summary>
public sealed class LimitsOptions
{
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

    internal static bool IsValid(LimitsOptions o) =>
        o.MaxBodyBytes is > 0 and <= 16 * 1024 * 1024
        && o.MaxJsonDepth is > 0 and <= 256
        && o.MaxTextLength > 0 && o.MaxAttachments >= 0 && o.MaxEntities >= 0;
}
