using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Tests;
using Chatbot.Dialogs.Tests.Engine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Understanding;

/// <summary>The <c>answer</c> step: retrieval, the no-answer response, the grounded model answer and its fallbacks.</summary>
public sealed class KnowledgeAnswerTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CompiledBot Compiled()
    {
        var result = ClinicBot.Load();
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }

    private Conversation Chat(bool withModel, string flow = "practice_question")
    {
        var phraser = withModel ? new LlmResponsePhraser(ChatClientFactory.CreateAzure(_server.BaseUri, "gpt-4o", "k"), timeProvider: new FakeTimeProvider()) : null;
        return new Conversation(Compiled(), new StartFlow(flow), phraser: phraser);
    }

    [Fact]
    public async Task Without_a_model_the_best_passage_is_the_answer()
    {
        var chat = Chat(withModel: false);

        var outcome = await chat.Say("is there parking near you?");

        Assert.Equal("There is free parking behind the building; enter from Garden Street.", chat.Text);
        Assert.Equal("answer", chat.Ids); // the response id authors see for a knowledge answer
        Assert.Contains("knowledge_answer:texts/clinic.md:5", outcome.Trace.Events);
        Assert.Contains("flow_completed:practice_question", outcome.Trace.Events);
    }

    [Fact]
    public async Task A_question_the_texts_do_not_answer_gets_the_if_no_answer_response()
    {
        var chat = Chat(withModel: false);

        var outcome = await chat.Say("can you repair my bicycle");

        Assert.Equal("no_answer", chat.Ids);
        Assert.Contains("knowledge_no_answer", outcome.Trace.Events);
    }

    [Fact]
    public async Task The_question_can_come_from_a_slot_asked_before()
    {
        var chat = Chat(withModel: false, flow: "ask_first");

        await chat.Say("I have a question");
        Assert.Equal("ask_question", chat.Ids);
        await chat.Say("when are you open on saturdays");

        Assert.Contains("on Saturdays from 9:00 to 12:00", chat.Text);
    }

    [Fact]
    public async Task With_a_model_the_answer_is_generated_from_the_retrieved_passages_only()
    {
        _server.EnqueueContent("Yes, parking is free behind the building; enter from Garden Street.");
        var chat = Chat(withModel: true);

        var outcome = await chat.Say("is there parking near you?");

        Assert.Equal("Yes, parking is free behind the building; enter from Garden Street.", chat.Text);
        Assert.Equal(1, outcome.Trace.LlmCalls);
        var request = Assert.Single(_server.Requests).Body.ToJsonString();
        Assert.Contains("using only the passages", request);
        Assert.Contains("is there parking near you?", request);
        Assert.Contains("# Parking\\nThere is free parking behind the building", request);
        Assert.Contains("At most 3 sentences", request);
        Assert.DoesNotContain("AOK", request); // passages under the threshold are not sent
    }

    [Theory]
    [InlineData("Parking is free behind the building and costs nothing after 20:00.")] // a number the texts do not have
    [InlineData("Parking is free, and our dermatologist also offers botox treatments downtown.")] // words the texts do not have
    [InlineData("Parking is free. Enter from Garden Street. It is behind the building. Spaces are free.")] // more than max_sentences
    public async Task A_generated_answer_that_leaves_the_passages_falls_back_to_the_passage(string reply)
    {
        _server.EnqueueContent(reply);
        var chat = Chat(withModel: true);

        await chat.Say("is there parking near you?");

        Assert.Equal("There is free parking behind the building; enter from Garden Street.", chat.Text);
    }

    [Fact]
    public async Task A_model_that_finds_no_answer_in_the_passages_gets_the_if_no_answer_response()
    {
        _server.EnqueueContent("NO_ANSWER");
        var chat = Chat(withModel: true);

        await chat.Say("is parking free on sundays?");

        Assert.Equal("no_answer", chat.Ids);
    }

    [Fact]
    public async Task A_failing_model_still_answers_with_the_passage()
    {
        _server.EnqueueStatus(500);
        _server.EnqueueStatus(500);
        _server.EnqueueStatus(500);
        _server.EnqueueStatus(500);
        var chat = Chat(withModel: true);

        await chat.Say("is there parking near you?");

        Assert.Equal("There is free parking behind the building; enter from Garden Street.", chat.Text);
    }

    [Fact]
    public void A_missing_knowledge_file_is_an_error_at_its_name()
    {
        var result = ClinicBot.Load(markdown: null);

        var error = TestBots.Single(result, "DLG1080");
        Assert.Equal(("bots/bot.yaml", 6, 11), (error.Span.File, error.Span.Line, error.Span.Column));
        Assert.Contains("knowledge file 'texts/clinic.md' does not exist", error.Message);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("  files: [texts/clinic.md]", "  files: [../secrets.md]", "DLG1005")]
    [InlineData("  files: [texts/clinic.md]", "  files: [texts/clinic.txt]", "DLG1005")]
    [InlineData("        if_no_answer: no_answer\n  ask_first", "        max_sentences: 2\n  ask_first", "DLG1004")]
    [InlineData("        max_sentences: 2", "        max_sentences: 20", "DLG1005")]
    [InlineData("      - answer: question", "      - answer: questio", "DLG2003")]
    [InlineData("        if_no_answer: no_answer\n  ask_first", "        if_no_answer: no_answr\n  ask_first", "DLG2001")]
    [InlineData("knowledge:\n  files: [texts/clinic.md]\n", "", "DLG2080")]
    [InlineData("  question: text", "  question: integer", "DLG2081")]
    public void Misuse_is_reported_with_its_position(string find, string replace, string id)
    {
        var result = ClinicBot.Load(TestBots.Edit(ClinicBot.Yaml, find, replace));

        var error = result.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(error is not null, string.Join("\n", result.Diagnostics));
        Assert.False(result.Succeeded);
        Assert.Equal("bots/bot.yaml", error.Span.File);
        Assert.True(error.Span.Line > 1);
    }

    [Fact]
    public void An_edited_knowledge_file_is_a_new_revision() =>
        Assert.NotEqual(ClinicBot.Load().Revision, ClinicBot.Load(markdown: ClinicBot.Markdown + "\nNew paragraph.").Revision);

    private sealed class StartFlow(string flow) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand(flow)] : [] });
    }
}
