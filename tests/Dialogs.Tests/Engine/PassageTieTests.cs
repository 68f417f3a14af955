using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Without a model, a best passage that another section's passage nearly equals is not sent as written: the texts do not
/// tell which one the question is about. The rival counts whether or not it reaches min_score itself.
/// </summary>
public sealed class PassageTieTests
{
    // know3 (knowledge tune split, embedded): "does it cover flight delays" scored the delayed luggage 0.305 and the
    // exclusions 0.300, just under min_score, so only the luggage passage was ranked and it was sent as the answer.
    [Theory]
    [InlineData(0.295, "no_answer")]
    [InlineData(0.31, "no_answer")]
    [InlineData(0.20, "answer")]
    public async Task A_rival_of_another_section_within_the_lead_turns_the_answer_down_even_below_the_threshold(double rival, string expected)
    {
        // Passages in order: Opening hours, Parking, Insurance; the parking passage is best at 0.32 (threshold 0.3).
        var result = ClinicBot.Load();
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var engine = new DialogEngine(new StaticDefinitionsProvider(result.Bot!), new StartPracticeQuestion(), knowledgeSimilarity: new FixedScores(rival, 0.32, 0.05));

        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "can I park there?", Locale = "en", Now = Conversation.Now }, CancellationToken.None);

        Assert.Equal(expected, string.Join(",", outcome.Replies.Select(r => r.ResponseId)));
        Assert.Equal(expected == "no_answer", outcome.Trace.Events.Contains("knowledge_tie:texts/clinic.md:2"));
    }

    private sealed class StartPracticeQuestion : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand("practice_question")] : [] });
    }
}
