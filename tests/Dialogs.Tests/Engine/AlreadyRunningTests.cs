using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Asking for the flow that is already running ("I want to book a repair" while booking one) is no wrong answer: the
/// bot says it is already on it and asks the question again, without using up an attempt. Found in an author trial.
/// </summary>
public sealed class AlreadyRunningTests
{
    private const string Bot = """
        flows:
          book:
            description: Book a repair
            examples: [book a repair, I want to book a repair]
            slots:
              day: date
              problem: text
            steps:
              - ask: day
                response: ask_day
              - ask: problem
                response: ask_problem
              - say: booked
          track:
            description: Track a repair
            examples: [where is my bike]
            slots: { ticket: text }
            steps:
              - ask: ticket
                response: ask_ticket
        responses:
          ask_day: Which day?
          ask_problem: What is wrong with the bike?
          ask_ticket: Your ticket number?
          booked: "Booked: {{ problem }}."
        """;

    /// <summary>A recognizer that names one flow with the given scores (the embedded model names the nearest flow).</summary>
    private sealed class Nearest(string flow, double score, double runnerUp) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult
            {
                Path = "embedded",
                Commands = [new StartFlowCommand(flow)],
                Scores = [new("flow:" + flow, score), new("flow:track", runnerUp)],
            });
    }

    /// <summary>The bot with the author's own already_running response.</summary>
    private static string WithOwnText(string text) => Bot.Replace("responses:", "patterns:\n  already_running: { response: already }\nresponses:\n  already: \"" + text + "\"", StringComparison.Ordinal);

    private static async Task<Conversation> AtDay(string yaml = Bot, IUnderstanding? understanding = null, string locale = "en")
    {
        var c = new Conversation(TestBots.Compile(yaml), understanding, locale: locale);
        await c.Click("book");
        Assert.Equal("ask_day", c.Ids);
        return c;
    }

    [Fact]
    public async Task An_example_of_the_running_flow_says_so_and_asks_again_without_using_up_attempts()
    {
        var c = await AtDay();

        // Three times: with the default 3 attempts, failed answers would have ended the flow.
        for (var i = 0; i < 3; i++)
        {
            await c.Say("I want to book a repair");
            Assert.Equal("builtin.already_running,ask_day", c.Ids);
            Assert.Equal("We are already on it. Let's carry on. | Which day?", c.Text);
            Assert.Contains("pattern:already_running", c.Last.Trace.Events);
            Assert.Equal(0, c.State!.Stack[0].Attempts);
        }

        await c.Say("tomorrow");
        Assert.Equal("ask_problem", c.Ids);
    }

    [Fact]
    public async Task German_has_its_own_text()
    {
        const string yaml = """
            bot: { id: test, name: Test, languages: [en, de] }
            flows:
              book:
                description: Book a repair
                examples: { en: [book a repair], de: [Reparatur buchen] }
                slots: { day: date }
                steps:
                  - ask: day
                    response: ask_day
            responses:
              ask_day: { text: { en: Which day?, de: Welcher Tag? } }
            """;
        var c = new Conversation(TestBots.CompileFile(yaml), locale: "de");
        await c.Say("Reparatur buchen");

        await c.Say("Reparatur buchen");

        Assert.Equal("Daran sind wir schon. Machen wir weiter. | Welcher Tag?", c.Text);
    }

    [Fact]
    public async Task A_confident_recognizer_counts_like_an_example_but_a_merely_nearest_flow_is_a_failed_answer()
    {
        var sure = await AtDay(understanding: new Nearest("book", 0.9, 0.2));
        await sure.Say("could I get my bike fixed please");
        Assert.Equal("builtin.already_running,ask_day", sure.Ids);

        // The embedded model names the nearest flow for almost anything; below the bot's threshold or margin that is noise.
        foreach (var (score, runnerUp) in new[] { (0.35, 0.1), (0.8, 0.75) })
        {
            var unsure = await AtDay(understanding: new Nearest("book", score, runnerUp));
            await unsure.Say("purple monkey dishwasher");
            Assert.Equal("builtin.reprompt_date,ask_day", unsure.Ids);
            Assert.Equal(1, unsure.State!.Stack[0].Attempts);
            Assert.DoesNotContain("pattern:already_running", unsure.Last.Trace.Events);
        }
    }

    [Fact]
    public async Task A_value_of_the_asked_slot_is_the_answer_even_from_a_confident_recognizer()
    {
        var c = await AtDay(understanding: new Nearest("book", 0.9, 0.2));
        await c.Say("tomorrow");
        Assert.Equal("ask_problem", c.Ids);

        // At a free-text question every message is an answer, also an example of the running flow.
        await c.Say("I want to book a repair");
        Assert.Equal("booked", c.Ids);
        Assert.Equal("Booked: I want to book a repair.", c.Text);
    }

    [Fact]
    public async Task Asking_again_with_the_answer_inside_the_sentence_takes_the_answer()
    {
        var c = await AtDay(understanding: new Nearest("book", 0.9, 0.2));

        await c.Say("I want to book a repair for tomorrow");

        Assert.Equal("ask_problem", c.Ids);
        Assert.Equal("2026-11-28", c.Slot("day"));
    }

    [Fact]
    public async Task An_authors_text_names_the_running_flow_never_an_empty_title()
    {
        var c = await AtDay(WithOwnText("We are already busy with: {{ flow.label }}."));

        await c.Say("book a repair");

        Assert.Equal("already,ask_day", c.Ids);
        Assert.Equal("We are already busy with: Book a repair.", c.Last.Replies[0].Text);
    }

    [Fact]
    public async Task The_resumed_flow_has_no_value_in_it_so_the_validator_refuses_it()
    {
        var result = TestBots.Load(WithOwnText("Back to {{ resumed.label }}."));

        Assert.Contains(result.Diagnostics, d => d.Id == "DLG2038" && d.Message.Contains("already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_the_recognizer_puts_with_the_running_flow_is_a_side_question_not_an_answer()
    {
        var c = await AtDay(understanding: new Nearest("book", 0.9, 0.2));

        // The embedded model put "how many days … for a wedding?" with the running leave request and the engine said
        // back the leave type it held ("Got it: special leave.") or "We are already on it".
        await c.Say("how long does a repair usually take?");

        Assert.Equal("builtin.off_topic,ask_day", c.Ids);
        Assert.Contains("question_about_running", c.Last.Trace.Events);
        Assert.Equal(0, c.State!.Stack[0].Attempts);

        // A request phrased as a question is still the running flow's own.
        await c.Say("can I book a repair?");
        Assert.Equal("builtin.already_running,ask_day", c.Ids);
    }
}
