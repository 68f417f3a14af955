using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Without a model, the best passage is not sent when the question asks of a thing it does not speak of: a way of doing
/// it that another section's heading names, or a thing no text names whose other words every section says.
/// </summary>
public sealed class KnowledgeOtherThingTests
{
    private const string HowTo = """
        # Wi-Fi
        Connect to the network "Northwind-Staff" and sign in with your usual user name and password.

        # VPN
        Install the VPN client from the Software Center, start it and choose "Northwind Remote".

        # Printing
        Printers are added automatically on company laptops.
        """;

    private const string Cover = """
        # Lost luggage
        Lost, stolen or damaged luggage is covered up to 2,000 EUR per person.

        # Trip cancellation
        Cancellation costs are covered when you cancel because of serious illness.

        # Medical costs abroad
        Emergency medical treatment abroad is covered without limit.

        # Exclusions
        Not covered are dangerous sports such as skydiving and injuries under the influence of alcohol or drugs.
        """;

    // know4 (knowledge tune, lexical): "how do I connect remotely to the company network" got the Wi-Fi text (0.53, by
    // "connect" and "network"), which tells how to connect in the office; remote access is the VPN's.
    [Theory]
    [InlineData("how do I connect remotely to the company network", "no_answer")]
    [InlineData("how do I connect to the network", "answer")]
    public async Task A_way_another_sections_heading_names_is_not_answered_by_the_best_passage(string question, string expected)
    {
        var outcome = await AskAsync(HowTo, question, 0.53, 0.25, 0.05);

        Assert.Equal(expected, outcome.Replies.Single().ResponseId);
        Assert.Equal(expected == "no_answer", outcome.Trace.Events.Contains("knowledge_unknown:remotely"));
    }

    // know4 (own probe, embedded): "is covid covered" got the exclusions (0.46): every section says "covered", none covid.
    [Theory]
    [InlineData("is covid covered", "no_answer")]
    [InlineData("do you cover rental cars", "no_answer")]
    [InlineData("is skydiving covered", "answer")] // one section says it
    [InlineData("am I covered if I was drunk", "answer")] // "under the influence of alcohol": an everyday synonym
    public async Task A_thing_no_text_names_is_not_answered_by_the_words_every_section_says(string question, string expected)
    {
        var outcome = await AskAsync(Cover, question, 0.10, 0.20, 0.25, 0.45);

        Assert.Equal(expected, outcome.Replies.Single().ResponseId);
    }

    private static async Task<TurnOutcome> AskAsync(string markdown, string question, params double[] scores)
    {
        var bot = """
            bot: { id: kb, name: KB, languages: [en] }
            knowledge: { files: [texts/kb.md] }
            flows:
              question:
                description: A question
                examples: { en: [I have a question] }
                steps:
                  - answer:
                    if_no_answer: no_answer
            responses:
              no_answer: { text: { en: "I can't answer that, sorry." } }
            """;
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", bot)], "bots", path => path == Path.Combine("bots", "texts/kb.md") ? markdown : null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var engine = new DialogEngine(new StaticDefinitionsProvider(result.Bot!), new StartQuestion(), knowledgeSimilarity: new FixedScores(scores));
        return await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = question, Locale = "en", Now = Conversation.Now }, CancellationToken.None);
    }

    private sealed class StartQuestion : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand("question")] : [] });
    }
}
