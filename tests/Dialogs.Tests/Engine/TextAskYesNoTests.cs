using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A bare yes or no answers no open question ("What is wrong with your bike?" -> "yes" became the problem in an author
/// trial): it is refused with the <c>text_expected</c> hint and the question again, counted as an attempt. Names and
/// sentences that merely contain such a word ("Yes Man", "Cancel Culture") are still answers.
/// </summary>
public sealed class TextAskYesNoTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de] }
        flows:
          repair:
            description: Book a repair
            examples: { en: [book a repair], de: [Reparatur buchen] }
            slots: { problem: text, owner: text }
            steps:
              - ask: problem
                response: ask_problem
              - ask: owner
                response: ask_owner
                reprompt: owner_again
              - say: booked
        responses:
          ask_problem: { text: { en: What is wrong with your bike?, de: Was ist mit Ihrem Rad? } }
          ask_owner: { text: { en: Your name?, de: Ihr Name? } }
          owner_again: { text: { en: Please tell me your name., de: Bitte nennen Sie Ihren Namen. } }
          booked: { text: { en: "Booked: {{ problem }} for {{ owner }}.", de: "Gebucht: {{ problem }} für {{ owner }}." } }
        """;

    private sealed class Counting : IUnderstanding
    {
        public int Calls { get; private set; }

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(new UnderstandingResult { Path = "embedded", Commands = [new CannotHandleCommand()] });
        }
    }

    private static async Task<Conversation> AtProblem(IUnderstanding? understanding = null, string locale = "en")
    {
        var c = new Conversation(TestBots.CompileFile(Bot), understanding, locale: locale);
        await c.Click("repair");
        Assert.Equal("ask_problem", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes.")]
    [InlineData("ok")]
    [InlineData("no")]
    [InlineData("nope")]
    [InlineData("yes please")]
    public async Task A_bare_yes_or_no_is_no_answer_to_a_free_text_question(string text)
    {
        var recognizer = new Counting();
        var c = await AtProblem(recognizer);

        await c.Say(text);

        Assert.Equal("builtin.text_expected,ask_problem", c.Ids);
        Assert.Equal("A yes or no does not answer this question. | What is wrong with your bike?", c.Text);
        Assert.Null(c.Slot("problem"));
        Assert.Contains("pattern:text_expected", c.Last.Trace.Events);
        Assert.Equal(1, c.State!.Stack[0].Attempts);
        Assert.Equal(0, recognizer.Calls);
    }

    [Fact]
    public async Task It_counts_as_an_attempt_so_three_end_the_flow()
    {
        var c = await AtProblem();
        await c.Say("yes");
        await c.Say("yes");
        await c.Say("yes");
        Assert.Contains("exhausted:#1", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task German_has_its_own_text()
    {
        var c = await AtProblem(locale: "de");

        await c.Say("ja");

        Assert.Equal("Ein Ja oder Nein beantwortet diese Frage leider nicht. | Was ist mit Ihrem Rad?", c.Text);
    }

    [Fact]
    public async Task The_asks_own_reprompt_follows_the_hint()
    {
        var c = await AtProblem();
        await c.Say("the chain is loose");

        await c.Say("no");

        Assert.Equal("builtin.text_expected,owner_again", c.Ids);
    }

    [Theory]
    [InlineData("Yes Man")]
    [InlineData("No Doubt")]
    [InlineData("Cancel Culture")]
    [InlineData("Ann0")]
    [InlineData("Bob 2")]
    [InlineData("José")]
    [InlineData("O'Neil")]
    [InlineData("x Æ A-12")]
    [InlineData("yes it makes a noise")]
    public async Task Words_that_merely_contain_a_yes_or_no_are_the_answer(string text)
    {
        var c = await AtProblem();
        await c.Say("the chain is loose");

        await c.Say(text);

        Assert.Equal("booked", c.Ids);
        Assert.Equal($"Booked: the chain is loose for {text}.", c.Text);
    }
}
