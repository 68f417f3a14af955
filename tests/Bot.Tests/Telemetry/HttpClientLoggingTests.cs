using System.Collections.Concurrent;
using Chatbot.Bot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>F11 of the red-team run (issue 18): Information-level HttpClient logs printed full outbound URLs.</summary>
public sealed class HttpClientLoggingTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Outbound_urls_reach_the_logs_only_with_http_spans_on(string? httpSpans, bool logged)
    {
        var captured = new CapturingLoggerProvider();
        await using var bot = await BotUnderTest.StartAsync(
            new() { ["Telemetry:HttpSpans"] = httpSpans },
            services => services.AddLogging(logging => logging.AddProvider(captured)));

        await bot.PostAsync(bot.Message("order AB12345", conversationId: "conv-secret-1"));

        Assert.NotEmpty(bot.Connector.Messages);
        var withUrl = captured.Messages.Where(m => m.Contains("conv-secret-1", StringComparison.Ordinal)).ToList();
        Assert.True(logged == withUrl.Count > 0, string.Join("\n", withUrl.DefaultIfEmpty("(no log line names the conversation)")));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    provider.Messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
