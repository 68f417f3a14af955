using System.Text.Json.Serialization;

namespace Chatbot.Dialogs.Understanding;

/// <summary>The kinds of command a recognizer may return.</summary>
public enum CommandKind
{
    StartFlow,
    SetSlot,
    Affirm,
    Deny,
    Cancel,
    Help,
    StartOver,
    Handoff,
    Clarify,
    Chitchat,
    CannotHandle,
}

/// <summary>A typed instruction from understanding to the engine. The engine decides whether it is allowed.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(StartFlowCommand), "start_flow")]
[JsonDerivedType(typeof(SetSlotCommand), "set_slot")]
[JsonDerivedType(typeof(AffirmCommand), "affirm")]
[JsonDerivedType(typeof(DenyCommand), "deny")]
[JsonDerivedType(typeof(CancelCommand), "cancel")]
[JsonDerivedType(typeof(HelpCommand), "help")]
[JsonDerivedType(typeof(StartOverCommand), "start_over")]
[JsonDerivedType(typeof(HandoffCommand), "handoff")]
[JsonDerivedType(typeof(ClarifyCommand), "clarify")]
[JsonDerivedType(typeof(ChitchatCommand), "chitchat")]
[JsonDerivedType(typeof(CannotHandleCommand), "cannot_handle")]
public abstract record Command
{
    [JsonIgnore]
    public abstract CommandKind Kind { get; }

    /// <summary>The command of a kind that takes no arguments (cancel, help, …); <see cref="CannotHandleCommand"/> for the others.</summary>
    public static Command Create(CommandKind kind) => kind switch
    {
        CommandKind.Affirm => new AffirmCommand(),
        CommandKind.Deny => new DenyCommand(),
        CommandKind.Cancel => new CancelCommand(),
        CommandKind.Help => new HelpCommand(),
        CommandKind.StartOver => new StartOverCommand(),
        CommandKind.Handoff => new HandoffCommand(),
        CommandKind.Chitchat => new ChitchatCommand(),
        _ => new CannotHandleCommand(),
    };
}

public sealed record StartFlowCommand(string Flow) : Command { public override CommandKind Kind => CommandKind.StartFlow; }

/// <summary>Sets a slot. <see cref="Value"/> is already normalised (enum value, ISO date, number as invariant text).</summary>
public sealed record SetSlotCommand(string Slot, string Value) : Command { public override CommandKind Kind => CommandKind.SetSlot; }
internal sealed record AffirmCommand : Command { public override CommandKind Kind => CommandKind.Affirm; }
internal sealed record DenyCommand : Command { public override CommandKind Kind => CommandKind.Deny; }
internal sealed record CancelCommand : Command { public override CommandKind Kind => CommandKind.Cancel; }
internal sealed record HelpCommand : Command
{
    public override CommandKind Kind => CommandKind.Help;

    /// <summary>A question about the conversation ("where was I?", "why do you need that?") this help answers; null for plain help.</summary>
    [JsonIgnore]
    public StepQuestion? About { get; init; }

    /// <summary>For <see cref="StepQuestion.Options"/>: the enum slot whose choices are asked for when it is not the asked one ("which branches are there?" at the day); null: the asked one.</summary>
    [JsonIgnore]
    public string? Slot { get; init; }
}
/// <summary>
/// "change the address" at a confirmation: the user wants to give a confirmed slot again without saying the new value;
/// the engine asks for it anew and then confirms again. Found by the engine itself, never by a recognizer.
/// </summary>
internal sealed record ChangeSlotCommand(string Slot) : Command { public override CommandKind Kind => CommandKind.SetSlot; }
internal sealed record StartOverCommand : Command { public override CommandKind Kind => CommandKind.StartOver; }
internal sealed record HandoffCommand : Command { public override CommandKind Kind => CommandKind.Handoff; }
/// <summary>
/// The second of two requests in one message ("renew my loan and also reserve a book"): the flow starts under the one
/// this message starts, and runs when that one ends. Found by the engine itself, never by a recognizer.
/// </summary>
internal sealed record ThenStartCommand(string Flow) : Command { public override CommandKind Kind => CommandKind.StartFlow; }
internal sealed record ClarifyCommand(IReadOnlyList<string> Flows) : Command { public override CommandKind Kind => CommandKind.Clarify; }
internal sealed record ChitchatCommand : Command { public override CommandKind Kind => CommandKind.Chitchat; }
internal sealed record CannotHandleCommand : Command { public override CommandKind Kind => CommandKind.CannotHandle; }
