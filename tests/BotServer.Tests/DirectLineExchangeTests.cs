using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.BotServer.Tests;

/// <summary>BotServer's own Direct Line endpoint answers a turn exactly as <c>/api/messages</c> would (security finding F10).</summary>
public sealed class DirectLineExchangeTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private BotServerHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotServerHost().WithServices(s =>
        {
            s.AddSingleton<IDialogEngine>(new RecordingDialogEngine());
            s.AddSingleton<ILoggerProvider>(_logs);
        });
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_invoke_nobody_handles_gets_501_like_api_messages_and_logs_no_error()
    {
        var (conversationId, token, _) = await _client.StartDirectLineAsync();

        using var response = await _client.PostActivityAsync(conversationId, token, """{"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute"}}}""");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("No handler for this invoke.", error.GetProperty("message").GetString());
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task A_message_is_answered_into_the_feed()
    {
        var (conversationId, token, _) = await _client.StartDirectLineAsync();

        using var response = await _client.PostActivityAsync(conversationId, token, """{"type":"message","text":"hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("id", out _));
        using var feed = await _client.DirectLineAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        var texts = JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null);
        Assert.Equal(["welcome", "hello", "echo: hello"], texts);
    }

    /// <summary>Keeps every log entry the server writes (the host logs Warning and above).</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Category, Exception? Exception)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Category, Exception? Exception)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, Exception?)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, category, exception));
        }
    }
}
