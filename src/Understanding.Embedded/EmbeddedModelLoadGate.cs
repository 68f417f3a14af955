namespace Chatbot.Understanding.Embedded;

/// <summary>
/// Holds the embedded model's background load until the host opens it. A host registers one (BotServer opens it once
/// its first request has been answered, or when no request came soon after start), so that on a one- or two-core box
/// the ~1 s of CPU the load takes does not compete with the first turn. Without one the load starts when asked.
/// </summary>
public sealed class EmbeddedModelLoadGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the gate is opened.</summary>
    public Task Opened => _opened.Task;

    /// <summary>Whether the gate has been opened.</summary>
    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>Lets the load begin (if it has been asked for; else it begins when first asked). Idempotent.</summary>
    public void Open() => _opened.TrySetResult();
}
