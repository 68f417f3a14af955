using Chatbot.Bot.Hosting;
using Chatbot.Understanding.Embedded;

namespace Chatbot.BotServer;

/// <summary>
/// Opens the <see cref="EmbeddedModelLoadGate"/> once the server has answered its first request, or <see cref="IdleDelay"/>
/// after start when no request came (an idle server loads at once), and at the latest <see cref="MaxDelay"/> after start
/// (a first request that never ends, e.g. a Web Chat stream). A serverless cold start is a request waiting from process
/// start; on a one- or two-core box the model's ~1 s of CPU would compete with that first turn (bench/RESULTS.md,
/// issue 19 session 7). Until the model is loaded the lexical recognizer answers and readiness says "warming up".
/// </summary>
internal sealed class EmbeddedModelLoadScheduler(EmbeddedModelLoadGate gate, IHostApplicationLifetime lifetime, TimeProvider timeProvider)
    : IHostedService, IDisposable
{
    /// <summary>How long after start a server that has seen no request waits before it loads the model.</summary>
    internal static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(1);

    /// <summary>The latest the load begins after start, whatever the traffic.</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private int _requests;
    private ITimer? _idle;
    private ITimer? _max;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            _idle = timeProvider.CreateTimer(_ => OpenIfNoRequestCame(), null, IdleDelay, Timeout.InfiniteTimeSpan);
            _max = timeProvider.CreateTimer(_ => gate.Open(), null, MaxDelay, Timeout.InfiniteTimeSpan);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _idle?.Dispose();
        _max?.Dispose();
    }

    /// <summary>Middleware: the first request to end opens the gate (its reply has been sent by then).</summary>
    /// <remarks>Once the gate is open (every request after the first), the next middleware's own task: no state machine
    /// of this one per request (issue 19).</remarks>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) => gate.IsOpen ? next(context) : OpenAfterAsync(context, next);

    private async Task OpenAfterAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            gate.Open();
        }
    }

    private void OpenIfNoRequestCame()
    {
        // A request in flight opens the gate when it ends.
        if (Volatile.Read(ref _requests) == 0)
        {
            gate.Open();
        }
    }
}

/// <summary>Readiness says "warming up" while the embedded model is asked for and not yet loaded.</summary>
internal sealed class EmbeddedModelWarmUpState(EmbeddedModelLoader loader) : IWarmUpState
{
    // NotStarted: nothing asked for the model (lexical or LLM mode); Failed: lexical keeps answering for good (logged).
    public bool IsWarmingUp => loader.State is EmbeddedModelState.Waiting or EmbeddedModelState.Loading;
}
