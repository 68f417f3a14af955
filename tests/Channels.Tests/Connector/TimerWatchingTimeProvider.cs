using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

// Not "...Tests.Connector": that namespace would shadow Chatbot.Channels.Connector for sibling test folders.
namespace Chatbot.Channels.Tests.ConnectorTests;

/// <summary>A FakeTimeProvider that reports every timer the code under test starts, so a test can advance exactly past it.</summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits (without sleeping) until the next timer is started and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>True when no timer was started since the last <see cref="NextTimerAsync"/>.</summary>
    public bool NoPendingTimers => !_timers.Reader.TryPeek(out _);
}
