using System.Text.Json;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Tests.Fakes;

/// <summary>Counts accepted messages in a slot and answers "count N"; greets on conversation start. Can be held open.</summary>
internal sealed class CounterEngine : IDialogEngine
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When set, each turn signals <see cref="Entered"/> and waits for this before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Texts the engine has seen, in call order.</summary>
    public List<string?> Texts { get; } = [];

    /// <summary>The user time zones the host passed, in call order.</summary>
    public List<string?> TimeZones { get; } = [];

    public Func<TurnInput, Exception?>? Throw { get; set; }

    /// <summary>When set, turn N (1-based) awaits the task this returns before answering.</summary>
    public Func<int, Task>? Hold { get; set; }

    /// <summary>How many replies a message gets ("count N", or "count N (i/M)" when more than one).</summary>
    public int RepliesPerTurn { get; set; } = 1;

    /// <summary>When true, a message changes nothing and says nothing (e.g. an empty message).</summary>
    public bool Silent { get; set; }

    /// <summary>When set, a message changes nothing and says nothing while the count it finds is below this (as a "yes" means nothing before a question).</summary>
    public int? SilentBelow { get; set; }

    /// <summary>When true, a message is answered with no dialog state, as a turn no engine ran for (the contract says State is never null; the host must not rely on it).</summary>
    public bool Stateless { get; set; }

    public async ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Texts)
        {
            Texts.Add(input.Text);
            TimeZones.Add(input.TimeZone);
        }
        if (Throw?.Invoke(input) is { } ex) throw ex;
        await Task.Yield();
        if (Hold is { } hold) await hold(call).WaitAsync(cancellationToken);
        if (Gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        var state = input.State ?? new DialogState();
        if ((Silent || (SilentBelow is { } below && (state.Slots.TryGetValue("count", out var found) ? found.GetInt32() : 0) < below)) && input.Kind == TurnKind.Message)
        {
            return new TurnOutcome { State = state, StateChanged = false, Replies = [] };
        }

        if (Stateless && input.Kind == TurnKind.Message)
        {
            return new TurnOutcome { State = null!, Replies = [new Reply { ResponseId = "note", Text = "noted" }] };
        }

        if (input.Kind == TurnKind.ConversationStart)
        {
            return new TurnOutcome { State = state, Replies = [new Reply { ResponseId = "welcome", Text = "Welcome!" }] };
        }

        var count = (state.Slots.TryGetValue("count", out var c) ? c.GetInt32() : 0) + 1;
        var next = new DialogState { Stack = state.Stack, Slots = new Dictionary<string, JsonElement>(state.Slots) { ["count"] = JsonSerializer.SerializeToElement(count) } };
        var replies = Enumerable.Range(1, RepliesPerTurn).Select(i => new Reply
        {
            ResponseId = "count",
            Text = RepliesPerTurn == 1 ? $"count {count}" : $"count {count} ({i}/{RepliesPerTurn})",
            ExpectsInput = true,
            Buttons = [new ReplyButton("Again", "again")],
        }).ToList();
        return new TurnOutcome { State = next, Replies = replies };
    }
}
