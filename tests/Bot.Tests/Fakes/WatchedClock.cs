using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Fakes;

/// <summary>A fake clock that tells a test when the code under test has started a timer, so the test advances past it, not before it.</summary>
internal sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _started = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Signal)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_started)
        {
            _started.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => Started(w.Due) >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been started (30 s at most).</summary>
    public Task WaitForTimersAsync(TimeSpan dueTime, int count = 1)
    {
        lock (_started)
        {
            if (Started(dueTime) >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private int Started(TimeSpan dueTime) => _started.Count(d => d == dueTime);
}
