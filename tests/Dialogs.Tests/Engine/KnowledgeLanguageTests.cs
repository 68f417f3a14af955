using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>A bot in two languages answers a question from the text in the question's language, however near the other is.</summary>
public sealed class KnowledgeLanguageTests
{
    private const string Bot = """
        bot: { id: trattoria, name: Trattoria, languages: [en, de] }
        knowledge: { files: [texts/menu.md, texts/karte.md] }
        flows:
          question:
            description: Questions about the menu
            examples: { en: [what is on the menu], de: [was gibt es zu essen] }
            steps:
              - answer:
                if_no_answer: no_answer
        responses:
          no_answer: { text: { en: I don't know., de: Weiß ich nicht. } }
        """;

    private const string English = """
        # Menu

        ## Allergies

        We make gluten-free pasta and pizza bases on request, and dishes without nuts or eggs.
        """;

    private const string German = """
        # Speisekarte

        ## Allergien

        Wir machen glutenfreie Pasta und Pizzaböden auf Wunsch, und Gerichte ohne Nüsse oder Eier.
        """;

    // The restaurant trial (samples/restaurant): "is there gluten free pasta?" was answered with the German passage, which
    // the embedded model put nearest ("glutenfreie Pasta"). Passages in order: English, German.
    [Theory]
    [InlineData("is there gluten free pasta?", "en", "We make gluten-free pasta")]
    [InlineData("gibt es glutenfreie Pasta?", "de", "Wir machen glutenfreie Pasta")]
    public async Task The_passage_in_the_questions_language_answers_it(string question, string locale, string expected)
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", Bot)], "bots", path => Path.GetFileName(path) switch
        {
            "menu.md" => English,
            "karte.md" => German,
            _ => null,
        });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        // Whatever the question, the other language's passage scores higher, as MiniLM scored it.
        var engine = new DialogEngine(new StaticDefinitionsProvider(result.Bot!), new StartQuestion(), knowledgeSimilarity: new FixedScores(locale == "en" ? [0.5, 0.8] : [0.8, 0.5]));

        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = question, Locale = locale, Now = Conversation.Now }, CancellationToken.None);

        Assert.Equal("answer", string.Join(",", outcome.Replies.Select(r => r.ResponseId)));
        Assert.Contains(expected, outcome.Replies[0].Text, StringComparison.Ordinal);
    }

    private sealed class FixedScores(double[] scores) : IUtteranceSimilarity
    {
        public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(scores.ToArray());
    }

    private sealed class StartQuestion : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand("question")] : [] });
    }
}
