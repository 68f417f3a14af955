using Chatbot.Testing;
using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Tests.Understanding;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Understanding;

public sealed class UnderstandingCompositionTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // A fake clock nobody advances keeps the LLM budget from expiring on a slow machine.
        return new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider()).AddChatbotUnderstanding(configuration).BuildServiceProvider();
    }

    private static PhrasingRequest Phrasing() => new() { ResponseId = "booked", Mode = "rephrase", TemplateText = "Table booked.", Language = "en" };

    [Fact]
    public async Task Configured_Azure_endpoint_runs_the_llm_path_with_at_most_one_call_per_turn_and_a_local_fallback()
    {
        using var provider = Build(new()
        {
            ["AzureOpenAI:Endpoint"] = _server.BaseUri.ToString(),
            ["AzureOpenAI:Deployment"] = "gpt-4o",
            ["AzureOpenAI:ApiKey"] = "k",
        });
        var understanding = provider.GetRequiredService<IUnderstanding>();

        _server.EnqueueCommands(new { kind = "start_flow", flow = "book_table", slot = (string?)null, value = (string?)null, flows = Array.Empty<string>() });
        var llm = await understanding.UnderstandAsync(SampleRequests.TopLevel("got room for 6 of us friday night?"), CancellationToken.None);

        _server.EnqueueStatus(503);
        var fallback = await understanding.UnderstandAsync(SampleRequests.TopLevel("where is my order please"), CancellationToken.None);

        Assert.Equal(("llm", 1), (llm.Path, llm.LlmCalls));
        Assert.Equal([new StartFlowCommand("book_table")], llm.Commands);
        Assert.Equal(("fallback", 1), (fallback.Path, fallback.LlmCalls));
        Assert.Equal([new StartFlowCommand("order_status")], fallback.Commands);
        Assert.Equal(2, _server.Requests.Count);

        // Phrasing goes to the same model.
        _server.EnqueueContent("Your table for six is booked.");
        var phrased = await provider.GetRequiredService<IResponsePhraser>().PhraseAsync(Phrasing(), CancellationToken.None);
        Assert.Equal(("Your table for six is booked.", true, null), (phrased.Text, phrased.FromModel, phrased.FallbackReason));
    }

    [Fact]
    public async Task No_configuration_and_no_embedded_model_uses_the_keyword_recognizer()
    {
        using var provider = Build([]);

        var result = await provider.GetRequiredService<IUnderstanding>().UnderstandAsync(SampleRequests.TopLevel("where is my order now"), CancellationToken.None);

        Assert.Equal("keyword", result.Path);
        Assert.Equal([new StartFlowCommand("order_status")], result.Commands);
        var phrased = await provider.GetRequiredService<IResponsePhraser>().PhraseAsync(Phrasing(), CancellationToken.None);
        Assert.Equal(("Table booked.", false, "no model configured"), (phrased.Text, phrased.FromModel, phrased.FallbackReason));
    }

    [Fact]
    public async Task Lexical_mode_forces_the_lexical_recognizer()
    {
        using var provider = Build(new() { ["Understanding:Mode"] = "lexical" });

        var result = await provider.GetRequiredService<IUnderstanding>().UnderstandAsync(SampleRequests.TopLevel("wher is my ordr"), CancellationToken.None);

        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand("order_status")], result.Commands);
    }

    [Fact]
    public async Task Lexical_mode_never_builds_a_registered_embedded_recognizer_so_its_model_is_not_loaded()
    {
        var built = 0;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Understanding:Mode"] = "lexical" }).Build();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddKeyedSingleton<IUnderstanding>(UnderstandingServiceKeys.Embedded, (_, _) =>
            {
                built++;
                return Moq.Mock.Of<IUnderstanding>();
            })
            .AddChatbotUnderstanding(configuration)
            .BuildServiceProvider();

        var result = await provider.GetRequiredService<IUnderstanding>().UnderstandAsync(SampleRequests.TopLevel("wher is my ordr"), CancellationToken.None);
        var description = UnderstandingServiceCollectionExtensions.Describe(provider);

        Assert.Equal("lexical", result.Path);
        Assert.Contains("lexical", description, StringComparison.Ordinal);
        Assert.Equal(0, built);
    }

    [Fact]
    public void Bad_settings_fail_at_start_with_a_readable_message()
    {
        using var provider = Build(new() { ["Understanding:Timeout"] = "00:00:30" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UnderstandingOptions>>().Value);
        Assert.Contains("Understanding:Timeout must be between 0 and 14 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_without_deployment_is_rejected()
    {
        using var provider = Build(new() { ["AzureOpenAI:Endpoint"] = "https://x.openai.azure.com/" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value);
        Assert.Contains("AzureOpenAI:Deployment must be set", error.Message, StringComparison.Ordinal);
    }
}
