namespace Chatbot.Bot.Configuration;

/// <summary>What the bot shows the Bot Framework Emulator's inspector (configuration section <c>Emulator</c>).</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>
    /// Send <c>trace</c> activities after each turn on the <c>emulator</c> channel: the turn trace and the dialog state
    /// (sensitive slots masked). Null (unset) = on in local mode (no <c>MicrosoftAppId</c>), off otherwise.
    /// </summary>
    public bool? Trace { get; set; }
}
