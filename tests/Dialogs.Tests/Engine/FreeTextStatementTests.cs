using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// author16's energy trial: "the base fee is charged twice" at "What looks wrong on the bill?" went to the flow that
/// answers tariff questions (the recognizer placed it there confidently by "base fee"), which had no answer, and the
/// description was lost. A statement at a free-text question is the answer; a question still digresses.
/// </summary>
public sealed class FreeTextStatementTests
{
    private const string Yaml = """
        bot:
          id: energy
          name: Energy
          languages: [en]
        knowledge:
          files: [texts/tariffs.md]
        flows:
          dispute:
            examples: { en: [my bill is wrong] }
            slots: { problem: text }
            steps:
              - ask: problem
                response: ask_problem
              - end: thanks
          reading:
            examples: { en: [submit a meter reading] }
            slots: { reading: integer }
            steps:
              - ask: reading
                response: ask_reading
              - end: thanks
          questions:
            examples: { en: [what is the base fee, how much is a kWh] }
            steps:
              - answer:
                if_no_answer: no_answer
        responses:
          ask_problem: { text: { en: What looks wrong on the bill? } }
          ask_reading: { text: { en: What does the meter show? } }
          thanks: { text: { en: Thanks. } }
          no_answer: { text: { en: "I can't answer that." } }
        """;

    private const string Markdown = """
        # Base fee
        The base fee is 12.90 euros a month.
        """;

    /// <summary>A recognizer confident that every message asks the questions flow, as the lexical one was for "base fee".</summary>
    private sealed class QuestionsRecognizer : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(new UnderstandingResult
        {
            Path = "lexical",
            Commands = [new StartFlowCommand("questions")],
            Scores = [new("flow:questions", 0.9), new("flow:dispute", 0.1), new("flow:reading", 0.1)],
        });
    }

    private static async Task<Conversation> AtProblem() => await At("dispute", "ask_problem");

    private static async Task<Conversation> At(string flow, string question)
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", Yaml)], "bots", path => path == Path.Combine("bots", "texts/tariffs.md") ? Markdown : null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!, new QuestionsRecognizer());
        await c.Click(flow);
        Assert.Equal(question, c.Ids);
        return c;
    }

    [Fact]
    public async Task A_statement_is_the_description_not_a_question_for_the_knowledge()
    {
        var c = await AtProblem();

        await c.Say("the base fee is charged twice on my bill");

        Assert.Equal("thanks", c.Ids);
        Assert.Contains("statement_kept:questions", c.Last.Trace.Events);
    }

    [Theory]
    [InlineData("what is the base fee on my bill?")]
    [InlineData("how much is the base fee per month")]
    public async Task A_question_still_goes_to_the_knowledge(string question)
    {
        var c = await AtProblem();

        await c.Say(question);

        Assert.Contains("digression:questions", c.Last.Trace.Events);
        Assert.Equal(["dispute"], c.Flows);
    }

    [Fact]
    public async Task A_wrong_answer_at_a_number_question_is_asked_again_not_answered_from_the_knowledge()
    {
        var c = await At("reading", "ask_reading");

        await c.Say("12.873,4 kWh");

        Assert.Equal(["reading"], c.Flows);
        Assert.DoesNotContain("flow_started:questions", c.Last.Trace.Events);
        Assert.EndsWith("ask_reading", c.Ids, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_information_at_a_number_question_still_goes_to_the_knowledge()
    {
        var c = await At("reading", "ask_reading");

        await c.Say("I would like to know the base fee");

        Assert.Contains("flow_started:questions", c.Last.Trace.Events);
    }
}
