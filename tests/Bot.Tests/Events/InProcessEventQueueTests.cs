using System.Collections.Concurrent;
using System.Text.Json;
using Chatbot.Bot.Events;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Events;

/// <summary>BotServer's in-process event queue: due order, the delay from the TimeProvider, 5 attempts 5 s apart, then poisoned in the log with the reason.</summary>
public sealed class InProcessEventQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<InProcessEventQueue> _log = new();
    private readonly RecordingIngress _ingress = new();
    private InProcessEventQueue _queue = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddSingleton<IEventIngress>(_ingress).BuildServiceProvider();
        _queue = new InProcessEventQueue(services, _time, _log);
        await _queue.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
    }

    private static BotEvent Event(string id) =>
        new() { Id = id, Name = "chatbot.remind", ChannelId = "emulator", Conversation = "c-1", Payload = JsonDocument.Parse("{}").RootElement };

    [Fact]
    public async Task Events_run_when_due_in_due_order_through_the_ingress()
    {
        await _queue.EnqueueAsync(Event("later"), TimeSpan.FromMinutes(2), CancellationToken.None);
        await _queue.EnqueueAsync(Event("sooner"), TimeSpan.FromMinutes(1), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(59));
        await _queue.EnqueueAsync(Event("now"), TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(["now"], await _ingress.UntilAsync(1));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(["now", "sooner", "later"], await _ingress.UntilAsync(3));
    }

    [Fact]
    public async Task An_event_that_does_not_run_is_tried_5_times_then_logged_as_poisoned_with_its_reason()
    {
        _ingress.Answer = id => id == "bad" ? new TurnResult(503, "The conversation is busy; retry.") : TurnResult.Ok;
        await _queue.EnqueueAsync(Event("bad"), TimeSpan.Zero, CancellationToken.None);
        await _ingress.UntilAsync(1);

        // Each retry is due 5 s after the failure; time moves on until no attempt is left.
        using var deadline = new CancellationTokenSource(Wait);
        while (!_log.Collector.GetSnapshot().Any(r => r.Message.Contains("poisoned", StringComparison.Ordinal)))
        {
            Assert.False(deadline.IsCancellationRequested, $"not poisoned after {_ingress.Count} attempts");
            _time.Advance(TimeSpan.FromSeconds(5));
            await _ingress.NextAsync(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(Enumerable.Repeat("bad", 5), await _ingress.UntilAsync(5));
        var poisoned = Assert.Single(_log.Collector.GetSnapshot(), r => r.Message.Contains("poisoned", StringComparison.Ordinal));
        Assert.Equal("Queued event chatbot.remind poisoned after 5 attempts: (503) The conversation is busy; retry.", poisoned.Message);

        // Nothing is due any more: the next event is the next to run.
        _time.Advance(TimeSpan.FromMinutes(1));
        await _queue.EnqueueAsync(Event("good"), TimeSpan.Zero, CancellationToken.None);
        Assert.Equal([.. Enumerable.Repeat("bad", 5), "good"], await _ingress.UntilAsync(6));
    }

    private sealed class RecordingIngress : IEventIngress
    {
        private readonly ConcurrentQueue<string> _ran = new();
        private readonly SemaphoreSlim _signal = new(0);

        public Func<string, TurnResult> Answer { get; set; } = _ => TurnResult.Ok;

        public Task<TurnResult> RunAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            var id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
            _ran.Enqueue(id);
            _signal.Release();
            return Task.FromResult(Answer(id));
        }

        public int Count => _ran.Count;

        /// <summary>Waits up to <paramref name="timeout"/> for one more run.</summary>
        public Task NextAsync(TimeSpan timeout) => _signal.WaitAsync(timeout);

        /// <summary>The ids run so far, once at least <paramref name="count"/> have run.</summary>
        public async Task<List<string>> UntilAsync(int count)
        {
            while (_ran.Count < count)
            {
                Assert.True(await _signal.WaitAsync(Wait), $"expected {count} runs, got {_ran.Count}");
            }

            return [.. _ran];
        }
    }
}
