using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// The text form of understanding commands used in test files and cassettes:
/// <c>start_flow order_status</c>, <c>set_slot quantity 2</c>, <c>clarify a b</c>, <c>affirm</c>, <c>cancel</c>, …
/// </summary>
internal static class CommandSyntax
{
    /// <summary>The command words, as written.</summary>
    public static readonly IReadOnlyList<string> Words =
        ["start_flow", "set_slot", "affirm", "deny", "cancel", "help", "start_over", "handoff", "clarify", "chitchat", "cannot_handle"];

    /// <summary>Parses one command; returns null and a reason when the text is not a command.</summary>
    public static Command? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            error = "an empty command";
            return null;
        }
        var word = parts[0];
        Command? command = word switch
        {
            "start_flow" when parts.Length == 2 => new StartFlowCommand(parts[1]),
            "set_slot" when parts.Length == 3 => new SetSlotCommand(parts[1], parts[2]),
            "clarify" when parts.Length >= 2 => new ClarifyCommand(string.Join(' ', parts.Skip(1)).Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            "affirm" when parts.Length == 1 => new AffirmCommand(),
            "deny" when parts.Length == 1 => new DenyCommand(),
            "cancel" when parts.Length == 1 => new CancelCommand(),
            "help" when parts.Length == 1 => new HelpCommand(),
            "start_over" when parts.Length == 1 => new StartOverCommand(),
            "handoff" when parts.Length == 1 => new HandoffCommand(),
            "chitchat" when parts.Length == 1 => new ChitchatCommand(),
            "cannot_handle" when parts.Length == 1 => new CannotHandleCommand(),
            _ => null,
        };
        if (command is null)
        {
            error = Words.Contains(word)
                ? $"'{text}' has the wrong arguments (write 'start_flow <flow>', 'set_slot <slot> <value>', 'clarify <flow> <flow>' or the bare word)"
                : $"unknown command '{word}' (one of: {string.Join(", ", Words)})";
        }
        return command;
    }

    /// <summary>Formats a command in the same text form.</summary>
    public static string Format(Command command) => command switch
    {
        StartFlowCommand s => "start_flow " + s.Flow,
        SetSlotCommand s => $"set_slot {s.Slot} {s.Value}",
        ClarifyCommand c => "clarify " + string.Join(' ', c.Flows),
        AffirmCommand => "affirm",
        DenyCommand => "deny",
        CancelCommand => "cancel",
        HelpCommand => "help",
        StartOverCommand => "start_over",
        HandoffCommand => "handoff",
        ChitchatCommand => "chitchat",
        CannotHandleCommand => "cannot_handle",
        _ => command.Kind.ToString(),
    };
}
