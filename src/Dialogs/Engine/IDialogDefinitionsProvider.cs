using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Engine;

/// <summary>Supplies the bot a turn runs with. The engine takes one snapshot per turn, so a reload never changes a running turn.</summary>
public interface IDialogDefinitionsProvider
{
    /// <summary>The current (last good) compiled bot.</summary>
    CompiledBot Current { get; }
}

/// <summary>A provider that always returns the same bot (tests, CLI).</summary>
public sealed class StaticDefinitionsProvider(CompiledBot bot) : IDialogDefinitionsProvider
{
    public CompiledBot Current { get; } = bot;
}
