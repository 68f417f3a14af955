using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The author deploys new dialogs while conversations are open: the real BotServer with the file store, restarted
/// between two turns on another dialogs folder. The conversation keeps what still fits, starts its flow again (with the
/// <c>recovered</c> notice) where its step is gone, and the operator's log names the conversation and what did not fit.
/// </summary>
public sealed class DialogsDeployedMidConversationTests : IAsyncLifetime
{
    private const string Version1 = """
        bot:
          id: shop
          name: Shop
          languages: [en, de]
        slot_types:
          size: { kind: enum, values: [small, medium, large] }
        flows:
          order:
            examples: { en: [place an order], de: [eine Bestellung aufgeben] }
            slots: { size: size, count: integer, note: text }
            steps:
              - { id: ask_size, ask: size, response: ask_size }
              - { id: ask_count, ask: count, response: ask_count }
              - { id: ask_note, ask: note, response: ask_note }
              - end: ordered
        responses:
          ask_size: { text: { en: Which size?, de: Welche Größe? } }
          ask_count: { text: { en: How many?, de: Wie viele? } }
          ask_note: { text: { en: Any note?, de: Noch eine Anmerkung? } }
          ordered: { text: { en: "Ordered {{ count }} {{ size }}: {{ note }}.", de: "{{ count }} {{ size }} bestellt: {{ note }}." } }
        """;

    private readonly StateFolder _state = new();
    private readonly List<string> _folders = [];
    private readonly ConcurrentQueue<string> _logs = new();
    private LocalConnectorServer _channel = null!;
    private ChannelConversation _chat = null!;

    public async Task InitializeAsync()
    {
        _channel = await LocalConnectorServer.StartAsync();
        _chat = ChannelConversation.Emulator(_channel.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        _state.Dispose();
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
    }

    // One server process's life on these dialogs: the turns, then the server stops (the deployment restarts it).
    private async Task RunAsync(string dialogs, params (string Id, string Text, string Locale)[] turns)
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-dialogs-").FullName;
        _folders.Add(folder);
        File.WriteAllText(Path.Combine(folder, "bot.yaml"), dialogs);
        await using var host = new BotServerHost()
            .WithSetting("Dialogs:Path", folder)
            .WithSetting("Storage:FilePath", _state.Path)
            .WithSetting("Understanding:Mode", "lexical")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(new LineLogger(_logs)));
        using var client = host.CreateClient();
        foreach (var (id, text, locale) in turns)
        {
            var message = _chat.Message(id, text);
            message.Locale = locale;
            var response = await client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(message), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private IEnumerable<string?> Said(int skip) => _channel.Messages.Skip(skip).Select(m => m.Text);

    private Task AtNoteAsync() => RunAsync(Version1, ("m1", "place an order", "en-US"), ("m2", "medium", "en-US"), ("m3", "2", "en-US"));

    [Fact]
    public async Task A_renamed_question_starts_the_flow_again_with_the_values_given_and_the_answer_is_still_taken()
    {
        await AtNoteAsync();
        Assert.Equal("Any note?", _channel.Messages[^1].Text);

        await RunAsync(Version1.Replace("id: ask_note", "id: ask_remark"), ("m4", "gift wrap please", "en-US"));

        Assert.Equal(["Sorry, something changed on my side during our conversation, so I may need to ask you something again.", "Ordered 2 medium: gift wrap please."], Said(3));
        var line = Assert.Single(_logs, l => l.Contains("did not fit", StringComparison.Ordinal));
        Assert.Contains("step 'order.ask_note' is gone", line, StringComparison.Ordinal);
        Assert.Contains(_chat.Id, line, StringComparison.Ordinal);
        Assert.DoesNotContain("medium", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_choice_is_asked_again_in_the_users_language_and_the_rest_is_kept()
    {
        await RunAsync(Version1, ("m1", "eine Bestellung aufgeben", "de-DE"), ("m2", "medium", "de-DE"), ("m3", "2", "de-DE"));

        await RunAsync(Version1.Replace("values: [small, medium, large]", "values: [small, large]"), ("m4", "Geschenkverpackung", "de-DE"));
        await RunAsync(Version1.Replace("values: [small, medium, large]", "values: [small, large]"), ("m5", "large", "de-DE"), ("m6", "Geschenkverpackung", "de-DE"));

        Assert.Equal(["Entschuldigung, bei mir hat sich während unseres Gesprächs etwas geändert, deshalb muss ich Sie vielleicht etwas noch einmal fragen.", "Welche Größe?", "Noch eine Anmerkung?", "2 large bestellt: Geschenkverpackung."], Said(3));
        Assert.Contains(_logs, l => l.Contains("value of 'order.size' does not fit its type 'size' any more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_authors_own_words_replace_the_notice()
    {
        await AtNoteAsync();
        var changed = Version1.Replace("id: ask_note", "id: ask_remark")
            .Replace("languages: [en, de]", "languages: [en, de]\npatterns:\n  recovered: { response: updated }")
            + "\n  updated: { text: { en: We changed a few things - here is where we are., de: Wir haben etwas geändert. } }\n";

        await RunAsync(changed, ("m4", "gift wrap please", "en-US"));

        Assert.Equal(["We changed a few things - here is where we are.", "Ordered 2 medium: gift wrap please."], Said(3));
    }

    /// <summary>Each log line with its scopes (the turn's scope names the conversation), as an operator's log shows it.</summary>
    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(LineLogger owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new StringBuilder();
                owner._scopes.ForEachScope((scope, b) => b.Append(" => ").Append(scope), scopes);
                owner.Lines.Enqueue($"{logLevel} {eventId.Id}: {formatter(state, exception)}{scopes}");
            }
        }

        private ConcurrentQueue<string> Lines => lines;
    }
}
