using Chatbot.Bot.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Chatbot.BotFunctions;

/// <summary>
/// Keeps an instance warm between conversations: loads the dialogs and touches storage so the first real turn after a
/// quiet period does not pay for them. Switch it off with the app setting <c>AzureWebJobs.KeepWarm.Disabled=true</c>;
/// the schedule is <c>KeepWarm:Schedule</c> (default every 5 minutes).
/// </summary>
public sealed partial class KeepWarmFunction(IEnumerable<IReadinessCheck> checks, ILogger<KeepWarmFunction> logger)
{
    /// <summary>Runs every readiness check once and logs the parts that are not ready (without details).</summary>
    [Function("KeepWarm")]
    public async Task RunAsync([TimerTrigger("%KeepWarm:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            if (!await check.IsReadyAsync(cancellationToken).ConfigureAwait(false))
            {
                LogNotReady(logger, check.Name);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Keep-warm: {Part} is not ready.")]
    private static partial void LogNotReady(ILogger logger, string part);
}
