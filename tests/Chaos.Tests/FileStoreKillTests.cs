using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chatbot.Channels.Activities;
using Chatbot.EndToEnd.Tests;
using Chatbot.Storage;
using Chatbot.Storage.File;
using Chatbot.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Chatbot.Chaos.Tests;

/// <summary>
/// The file store's durability contract (docs/exactly-once.md, "The file store's durability"): flushing to disk is
/// batched (here a minute, so nothing of this test is flushed by the store), and still a BotServer killed with -9 in the
/// middle of turns, again and again, loses no committed turn and leaves no damaged file: restarted on the same folder,
/// every conversation counts on from its last committed turn, each message counted once, and each delivery record (kept in
/// the state file since issue 19's perf19) says delivered once its message was answered.
/// </summary>
public sealed partial class FileStoreKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Conversations = 8;
    private const int Messages = 30; // within the ring of 32, so every message's record is still there at the end
    private const int Kills = 3;

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("chatbot-filestore-kill-");
    private LocalConnectorServer _sink = null!;
    private ChannelStandIn _channel = null!;
    private BotServerProcess? _bot;
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        _sink = await LocalConnectorServer.StartAsync();
        _settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "File",
            ["Storage__FilePath"] = _state.FullName,
            ["Storage__FlushInterval"] = "00:01:00",
            ["Turn__TypingDelay"] = "00:00:00",
            ["RateLimits__Enabled"] = "false",
            ["Understanding__Mode"] = "lexical",
            ["Dialogs__Path"] = Path.Combine(AppContext.BaseDirectory, "chaos-dialogs"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on" tells the test it is up
        };
        _bot = await BotServerProcess.StartAsync(0, _settings);
        _channel = new ChannelStandIn([_bot.BaseAddress], _sink.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.DisposeAsync();
        _channel?.Dispose();
        await _sink.DisposeAsync();
        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task A_bot_killed_again_and_again_mid_turn_with_flushes_batched_answers_every_message_once_and_damages_no_file()
    {
        var conversations = Enumerable.Range(0, Conversations).Select(c => $"kill-file-{c}").ToList();
        var sending = conversations.Select(SendSequenceAsync).ToList();
        var killedOutput = new System.Text.StringBuilder();

        for (var kill = 1; kill <= Kills; kill++)
        {
            // Kill each time the (restarted) bot answered a few more messages, while the rest are in flight (polling with
            // a generous bound).
            var bound = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
            var target = Answered() + Conversations;
            while (Answered() < target)
            {
                Assert.True(DateTimeOffset.UtcNow < bound, $"the bot answered too few messages before kill {kill}");
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }

            var port = _bot!.BaseAddress.Port;
            var killed = _bot;
            _bot = null;
            await killed.DisposeAsync(); // SIGKILL, mid-turn
            killedOutput.Append(killed.Output);
            output.WriteLine($"kill {kill} after {Answered()} answered messages");
            _bot = await BotServerProcess.StartAsync(port, _settings); // the channel keeps re-sending to the same address
        }

        await Task.WhenAll(sending);

        var attempts = _channel.Attempts;
        // A damaged state file answers 500 and is logged as damaged. (503 is allowed: a turn slowed past its lease by the
        // restart answers it, and the channel re-sends.)
        Assert.DoesNotContain(attempts, a => a.Status == 500);
        Assert.DoesNotContain("damaged", killedOutput + _bot!.Output, StringComparison.Ordinal);
        var replies = _sink.Requests.Where(r => r.Activity is { Type: ActivityTypes.Message } && r.AnsweredStatus == 200).Select(r => r.Activity!).ToList();
        foreach (var conversation in conversations)
        {
            var ids = attempts.Where(a => a.ConversationId == conversation && a.Status == 200).Select(a => a.ActivityId).ToHashSet();
            Assert.Equal(Messages, ids.Count);
            // Each message counted exactly once: a commit lost with the process would repeat a count, a doubled one skip one.
            var counts = replies.Where(r => ids.Contains(r.ReplyToId!) && r.Id!.EndsWith(":reply:1", StringComparison.Ordinal))
                .DistinctBy(r => r.Id).Select(r => int.Parse(CountText().Match(r.Text!).Groups[1].Value, CultureInfo.InvariantCulture)).Order();
            Assert.Equal(Enumerable.Range(1, Messages), counts);
            // A reply that arrived twice (sent just before a kill, its record lost with the process) came under one id.
            Assert.All(replies.Where(r => ids.Contains(r.ReplyToId!)).GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Text).Distinct()));
        }

        output.WriteLine($"{attempts.Count} posts for {Conversations * Messages} messages; {attempts.Count(a => a.Error is not null)} dropped by the kills; " +
            $"{replies.Count - replies.DistinctBy(r => r.Id).Count()} replies re-sent under their ids");
        await AssertEveryFileWholeAndEveryMessageRecordedAsync(conversations, attempts);
    }

    // Read back as the next process would: every state file whole, no side file, every answered message recorded as
    // delivered (in the state's ring, or in the note beside it).
    private async Task AssertEveryFileWholeAndEveryMessageRecordedAsync(List<string> conversations, IReadOnlyList<ChannelStandIn.Attempt> attempts)
    {
        var bot = _bot!;
        _bot = null;
        await bot.DisposeAsync();
        Assert.Empty(Directory.GetFiles(_state.FullName, "*.rec"));
        using var store = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = _state.FullName }), TimeProvider.System);
        foreach (var conversation in conversations)
        {
            var stored = await store.ReadAsync(DocumentIds.ForConversation("emulator", conversation), CancellationToken.None);
            Assert.NotNull(stored);
            var recent = JsonNode.Parse(stored.Content.Span)!["recent"]!.AsArray().Select(e => e!).ToList();
            if (stored.Note is { } note && JsonNode.Parse(note.Span) is { } record)
            {
                var at = recent.FindIndex(e => (string?)e["id"] == (string?)record["id"]);
                Assert.True(at >= 0, $"the note of {conversation} names no entry of its ring");
                recent[at] = record;
            }

            var answered = attempts.Where(a => a.ConversationId == conversation && a.Status == 200).Select(a => a.ActivityId).ToHashSet();
            Assert.Equal(answered.Order(StringComparer.Ordinal), recent.Select(e => (string)e["id"]!).Order(StringComparer.Ordinal));
            Assert.All(recent, e => Assert.True((bool?)e["delivered"] == true, $"{conversation}: {e.ToJsonString()} is not recorded as delivered"));
        }
    }

    private int Answered() => _channel.Attempts.Count(a => a.Status == 200);

    private async Task SendSequenceAsync(string conversation)
    {
        for (var i = 0; i < Messages; i++)
        {
            await _channel.DeliverAsync(_channel.Message(conversation), 0);
            // The user's pause before the next message: turns take milliseconds, so without it the whole script could be
            // answered before the first kill lands.
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    [GeneratedRegex("^count ([0-9]+)$")]
    private static partial Regex CountText();
}
