using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Tests;
using Chatbot.Dialogs.Understanding;
using Chatbot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Understanding;

/// <summary>
/// The sample library bot on the model path (the real Azure OpenAI client, a scripted local model): what a model that
/// reads the message well answers gives the user what the local recognizers' path gives.
/// </summary>
public sealed class ModelPathTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CompiledBot Library()
    {
        var folder = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(folder, "samples", "library"))) folder = Path.GetDirectoryName(folder)!;
        var result = DialogLoader.LoadFolder(Path.Combine(folder, "samples", "library"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }

    private Conversation Chat() => new(Library(), new LlmUnderstanding(ChatClientFactory.CreateAzure(_server.BaseUri, "gpt-4o", "k"), timeProvider: new FakeTimeProvider())
        .AsBuilder().UseFallback(new KeywordRecognizer()).Build());

    private static object Start(string flow) => new { kind = "start_flow", flow, slot = (string?)null, value = (string?)null, flows = Array.Empty<string>() };

    [Fact]
    public async Task Two_requests_the_model_reads_in_one_message_run_one_after_the_other()
    {
        // conv19's finding 7 on the model path: the model answered both start_flows and the second request was lost.
        _server.EnqueueCommands(Start("renew_loan"), Start("reserve_book"));
        var chat = Chat();

        var outcome = await chat.Say("I want to renew my loan and also reserve a book");

        Assert.Contains("flow_waiting:reserve_book", outcome.Trace.Events);
        Assert.Equal("ask_card", chat.Ids);
        Assert.Contains("two requests in one message", Assert.Single(_server.Requests).SystemPrompt, StringComparison.OrdinalIgnoreCase);
        await chat.Say("LIB123456");
        await chat.Say("Dune");
        await chat.Say("yes");
        Assert.Equal("renewed,ask_title_reserve", chat.Ids);
        Assert.Equal(["reserve_book"], chat.Flows);
    }

    [Fact]
    public async Task A_third_request_in_one_message_is_not_started()
    {
        _server.EnqueueCommands(Start("renew_loan"), Start("reserve_book"), Start("opening_hours"));
        var chat = Chat();

        await chat.Say("renew my loan, reserve a book and tell me when you are open");

        Assert.Equal(["reserve_book", "renew_loan"], chat.Flows);
    }
}
