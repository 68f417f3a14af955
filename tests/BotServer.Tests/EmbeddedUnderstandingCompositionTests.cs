using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;
using Chatbot.Understanding.Embedded.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The server composes Bot's understanding with the embedded model (Program.cs): with nothing configured the model
/// answers once loaded, the lexical recognizer before that, and lexical mode never loads it.
/// </summary>
public sealed class EmbeddedUnderstandingCompositionTests
{
    [Fact]
    public async Task With_no_configuration_the_host_understands_paraphrases_through_the_embedded_model()
    {
        var services = new ServiceCollection();
        // A wait long enough for any machine: the first message waits for the model's load and first reading.
        services.AddEmbeddedUnderstanding(o => o.ModelWait = TimeSpan.FromMinutes(1));
        services.AddChatbotUnderstanding(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var understanding = provider.GetRequiredService<IUnderstanding>();
        await provider.GetRequiredService<EmbeddedModelLoader>().Start(); // the model loads in the background

        var paraphrase = await understanding.UnderstandAsync(Requests.TopLevel("has my parcel left the warehouse"), CancellationToken.None);
        var exact = await understanding.UnderstandAsync(Requests.TopLevel("track my package"), CancellationToken.None);

        Assert.Equal(("embedded", 0), (paraphrase.Path, paraphrase.LlmCalls));
        Assert.Equal([new StartFlowCommand("order_status")], paraphrase.Commands);
        // Exact examples are read by the engine before any recognizer; the recognizer alone still gets them right.
        Assert.Equal("embedded", exact.Path);
        Assert.Equal([new StartFlowCommand("order_status")], exact.Commands);
        // No model configured: phrasing keeps the authors' template text.
        var phrased = await provider.GetRequiredService<IResponsePhraser>().PhraseAsync(
            new PhrasingRequest { ResponseId = "r", Mode = "rephrase", TemplateText = "On its way.", Language = "en" }, CancellationToken.None);
        Assert.Equal(("On its way.", false, "no model configured"), (phrased.Text, phrased.FromModel, phrased.FallbackReason));
    }

    [Fact]
    public async Task Turns_before_the_model_is_ready_are_understood_lexically_and_by_the_model_afterwards()
    {
        // The host holds the load until its first reply; a message the lexical recognizer places is answered at once.
        var gate = new EmbeddedModelLoadGate();
        var loader = new EmbeddedModelLoader(() => MiniLmModel.GetShared(), startGate: gate.Opened);
        var services = new ServiceCollection();
        services.AddSingleton(loader);
        services.AddEmbeddedUnderstanding(o => o.ModelWait = TimeSpan.FromMinutes(1));
        services.AddChatbotUnderstanding(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var understanding = provider.GetRequiredService<IUnderstanding>();

        var early = await understanding.UnderstandAsync(Requests.TopLevel("track my order please"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Waiting, loader.State);
        Assert.Equal("lexical", early.Path);
        Assert.Equal([new StartFlowCommand("order_status")], early.Commands);

        gate.Open();
        await loader.Start();
        var later = await understanding.UnderstandAsync(Requests.TopLevel("has my parcel left the warehouse"), CancellationToken.None);

        Assert.Equal(EmbeddedModelState.Ready, loader.State);
        Assert.Equal("embedded", later.Path);
        Assert.Equal([new StartFlowCommand("order_status")], later.Commands);
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
