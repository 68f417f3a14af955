using System.Text.Json;
using Chatbot.Bot.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Chatbot.BotFunctions.Tests;

public sealed class KeepWarmFunctionTests
{
    [Fact]
    public async Task A_tick_runs_every_readiness_check_once_so_the_next_turn_finds_dialogs_and_storage_warm()
    {
        var storage = new CountingCheck("storage", ready: true);
        var dialogs = new CountingCheck("dialogs", ready: false);
        var function = new KeepWarmFunction([storage, dialogs], NullLogger<KeepWarmFunction>.Instance);

        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Equal(1, storage.Calls);
        Assert.Equal(1, dialogs.Calls);
    }

    [Fact]
    public async Task A_part_that_is_not_ready_is_logged_by_name_only()
    {
        var logger = new Mock<ILogger<KeepWarmFunction>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var function = new KeepWarmFunction([new CountingCheck("dialogs", ready: false)], logger.Object);

        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(),
            It.Is<It.IsAnyType>((v, _) => v.ToString() == "Keep-warm: dialogs is not ready."),
            null, It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Fact]
    public void The_build_emits_a_timer_trigger_whose_schedule_comes_from_configuration()
    {
        var trigger = FunctionsMetadata.Binding("KeepWarm", "timerTrigger");
        Assert.Equal("%KeepWarm:Schedule%", trigger.GetProperty("schedule").GetString());
    }

    private sealed class CountingCheck(string name, bool ready) : IReadinessCheck
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(ready);
        }
    }
}
