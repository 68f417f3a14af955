namespace Chatbot.Dialogs.Understanding;

/// <summary>Built-in example utterances for the global commands, used by the example-matching recognizers (English).</summary>
internal static class GlobalIntents
{
    public static readonly IReadOnlyList<(CommandKind Kind, string[] Examples)> All =
    [
        (CommandKind.Cancel, ["cancel", "stop", "never mind", "forget it", "quit", "abort", "cancel that", "I don't want to continue"]),
        (CommandKind.Help, ["help", "what can you do", "I need help", "how does this work", "what are my options", "help me"]),
        (CommandKind.StartOver, ["start over", "restart", "let's start again", "begin again", "reset the conversation", "from the beginning"]),
        (CommandKind.Handoff, ["talk to a human", "speak to an agent", "I want a real person", "connect me to a person", "human please", "let me talk to someone"]),
        (CommandKind.Chitchat, ["hi", "hello", "hey there", "how are you", "thanks", "thank you", "good morning", "who are you"]),
    ];

    public static Command Create(CommandKind kind) => kind switch
    {
        CommandKind.Cancel => new CancelCommand(),
        CommandKind.Help => new HelpCommand(),
        CommandKind.StartOver => new StartOverCommand(),
        CommandKind.Handoff => new HandoffCommand(),
        CommandKind.Chitchat => new ChitchatCommand(),
        _ => new CannotHandleCommand(),
    };
}
