namespace Chatbot.Dialogs.Model;

/// <summary>
/// Responses used by the built-in conversation patterns. Each defaults to a built-in response
/// (<c>builtin.*</c>) so a bot works without writing any of them.
/// </summary>
internal sealed class PatternSettings
{
    /// <summary>Asked before cancelling; null = cancel without asking.</summary>
    public NameRef? CancelConfirm { get; init; } = Builtin("cancel_confirm");
    public NameRef Cancelled { get; init; } = Builtin("cancelled");
    public NameRef Help { get; init; } = Builtin("help");
    public NameRef StartOver { get; init; } = Builtin("start_over");

    /// <summary>Asked before starting over while a flow is active; null (the default) = start over at once.</summary>
    public NameRef? StartOverConfirm { get; init; }
    public NameRef Handoff { get; init; } = Builtin("handoff");
    public NameRef Correction { get; init; } = Builtin("correction");
    public NameRef Chitchat { get; init; } = Builtin("chitchat");
    public NameRef CannotHandle { get; init; } = Builtin("cannot_handle");
    public NameRef Clarify { get; init; } = Builtin("clarify");
    public NameRef Resume { get; init; } = Builtin("resume");

    /// <summary>Said before the current question again when the user asks for a flow that is already running; <c>{{ flow.label }}</c> names it.</summary>
    public NameRef AlreadyRunning { get; init; } = Builtin("already_running");
    public NameRef Exhausted { get; init; } = Builtin("exhausted");
    public NameRef Error { get; init; } = Builtin("error");
    public NameRef Recovered { get; init; } = Builtin("recovered");

    /// <summary>Said when an answer lies outside the asked slot type's <c>min</c>/<c>max</c>; <c>{{ range.min }}</c> and <c>{{ range.max }}</c> name the range.</summary>
    public NameRef OutOfRange { get; init; } = Builtin("out_of_range");

    /// <summary>Said before the confirmation again when its answer was neither yes, no nor a correction (the attempt counts).</summary>
    public NameRef ConfirmExpected { get; init; } = Builtin("confirm_expected");

    /// <summary>Said before a free-text question again when its answer was only a yes or no (the attempt counts).</summary>
    public NameRef TextExpected { get; init; } = Builtin("text_expected");

    /// <summary>Said before a time question again when the answer was an hour that may be morning or evening ("at 8").</summary>
    public NameRef TimeAmbiguous { get; init; } = Builtin("time_ambiguous");

    /// <summary>Said when the user sends files or images and no step takes them (an ask of a <c>file</c> slot does).</summary>
    public NameRef Files { get; init; } = Builtin("files");

    /// <summary>Said instead of the question when a file ask gets words, not a file.</summary>
    public NameRef FileExpected { get; init; } = Builtin("file_expected");

    /// <summary>Said when a file ask gets a file of a type the slot does not accept; <c>{{ accepted.types }}</c> lists them.</summary>
    public NameRef FileType { get; init; } = Builtin("file_type");

    /// <summary>Said when a file ask gets a file larger than the slot's <c>max_size</c>; <c>{{ accepted.max_size }}</c> names it.</summary>
    public NameRef FileSize { get; init; } = Builtin("file_size");

    /// <summary>Pattern names as written under <c>patterns:</c>.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["cancel", "help", "start_over", "handoff", "correction", "chitchat", "cannot_handle", "clarify", "resume", "already_running", "exhausted", "error", "recovered", "out_of_range", "confirm_expected", "text_expected", "time_ambiguous", "files", "file_expected", "file_type", "file_size"];

    internal static NameRef Builtin(string name) => new("builtin." + name, new Diagnostics.SourceSpan("<built-in>", 1, 1));
}
