using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// <c>answer</c> steps with <c>async: true</c>, engine side: the turn scores and hands the generation on (wait response,
/// a <c>chatbot.call</c> event), the worker (<see cref="SlowStepCaller"/>) generates, the <c>chatbot.continue</c> event
/// sends the answer once; messages meanwhile, the deadline, and the cases where nothing is deferred.
/// </summary>
public sealed class SlowAnswerTests
{
    private const string Parking = "There is free parking behind the building; enter from Garden Street.";

    private static readonly string SlowYaml = TestBots.Edit(
        TestBots.Edit(
            TestBots.Edit(ClinicBot.Yaml, "      - answer:\n        if_no_answer: no_answer\n", "      - answer:\n        if_no_answer: no_answer\n        async: true\n        wait: one_moment\n      - say: anything_else\n"),
            "        max_sentences: 2\n", "        max_sentences: 2\n        async: true\n"),
        "responses:\n", "responses:\n  one_moment: { text: { en: \"One moment, I am looking that up.\" } }\n  anything_else: { text: { en: Anything else? } }\n");

    private static CompiledBot Bot(string yaml = "")
    {
        var result = ClinicBot.Load(yaml.Length == 0 ? SlowYaml : yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }

    private static Conversation Chat(IResponsePhraser? phraser, CompiledBot? bot = null, string flow = "practice_question") =>
        new(bot ?? Bot(), new StartFlow(flow), phraser: phraser);

    private static SlowStepCaller Worker(CompiledBot bot, IResponsePhraser? phraser) =>
        new(new StaticDefinitionsProvider(bot), null, TimeProvider.System, phraser: phraser);

    private static Task<TurnOutcome> Continue(Conversation chat, JsonElement payload, DateTimeOffset? now = null) => chat.Run(new TurnInput
    {
        Kind = TurnKind.Event, EventName = SlowStepCaller.ContinueEvent, EventPayload = payload, Locale = "en", State = chat.State, Now = now ?? Conversation.Now,
    });

    [Fact]
    public async Task With_a_model_the_turn_hands_the_generation_on_and_the_continue_event_sends_it_once()
    {
        var phraser = new ScriptedPhraser(_ => new PhrasingResult("Yes: free parking behind the building, entrance on Garden Street.", FromModel: true, TokensIn: 300, TokensOut: 12));
        var bot = Bot();
        var chat = Chat(phraser, bot);

        var deferred = await chat.Say("is there parking near you?");

        Assert.Equal("one_moment", chat.Ids); // the wait response, nothing generated yet
        Assert.Empty(phraser.Requests);
        Assert.Contains("answer_deferred:#1", deferred.Trace.Events);
        var call = Assert.Single(deferred.Scheduled);
        Assert.Equal((SlowStepCaller.CallEvent, TimeSpan.Zero), (call.Name, call.Delay));
        var pending = chat.State!.Calling!;
        Assert.Equal((call.Id, "is there parking near you?", "en"), (pending.Id, pending.Question, pending.Language));
        Assert.Equal("Parking", bot.Knowledge.Passages[pending.Passages![0]].Heading);

        await chat.Say("hello? are you there?");
        Assert.Equal("builtin.still_working", chat.Ids);
        Assert.Empty(phraser.Requests);

        var payload = await Worker(bot, phraser).CallAsync(chat.State, call.Id, CancellationToken.None);
        var request = Assert.Single(phraser.Requests);
        Assert.Equal(("generate", "is there parking near you?", AnswerStepRunner.DeferredTimeout), (request.Mode, request.Question, request.Timeout));
        Assert.StartsWith("# Parking\n" + Parking, request.Passages[0]);

        var answered = await Continue(chat, payload);
        Assert.Equal("answer,anything_else", chat.Ids);
        Assert.Equal("Yes: free parking behind the building, entrance on Garden Street. | Anything else?", chat.Text);
        Assert.Equal((1, 300, 12), (answered.Trace.LlmCalls, answered.Trace.TokensIn, answered.Trace.TokensOut));
        Assert.Null(chat.State!.Calling);

        var again = await Continue(chat, payload);
        Assert.Empty(again.Replies);
        Assert.False(again.StateChanged);
    }

    [Fact]
    public async Task A_question_slot_stays_in_the_slot_and_the_worker_reads_it_from_the_state()
    {
        var phraser = new ScriptedPhraser(_ => new PhrasingResult("Saturdays from 9:00 to 12:00.", FromModel: true));
        var bot = Bot();
        var chat = Chat(phraser, bot, "ask_first");
        await chat.Say("I have a question");

        var call = Assert.Single((await chat.Say("when are you open on saturdays")).Scheduled);
        Assert.Null(chat.State!.Calling!.Question); // not copied out of its slot
        await Continue(chat, await Worker(bot, phraser).CallAsync(chat.State, call.Id, CancellationToken.None));

        Assert.Equal(("when are you open on saturdays", 2), (Assert.Single(phraser.Requests).Question, phraser.Requests[0].MaxSentences));
        Assert.Equal("Saturdays from 9:00 to 12:00.", chat.Text);
    }

    [Fact]
    public async Task A_model_that_finds_no_answer_gets_the_if_no_answer_response_and_a_failing_one_the_passage()
    {
        var bot = Bot();
        var noAnswer = Chat(new ScriptedPhraser(r => new PhrasingResult(r.TemplateText, false, PhrasingGuards.NoAnswerReason)), bot);
        var call = Assert.Single((await noAnswer.Say("is parking free on sundays?")).Scheduled);
        await Continue(noAnswer, await Worker(bot, new ScriptedPhraser(r => new PhrasingResult(r.TemplateText, false, PhrasingGuards.NoAnswerReason))).CallAsync(noAnswer.State, call.Id, CancellationToken.None));
        Assert.Equal("no_answer,anything_else", noAnswer.Ids);

        var failing = new ScriptedPhraser(_ => throw new InvalidOperationException("model down"));
        var chat = Chat(failing, bot);
        call = Assert.Single((await chat.Say("is there parking near you?")).Scheduled);
        var outcome = await Continue(chat, await Worker(bot, failing).CallAsync(chat.State, call.Id, CancellationToken.None));
        Assert.Equal(Parking + " | Anything else?", chat.Text);
        Assert.Contains("answer_failed:#1", outcome.Trace.Events);
    }

    [Fact]
    public async Task After_the_deadline_a_message_gets_the_best_passage_and_the_flow_goes_on()
    {
        var chat = Chat(new ScriptedPhraser(_ => new PhrasingResult("never sent", true)));
        await chat.Say("is there parking near you?");
        var until = chat.State!.Calling!.Until;
        Assert.Equal(Conversation.Now + AnswerStepRunner.DeferredTimeout + TimeSpan.FromMinutes(2), until);

        var late = await chat.Run(new TurnInput { Kind = TurnKind.Message, Text = "hello?", Locale = "en", State = chat.State, Now = until });

        Assert.Equal(Parking + " | Anything else?", chat.Text);
        Assert.Contains("answer_lost:#1", late.Trace.Events);
        Assert.Null(chat.State!.Calling);
    }

    [Fact]
    public async Task Events_for_the_conversation_are_refused_while_the_answer_is_generated()
    {
        var yaml = TestBots.Edit(SlowYaml, "responses:\n", "events:\n  ping: { say: anything_else }\nresponses:\n");
        var chat = Chat(new ScriptedPhraser(_ => new PhrasingResult("never sent", true)), Bot(yaml));
        await chat.Say("is there parking near you?");
        var before = chat.StateJson;

        var refused = await chat.Run(new TurnInput { Kind = TurnKind.Event, EventName = "ping", EventPayload = JsonDocument.Parse("{}").RootElement, State = chat.State, Now = Conversation.Now });

        Assert.Equal(EventRejectionKind.Conflict, refused.Rejection!.Kind);
        Assert.Equal(before, chat.StateJson);
    }

    [Theory]
    [InlineData(false)] // no phraser at all (chatbot test without a cassette)
    [InlineData(true)] // the template phraser hosts register when no model is configured
    public async Task Without_a_model_async_changes_nothing(bool templatePhraser)
    {
        var chat = Chat(templatePhraser ? new TemplateResponsePhraser() : null);

        var outcome = await chat.Say("is there parking near you?");

        Assert.Equal("answer,anything_else", chat.Ids);
        Assert.Equal(Parking + " | Anything else?", chat.Text);
        Assert.Empty(outcome.Scheduled);
        Assert.Null(chat.State!.Calling);
    }

    [Fact]
    public async Task With_no_passage_to_answer_from_the_if_no_answer_response_comes_at_once()
    {
        var phraser = new ScriptedPhraser(_ => new PhrasingResult("never sent", true));
        var chat = Chat(phraser);

        var outcome = await chat.Say("can you repair my bicycle");

        Assert.Equal("no_answer,anything_else", chat.Ids);
        Assert.Empty(outcome.Scheduled);
        Assert.Empty(phraser.Requests);
    }

    [Fact]
    public async Task The_worker_makes_no_call_for_a_conversation_that_no_longer_waits()
    {
        var phraser = new ScriptedPhraser(_ => new PhrasingResult("Generated.", true));
        var bot = Bot();
        var chat = Chat(phraser, bot);
        var call = Assert.Single((await chat.Say("is there parking near you?")).Scheduled);
        await Continue(chat, await Worker(bot, phraser).CallAsync(chat.State, call.Id, CancellationToken.None));

        var redelivered = await Worker(bot, phraser).CallAsync(chat.State, call.Id, CancellationToken.None);

        Assert.Single(phraser.Requests);
        Assert.False(redelivered.TryGetProperty("result", out _));
    }

    [Fact]
    public void An_unknown_wait_response_of_an_answer_step_is_reported_at_its_name()
    {
        var yaml = TestBots.Edit(SlowYaml, "wait: one_moment", "wait: one_momnet");

        var result = ClinicBot.Load(yaml);

        var error = TestBots.Single(result, "DLG2001");
        var index = yaml.IndexOf("one_momnet", StringComparison.Ordinal);
        Assert.Equal(("bots/bot.yaml", yaml[..index].Count(c => c == '\n') + 1, index - yaml.LastIndexOf('\n', index) ), (error.Span.File, error.Span.Line, error.Span.Column));
        Assert.False(result.Succeeded);
    }

    private sealed class ScriptedPhraser(Func<PhrasingRequest, PhrasingResult> answer) : IResponsePhraser
    {
        public List<PhrasingRequest> Requests { get; } = [];

        public ValueTask<PhrasingResult> PhraseAsync(PhrasingRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult(answer(request));
        }
    }

    private sealed class StartFlow(string flow) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand(flow)] : [] });
    }

    // New dialogs deployed while the answer is being generated (only a text changed): the flow still waits at its step for
    // the answer; before, any async step in the state counted as a step that is gone and the conversation started over.
    [Fact]
    public async Task Dialogs_deployed_while_the_answer_is_generated_leave_the_flow_waiting_for_it()
    {
        var chat = Chat(new ScriptedPhraser(_ => new PhrasingResult("Parking behind the building.", FromModel: true, TokensIn: 1, TokensOut: 1)));
        await chat.Say("is there parking near you?");
        Assert.Equal("one_moment", chat.Ids);
        var redeployed = new Conversation(Bot(TestBots.Edit(SlowYaml, "Anything else? }", "Anything else I can do? }")), new StartFlow("practice_question"));

        await redeployed.Run(new TurnInput { Kind = TurnKind.Message, Text = "hello? are you there?", Locale = "en", State = chat.State, Now = Conversation.Now });

        Assert.Equal("builtin.still_working", redeployed.Ids);
        Assert.NotNull(redeployed.State!.Calling);
    }
}

