using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Dialogs.Tests.Runtime;

public sealed class DialogDefinitionsProviderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dialogs-" + Guid.NewGuid().ToString("N"));

    public DialogDefinitionsProviderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.EnumerateFiles(Sample.Folder, "*.yaml")) File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Orders => Path.Combine(_folder, "orders.yaml");

    [Fact]
    public void Valid_change_is_taken_and_broken_change_keeps_the_last_good_revision()
    {
        using var provider = new DialogDefinitionsProvider(_folder);
        var first = provider.Current;

        File.WriteAllText(Orders, File.ReadAllText(Orders).Replace("How many would you like?", "How many do you need?", StringComparison.Ordinal));
        Assert.True(provider.Reload());
        var second = provider.Current;
        Assert.NotEqual(first.Revision, second.Revision);

        File.WriteAllText(Orders, File.ReadAllText(Orders).Replace("response: ask_quantity", "response: ask_quantiti", StringComparison.Ordinal));
        Assert.False(provider.Reload());
        Assert.Same(second, provider.Current);
        Assert.Contains(provider.LastResult.Diagnostics, d => d.Id == "DLG2001");
    }

    [Fact]
    public async Task Live_conversation_is_not_disturbed_by_a_broken_edit()
    {
        using var provider = new DialogDefinitionsProvider(_folder);
        var engine = new DialogEngine(provider, new Chatbot.Dialogs.Understanding.KeywordRecognizer());
        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "order a laptop", Now = Conversation.Now }, CancellationToken.None);

        File.WriteAllText(Orders, File.ReadAllText(Orders).Replace("ask: quantity", "ask: quantty", StringComparison.Ordinal));
        provider.Reload();

        outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "3", State = outcome.State, Now = Conversation.Now }, CancellationToken.None);
        Assert.Equal("ask_size", Assert.Single(outcome.Replies).ResponseId);
    }

    [Fact]
    public void Broken_folder_at_start_throws_with_the_diagnostics()
    {
        File.WriteAllText(Orders, File.ReadAllText(Orders).Replace("http: orders", "http: order", StringComparison.Ordinal));
        var ex = Assert.Throws<DialogLoadException>(() => new DialogDefinitionsProvider(_folder));
        Assert.Contains("DLG2005", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Diagnostics, d => d.Id == "DLG2005");
    }

    [Fact]
    public async Task Watcher_reloads_after_the_debounce_delay()
    {
        var time = new FakeTimeProvider();
        using var provider = new DialogDefinitionsProvider(_folder, timeProvider: time, debounce: TimeSpan.FromSeconds(1));
        var first = provider.Current.Revision;
        var noticed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.ChangeDetected += () => noticed.TrySetResult();
        provider.ReloadAttempted += r => reloaded.TrySetResult(r.Succeeded);
        provider.StartWatching();

        File.WriteAllText(Orders, File.ReadAllText(Orders).Replace("How many would you like?", "How many?", StringComparison.Ordinal));
        await noticed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(reloaded.Task.IsCompleted); // nothing happens before the files are quiet
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(first, provider.Current.Revision);
    }

    [Fact]
    public async Task An_edited_knowledge_file_is_noticed_and_answered_from_after_the_reload()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "knowledge"));
        var markdown = Path.Combine(_folder, "knowledge", "faq.md");
        File.WriteAllText(markdown, "# Returns\nReturns are free within 14 days.\n");
        File.WriteAllText(Path.Combine(_folder, "faq.yaml"), """
            knowledge:
              files: [knowledge/faq.md]
            flows:
              faq:
                description: Questions about returns
                examples: { en: [can I return something], de: [kann ich etwas zurückgeben] }
                steps:
                  - answer:
                    if_no_answer: faq_unknown
            responses:
              faq_unknown: { text: { en: I don't know., de: Das weiß ich nicht. } }
            """);
        var time = new FakeTimeProvider();
        using var provider = new DialogDefinitionsProvider(_folder, timeProvider: time, debounce: TimeSpan.FromSeconds(1));
        var first = provider.Current;
        Assert.Equal("Returns are free within 14 days.", Assert.Single(first.Knowledge.Passages).Text);
        var noticed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.ChangeDetected += () => noticed.TrySetResult();
        provider.ReloadAttempted += r => reloaded.TrySetResult(r.Succeeded);
        provider.StartWatching();

        File.WriteAllText(markdown, "# Returns\nReturns are free within 30 days.\n");
        await noticed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(first.Revision, provider.Current.Revision);
        Assert.Equal("Returns are free within 30 days.", Assert.Single(provider.Current.Knowledge.Passages).Text);
    }
}
