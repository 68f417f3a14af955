using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// <c>{{#if student}}</c> of a yes/no slot: the author18 cinema trial wrote "{{#if student}}, student price{{/if}}" and
/// a "no" showed "student price" beside the full price, since a "No" is a value like any other.
/// </summary>
public sealed class BooleanOptionalTextTests
{
    private const string Bot = """
        bot: { id: cinema, name: Cinema, languages: [en] }
        flows:
          buy:
            description: Buy tickets
            examples: [buy tickets]
            slots: { student: boolean }
            steps:
              - ask: student
                response: ask_student
                optional: true
              - say: summary
        responses:
          ask_student: Are you students?
          summary: "Two tickets{{#if student}}, student price{{else}}, full price{{/if}}."
        """;

    [Theory]
    [InlineData("yes", "Two tickets, student price.")]
    [InlineData("no", "Two tickets, full price.")]
    [InlineData("skip", "Two tickets, full price.")]
    public async Task A_no_reads_as_no_value_in_optional_text(string answer, string expected)
    {
        var c = new Conversation(TestBots.CompileFile(Bot), LexicalUnderstanding.Create());
        await c.Say("buy tickets");

        await c.Say(answer);

        Assert.Equal(expected, c.Last.Replies.Single().Text);
    }
}
